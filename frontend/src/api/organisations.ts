// Organisations as administered by the centre: listing, creating, approving intermediaries.
import { api } from './client'
import type { NewOrganisation, Organisation, Page, PageQuery, QueryOf, Uuid } from './types'

export type OrganisationQuery = PageQuery & QueryOf<'list_organisations'>

export const listOrganisations = (query: OrganisationQuery) =>
  api.get<Page<Organisation>>('/organisations', query)

export const createOrganisation = (body: NewOrganisation) =>
  api.post<Organisation>('/organisations', body)

export const approveOrganisation = (id: Uuid, reason: string) =>
  api.post<Organisation>(`/organisations/${id}/approve`, { reason })

export const rejectOrganisation = (id: Uuid, reason: string) =>
  api.post<Organisation>(`/organisations/${id}/reject`, { reason })
