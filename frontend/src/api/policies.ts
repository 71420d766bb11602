// Policies and their clauses as the centre writes them (`/policies`, `/clauses`), the enterprises
// a clause reaches (paged, or all as CSV), and an enterprise's matches (eligible and near misses,
// explained). Applications are in `applications.ts`.
import { api, apiUrl } from './client'
import type {
  Clause,
  ClauseRequest,
  EligibleEnterprise,
  Matches,
  Page,
  PageQuery,
  Policy,
  PolicyDetail,
  PolicyQuery,
  PolicyRequest,
  Uuid,
} from './types'

export const listPolicies = (query: PolicyQuery) => api.get<Page<Policy>>('/policies', query)

/** A policy with its clauses (drafts and withdrawn ones too for staff; published ones for enterprises). */
export const policyDetail = (id: Uuid) => api.get<PolicyDetail>(`/policies/${id}`)

export const createPolicy = (body: PolicyRequest) => api.post<Policy>('/policies', body)

export const updatePolicy = (id: Uuid, body: PolicyRequest) => api.put<Policy>(`/policies/${id}`, body)

export const createClause = (policy: Uuid, body: ClauseRequest) => api.post<Clause>(`/policies/${policy}/clauses`, body)

export const updateClause = (id: Uuid, body: ClauseRequest) => api.put<Clause>(`/clauses/${id}`, body)

export const publishClause = (id: Uuid) => api.post<Clause>(`/clauses/${id}/publish`)

export const withdrawClause = (id: Uuid) => api.post<Clause>(`/clauses/${id}/withdraw`)

/** The enterprises eligible for a clause today, by name. */
export const eligibleEnterprises = (id: Uuid, query: PageQuery) =>
  api.get<Page<EligibleEnterprise>>(`/clauses/${id}/eligible`, query)

/** Where the browser downloads every eligible enterprise as CSV (the session cookie goes along). */
export const eligibleCsvUrl = (id: Uuid) => apiUrl(`/clauses/${id}/eligible.csv`)

/** The signed-in enterprise's eligible clauses and near misses, each explained. */
export const myMatches = () => api.get<Matches>('/enterprises/me/matches')
