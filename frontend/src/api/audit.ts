// The audit log, readable by the centre and regulators.
import { api } from './client'
import type { AuditEntry, AuditQuery, Page } from './types'

export const listAuditEntries = (query: AuditQuery) => api.get<Page<AuditEntry>>('/audit', query)
