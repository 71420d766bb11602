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
  actor: { user_id: Uuid; email: string; role: Role; organisation_id: Uuid; organisation_name: string | null } | null
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

export const NOTIFICATION_CATEGORIES = ['account', 'approvals'] as const
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number]

/** One in-app notification; `title` and `body` are in the recipient's language of the time. */
export interface Notification {
  id: Uuid
  category: NotificationCategory
  event: string
  title: string
  body: string
  /** A path in this web app. */
  link: string | null
  created_at: Timestamp
  read_at: Timestamp | null
}

export interface NotificationQuery extends PageQuery {
  /** Only unread ones. */
  unread?: boolean
}

/** Whether a category's notifications also go out by e-mail (in-app is always on). */
export interface NotificationPreference {
  category: NotificationCategory
  email: boolean
}

export const JOB_TRIGGERS = ['schedule', 'catch_up', 'manual'] as const
export type JobTrigger = (typeof JOB_TRIGGERS)[number]

export const JOB_OUTCOMES = ['running', 'succeeded', 'failed'] as const
export type JobOutcome = (typeof JOB_OUTCOMES)[number]

export interface JobRun {
  id: number
  job_name: string
  /** The scheduled instant this run stands for. */
  scheduled_for: Timestamp
  trigger: JobTrigger
  outcome: JobOutcome
  attempt: number
  server_id: string
  started_at: Timestamp
  finished_at: Timestamp | null
  duration_ms: number | null
  /** The job's summary, or the error of a failed run. */
  message: string | null
}

/** A scheduled job; `cron` has six fields, seconds first, in China Standard Time. */
export interface Job {
  name: string
  /** What the job does, in Chinese. */
  description: string
  /** The same in English. */
  description_en: string
  cron: string
  /** From configuration: a disabled job never runs on schedule. */
  enabled: boolean
  paused: boolean
  next_run_at: Timestamp | null
  last_run: JobRun | null
}

export const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

export interface OutboxMessage {
  id: Uuid
  kind: string
  status: OutboxStatus
  attempts: number
  /** When the next attempt is due; pending messages only. */
  next_attempt_at: Timestamp | null
  last_error: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
  /** For e-mail: `recipient: subject`. */
  summary: string
}

export interface OutboxQuery extends PageQuery {
  status?: OutboxStatus
}

export const SEARCH_KINDS = ['organisation'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export interface SearchHit {
  id: string
  kind: SearchKind
  record_id: Uuid
  title: string
  /** HTML from the server: all text escaped, matches wrapped in `<mark>`. */
  snippet: string
  score: number
}

export interface SearchQuery extends PageQuery {
  q: string
  kind?: SearchKind
}

/** What an uploaded file is for; each purpose has its own uploaders and size limit. */
export const FILE_PURPOSES = [
  'bid_proposal',
  'delivery_result',
  'application_material',
  'rectification_report',
  'case_evidence',
] as const
export type FilePurpose = (typeof FILE_PURPOSES)[number]

/** What may be uploaded for one purpose, and by whom (the server's configured limit). */
export interface PurposeLimit {
  purpose: FilePurpose
  max_bytes: number
  uploaders: Role[]
}

/** An uploaded file; until a record claims it, only its uploader's organisation may read it. */
export interface FileResponse {
  id: Uuid
  name: string
  size: number
  /** Found by the server from the bytes, never from the name. */
  content_type: string
  sha256: string
  purpose: FilePurpose
  created_at: Timestamp
}

/** A signed path that downloads a file without a session until `expires_at`. */
export interface FileLink {
  url: string
  expires_at: Timestamp
}
