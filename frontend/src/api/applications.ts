// Applications (申报) as the issuing department reviews them (`/applications`): the queue, one
// application with its materials and payout clock, the decision and the payout.
import { api } from './client'
import type { Application, ApplicationDecision, ApplicationQuery, Page, Uuid } from './types'

/** A department's own policies' applications, or all for the centre's staff. */
export const listApplications = (query: ApplicationQuery) => api.get<Page<Application>>('/applications', query)

export const getApplication = (id: Uuid) => api.get<Application>(`/applications/${id}`)

export const decideApplication = (id: Uuid, body: ApplicationDecision) =>
  api.post<Application>(`/applications/${id}/decide`, body)

export const payApplication = (id: Uuid, amountFen: number) =>
  api.post<Application>(`/applications/${id}/pay`, { amount_fen: amountFen })
