// Types of the backend's JSON contract (`/api/v1`), mirrored by hand from the API's DTOs.
import type { ConditionField } from '@/utils/conditionTree'

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
  /** The centre's reason for its last decision (why a registration was rejected). */
  status_reason?: string | null
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

export const NOTIFICATION_CATEGORIES = ['account', 'approvals', 'policies', 'services', 'marketplace'] as const
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

// ---- Enterprises, tags and conditions (`src/enterprises/dto.rs`) ----

/** A calendar day, `YYYY-MM-DD`. */
export type DateString = string

export const TAX_CREDIT_GRADES = ['A', 'B', 'M', 'C', 'D'] as const
export type TaxCreditGrade = (typeof TAX_CREDIT_GRADES)[number]

/** The size classes of 《中小企业划型标准规定》, derived by the server. */
export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const
export type SizeClass = (typeof SIZE_CLASSES)[number]

/** A qualification or honour held (资质荣誉); it counts until `expires_on` (none: never expires). */
export interface HeldQualification {
  kind: string
  certificate_no: string | null
  obtained_on: DateString | null
  expires_on: DateString | null
}

export interface Contact {
  name: string
  title: string | null
  phone: string | null
  email: string | null
}

/** The fields of an enterprise profile; amounts in fen. */
export interface ProfileFields {
  legal_representative: string | null
  registered_capital_fen: number | null
  revenue_fen: number | null
  total_assets_fen: number | null
  founded_on: DateString | null
  /** Six digits (GB/T 2260). */
  region_code: string | null
  /** GB/T 4754-2017: section letter and 2 to 4 digits, e.g. `I65`. */
  industry_code: string | null
  employees: number | null
  rd_spending_fen: number | null
  tax_credit_grade: TaxCreditGrade | null
  qualifications: HeldQualification[]
  contacts: Contact[]
}

export interface ProfileResponse extends ProfileFields {
  enterprise_id: Uuid
  name: string
  uscc: string | null
  size_class: SizeClass | null
  /** The figures the industry's size thresholds use that the profile lacks (class unknown). */
  size_class_missing?: SizeMeasure[]
  /** Why the class is unknown otherwise (no industry; finance or railways, outside the standard). */
  size_class_note?: string | null
  /** e.g. 浙江省杭州市西湖区; an abolished code's former name marked 已撤销. */
  region_name: string | null
  /** 0 before the first save. */
  version: number
  updated_at: Timestamp | null
  /** Each qualification's verification, in the order of `qualifications`. */
  qualification_checks: QualificationCheck[]
}

/**
 * 核验状态: `declared` (待核验, typed in by the enterprise; enough to apply, not for an automatic
 * grant), `verified` (已核验, by a department or the centre, or imported), `rejected` (未通过).
 */
export const VERIFICATION_STATUSES = ['declared', 'verified', 'rejected'] as const
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number]

/** One qualification of a profile with its verification. */
export interface QualificationCheck {
  id: Uuid
  kind: string
  name_zh: string
  name_en: string
  certificate_no: string | null
  expires_on: DateString | null
  status: VerificationStatus
  /** The organisation that verified or rejected it. */
  verifier: string | null
  verified_at: Timestamp | null
  /** Why it was rejected. */
  note: string | null
}

/**
 * A profile save: the fields and the version the edit is based on; a newer stored one answers
 * 409 `profile_version_conflict`.
 */
export type ProfileRequest = ProfileFields & { version?: number }

export interface ProfileVersion {
  version: number
  changed_at: Timestamp
  actor_role: Role | null
  actor_organisation: string | null
  /** Field → what it was and what it became. */
  changes: Record<string, { before: unknown; after: unknown }> | null
}

export interface EnterpriseSummary {
  enterprise_id: Uuid
  name: string
  uscc: string | null
  region_code: string | null
  industry_code: string | null
  size_class: SizeClass | null
  employees: number | null
  updated_at: Timestamp | null
}

export interface EnterpriseQuery extends PageQuery {
  /** Part of the name or of the unified social credit code. */
  name?: string
  /** An administrative division prefix, e.g. `3301` (Hangzhou). */
  region?: string
  /** An industry code prefix: a section letter (`C`) or more (`C39`). */
  industry?: string
  size_class?: SizeClass
}

