// Policies as an enterprise meets them: its matches (eligible and near misses, explained), a
// policy's published clauses, applying (申报) with materials, confirming or declining an
// automatic grant (免申即享), and its applications with the payout clock.
import { api } from './client'
import type { Application, ApplicationQuery, Matches, Material, Page, PolicyDetail, Uuid } from './types'

export const myMatches = () => api.get<Matches>('/enterprises/me/matches')

/** A policy with its published clauses (issuer, materials). */
export const getPolicy = (id: Uuid) => api.get<PolicyDetail>(`/policies/${id}`)

/** Applies for a clause in `apply` mode; one uploaded file per required material. */
export const applyForClause = (clause: Uuid, materials: Material[]) =>
  api.post<Application>(`/clauses/${clause}/applications`, { materials })

/** Confirms an automatic grant (意愿确认). */
export const confirmGrant = (clause: Uuid) => api.post<Application>(`/clauses/${clause}/confirm`)

export const declineGrant = (clause: Uuid) => api.post<Application>(`/clauses/${clause}/decline`)

export const myApplications = (query: ApplicationQuery) =>
  api.get<Page<Application>>('/enterprises/me/applications', query)

export const getApplication = (id: Uuid) => api.get<Application>(`/applications/${id}`)

/** Hands a returned application in again with its materials. */
export const resubmitApplication = (id: Uuid, materials: Material[]) =>
  api.post<Application>(`/applications/${id}/resubmit`, { materials })
