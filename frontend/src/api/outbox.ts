// The outbox of queued side effects (e-mail): listing by status and re-queueing dead messages.
import { api } from './client'
import type { OutboxMessage, OutboxQuery, Page, Uuid } from './types'

export const listOutbox = (query: OutboxQuery) => api.get<Page<OutboxMessage>>('/outbox', query)

export const requeueMessage = (id: Uuid) => api.post<OutboxMessage>(`/outbox/${id}/requeue`, {})