export interface Tag {
  id: Uuid
  code: string
  name_zh: string
  name_en: string
  description: string
  kind: 'manual' | 'derived'
  rule: unknown | null
  rule_text: string | null
}

export interface TagDimension {
  id: Uuid
  code: string
  name_zh: string
  name_en: string
  position: number
  tags: Tag[]
}

export interface NewTagDimension {
  code: string
  name_zh: string
  name_en: string
  position: number
}

/** A dimension's names and place; its code stays as it was created. */
export type TagDimensionUpdate = Omit<NewTagDimension, 'code'>

export interface TagRequest {
  code: string
  dimension_id: Uuid
  name_zh: string
  name_en: string
  description: string
  /** The deriving rule as JSON; none for a manual tag. */
  rule?: unknown
}

/** How one comparison of a condition fared for one enterprise. */
export interface TestOutcome {
  /** Where the comparison is in the tree, e.g. `all[1]`. */
  path: string
  field: string
  /** The comparison in the text form, e.g. `employees >= 20`. */
  requirement: string
  met: boolean
  /** The enterprise's value in the text form's notation; none when the profile lacks it. */
  actual: string | null
  /** Met only by a qualification the enterprise declared and nobody verified yet (待核验). */
  declared_only?: boolean
}

export interface Explanation {
  met: boolean
  outcomes: TestOutcome[]
  /** The fewest comparisons that would have to change (empty when met). */
  to_change: TestOutcome[]
}

/** A tag dimension as a held tag names it. */
export interface DimensionRef {
  id: Uuid
  code: string
  name_zh: string
  name_en: string
}

/** A tag the enterprise holds; a derived one says why. */
export interface HeldTag {
  tag: Tag
  dimension: DimensionRef | null
  /** Why a derived tag applies; none for a manual tag. */
  explanation: Explanation | null
}

export type RegionLevel = 'province' | 'city' | 'county'

export interface Region {
  code: string
  name_zh: string
  name_en: string
  level: RegionLevel
}

/** A division code abolished since (撤销), which old records may still carry; never new input. */
export interface AbolishedRegion {
  code: string
  name_zh: string
  /** e.g. 浙江省杭州市下城区. */
  full_name_zh: string
  name_en: string
  abolished_in: number
  /** Current codes that took over its area, the main one first. */
  successors: string[]
}

/** A figure the size standard's thresholds use. */
export type SizeMeasure = 'employees' | 'revenue' | 'total_assets'

/** A GB/T 4754-2017 section (门类) and the range of its divisions. */
export interface IndustrySection {
  letter: string
  name_zh: string
  name_en: string
  first_division: number
  last_division: number
}

/** A GB/T 4754-2017 division (大类); `code` 1–97, written with two digits in codes. */
export interface IndustryDivision {
  code: number
  section: string
  name_zh: string
  name_en: string
}

export interface Classifications {
  /** Current divisions down to county level (民政部《县以上行政区划代码》). */
  regions: Region[]
  regions_source?: string
  regions_as_of?: string
  abolished_regions?: AbolishedRegion[]
  sections: IndustrySection[]
  divisions: IndustryDivision[]
}

export interface QualificationKind {
  code: string
  name_zh: string
  name_en: string
}

export interface ConditionFields {
  fields: ConditionField[]
  qualification_kinds: QualificationKind[]
}

export interface ConditionCheck {
  condition: unknown
  text: string
  /** How many enterprises meet it today. */
  matching_enterprises: number
}

// ---- Policies, clauses, matches and applications (`src/policies/dto.rs`) ----

export const POLICY_LEVELS = ['national', 'provincial', 'city', 'district'] as const
export type PolicyLevel = (typeof POLICY_LEVELS)[number]

/** 申报 (the enterprise applies) or 免申即享 (granted to every eligible enterprise). */
export const CLAUSE_MODES = ['apply', 'auto_grant'] as const
export type ClauseMode = (typeof CLAUSE_MODES)[number]

export const CLAUSE_STATUSES = ['draft', 'published', 'withdrawn'] as const
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number]

export const AMOUNT_BASES = ['rd_spending', 'revenue', 'registered_capital'] as const
export type AmountBasis = (typeof AMOUNT_BASES)[number]

