// Types of the backend's JSON contract (`/api/v1`), mirrored by hand from the API's DTOs.

export const ROLES = [
  'enterprise',
  'intermediary',
  'commissioner',
  'department',
  'regulator',
  'center_admin',
] as const
export type Role = (typeof ROLES)[number]

/** Roles that a centre administrator may give to a user it creates. */
export const STAFF_ROLES = ['department', 'regulator', 'commissioner', 'center_admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const ORGANISATION_KINDS = ['enterprise', 'intermediary', 'department', 'center'] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]

export const ORGANISATION_STATUSES = ['active', 'pending', 'rejected'] as const
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number]

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export type Uuid = string
/** An RFC 3339 timestamp. */
export type Timestamp = string

export interface Organisation {
  id: Uuid
  name: string
  kind: OrganisationKind
  uscc: string
  status: OrganisationStatus
  created_at: Timestamp
}

export interface Me {
  id: Uuid
  email: string
  display_name: string
  role: Role
  locale: Locale
  status: 'active' | 'disabled'
  organisation: Organisation
}

export type User = Me & { created_at: Timestamp }

export interface Page<T> {
  items: T[]
  total: number
  page: number
  per_page: number
}

export interface PageQuery {
  page: number
  per_page: number
}

export interface AuditEntry {
  id: number
  occurred_at: Timestamp
  actor: { user_id: Uuid; email: string; role: Role; organisation_id: Uuid } | null
  action: string
  target_type: string
  target_id: string
  summary: Record<string, unknown>
  ip: string | null
}

export interface RegisterRequest {
  kind: 'enterprise' | 'intermediary'
  organisation_name: string
  uscc: string
  display_name: string
  email: string
  password: string
  locale: Locale
}

export interface LoginResponse {
  token: string
  csrf_token: string
  expires_at: Timestamp
  user: Me
}

export interface NewUser {
  email: string
  display_name: string
  role: StaffRole
  organisation_id: Uuid
  password: string
  locale: Locale
}

export interface NewOrganisation {
  name: string
  kind: 'department' | 'center'
  uscc: string
}

export interface AuditQuery extends PageQuery {
  actor?: string
  action?: string
  target_type?: string
  target_id?: string
  from?: Timestamp
  to?: Timestamp
}
