// User administration by the centre: listing, creating, disabling and enabling accounts.
import { api } from './client'
import type { NewUser, Page, PageQuery, QueryOf, User, Uuid } from './types'

export type UserQuery = PageQuery & QueryOf<'list_users'>

export const listUsers = (query: UserQuery) => api.get<Page<User>>('/users', query)

export const createUser = (body: NewUser) => api.post<User>('/users', body)

export const disableUser = (id: Uuid, reason: string) =>
  api.post<User>(`/users/${id}/disable`, { reason })

export const enableUser = (id: Uuid) => api.post<User>(`/users/${id}/enable`, {})