export interface PolicyRequest {
  title: string
  /** The issuing department (an organisation of kind `department`). */
  issuer_id: Uuid
  level: PolicyLevel
  document_number: string
  effective_from: DateString
  effective_to: DateString | null
  source_url: string | null
  summary: string
}

export interface Policy {
  id: Uuid
  title: string
  /** The issuing department's name. */
  issuer: string
  issuer_id: Uuid
  level: PolicyLevel
  document_number: string
  effective_from: DateString
  effective_to: DateString | null
  source_url: string | null
  summary: string
  clause_count: number
  updated_at: Timestamp
}

export interface PolicyQuery extends PageQuery {
  title?: string
}

export interface ClauseRequest {
  position: number
  title: string
  condition: unknown
  benefit: string
  amount_fixed_fen: number | null
  amount_basis: AmountBasis | null
  /** 1/10000 of the basis (1000 = 10%). */
  amount_rate_bp: number | null
  amount_cap_fen: number | null
  window_opens_on: DateString | null
  window_closes_on: DateString | null
  /** The names of the materials an application hands in, one file each. */
  materials: string[]
  mode: ClauseMode
}

export interface Clause extends ClauseRequest {
  id: Uuid
  condition_text: string
  status: ClauseStatus
  published_at: Timestamp | null
}

export interface PolicyDetail extends Policy {
  clauses: Clause[]
}

export interface EligibleEnterprise {
  enterprise_id: Uuid
  name: string
  uscc: string | null
}

/** The days applications are accepted; open-ended on a side without a date. */
export interface ApplicationWindow {
  opens_on: DateString | null
  closes_on: DateString | null
}

/** A clause as it matches the signed-in enterprise, with why (or why not yet). */
export interface ClauseMatch {
  clause_id: Uuid
  clause_title: string
  benefit: string
  mode: ClauseMode
  policy_id: Uuid
  policy_title: string
  policy_level: PolicyLevel
  /** The issuing department's name. */
  issuer: string
  /** What an application hands in (apply mode). */
  materials: string[]
  window: ApplicationWindow
  window_open: boolean
  estimated_amount_fen: number | null
  explanation: Explanation
  /** The enterprise's application or answer for this clause, if any. */
  application: MatchApplication | null
}

/** An enterprise's application for a matched clause. */
export interface MatchApplication {
  id: Uuid
  status: ApplicationStatus
}

export interface Matches {
  eligible: ClauseMatch[]
  near_misses: ClauseMatch[]
}

export const APPLICATION_STATUSES = ['submitted', 'returned', 'approved', 'rejected', 'paid', 'declined'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/** One material handed in: the clause's name for it and the uploaded file. */
export interface ApplicationMaterial {
  name: string
  file_id: Uuid
}

export interface Application {
  id: Uuid
  clause_id: Uuid
  clause_title: string
  policy_title: string
  /** The materials the clause asks for now. */
  required_materials: string[]
  enterprise: string
  mode: ClauseMode
  status: ApplicationStatus
  materials: ApplicationMaterial[]
  submitted_at: Timestamp | null
  decided_at: Timestamp | null
  decision_reason: string | null
  /** What the clause's amount rule gives the enterprise's profile today (a suggestion). */
  estimated_amount_fen: number | null
  approved_amount_fen: number | null
  paid_at: Timestamp | null
  paid_amount_fen: number | null
  /** The payout clock runs from here … */
  clock_started_at: Timestamp
  /** … to the end of this working day. */
  due_at: Timestamp
  limit_working_days: number
  working_days_used: number
  late: boolean
  /** What it rests on (a single application only, not in lists). */
  grounds?: ApplicationGrounds
}

/** The facts an application or automatic grant rests on, as the issuing department checks them. */
export interface ApplicationGrounds {
  enterprise_id: Uuid
  /** The clause's condition today (an automatic grant counts verified qualifications only). */
  explanation: Explanation | null
  /** The enterprise's qualifications the condition tests, with their verification. */
  qualifications: QualificationCheck[]
}

export interface ApplicationQuery extends PageQuery {
  status?: ApplicationStatus
  /** Only this clause's applications. */
  clause_id?: Uuid
}

export type ApplicationDecision =
  | { decision: 'approve'; amount_fen: number }
  | { decision: 'reject'; reason: string }
  | { decision: 'return'; reason: string }
