// Applications (申报): an enterprise applies for a clause with its materials, confirms or declines
// an automatic grant (免申即享), follows its applications and resubmits a returned one; the issuing
// department reviews them (`/applications`): the queue, one application with its materials and
// payout clock, the decision and the payout.
import { api } from './client'
import type { Application, ApplicationDecision, ApplicationMaterial, ApplicationQuery, Page, Uuid } from './types'

/** Applies for a clause in `apply` mode; one uploaded file per required material. */
export const applyForClause = (clause: Uuid, materials: ApplicationMaterial[]) =>
  api.post<Application>(`/clauses/${clause}/applications`, { materials })

/** Confirms an automatic grant (意愿确认). */
export const confirmGrant = (clause: Uuid) => api.post<Application>(`/clauses/${clause}/confirm`)

export const declineGrant = (clause: Uuid) => api.post<Application>(`/clauses/${clause}/decline`)

/** The signed-in enterprise's applications, newest first. */
export const myApplications = (query: ApplicationQuery) =>
  api.get<Page<Application>>('/enterprises/me/applications', query)

/** Hands a returned application in again with its materials. */
export const resubmitApplication = (id: Uuid, materials: ApplicationMaterial[]) =>
  api.post<Application>(`/applications/${id}/resubmit`, { materials })

/** A department's own policies' applications, or all for the centre's staff. */
export const listApplications = (query: ApplicationQuery) => api.get<Page<Application>>('/applications', query)

export const getApplication = (id: Uuid) => api.get<Application>(`/applications/${id}`)

export const decideApplication = (id: Uuid, body: ApplicationDecision) =>
  api.post<Application>(`/applications/${id}/decide`, body)

export const payApplication = (id: Uuid, amountFen: number) =>
  api.post<Application>(`/applications/${id}/pay`, { amount_fen: amountFen })
