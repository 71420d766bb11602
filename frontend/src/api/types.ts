// Types of the backend's JSON contract (`/api/v1`) under the names the views use: each is a type
// generated from the server's OpenAPI document (`schema.d.ts`, from the snapshot `openapi.json`;
// `make api-types` regenerates both). Written by hand here: the lists a form or filter offers,
// the paging helpers, and what the document does not describe (noted where it is).
import type { components, operations } from './schema'

/** The schemas of the OpenAPI document. */
export type Schemas = components['schemas']
/** The query parameters of an operation, all optional. */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>

export type Role = Schemas['Role']
export const ROLES = [
  'enterprise',
  'intermediary',
  'commissioner',
  'department',
  'regulator',
  'center_admin',
] as const satisfies readonly Role[]

/** Roles that a centre administrator may give to a user it creates. */
export const STAFF_ROLES = ['department', 'regulator', 'commissioner', 'center_admin'] as const satisfies readonly Role[]
export type StaffRole = (typeof STAFF_ROLES)[number]

export type OrganisationKind = Schemas['OrganisationKind']
export const ORGANISATION_KINDS = [
  'enterprise',
  'intermediary',
  'department',
  'center',
] as const satisfies readonly OrganisationKind[]

export type OrganisationStatus = Schemas['OrganisationStatus']
export const ORGANISATION_STATUSES = ['active', 'pending', 'rejected'] as const satisfies readonly OrganisationStatus[]

export type Locale = Schemas['Locale']
export const LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[]

export type Uuid = string
/** An RFC 3339 timestamp. */
export type Timestamp = string

export type Organisation = Schemas['OrganisationResponse']
export type Me = Schemas['MeResponse']
export type User = Schemas['MeResponse']

/** A page of a list (each list's `Page_…` schema has this shape). */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  per_page: number
}

/** The paging every list takes; the views always send both. */
export interface PageQuery {
  page: number
  per_page: number
}

export type AuditEntry = Schemas['AuditEntryResponse']
export type RegisterRequest = Schemas['RegisterRequest']
export type LoginResponse = Schemas['LoginResponse']
export type NewUser = Schemas['CreateUserRequest']
export type NewOrganisation = Schemas['CreateOrganisationRequest']
export type AuditQuery = PageQuery & QueryOf<'list_audit_entries'>

export type NotificationCategory = Schemas['Category']
export const NOTIFICATION_CATEGORIES = [
  'account',
  'approvals',
  'policies',
  'services',
  'marketplace',
  'credit',
] as const satisfies readonly NotificationCategory[]

/** One in-app notification; `title` and `body` are in the recipient's language of the time. */
export type Notification = Schemas['NotificationResponse']
export type NotificationQuery = PageQuery & QueryOf<'list_notifications'>
/** Whether a category's notifications also go out by e-mail (in-app is always on). */
export type NotificationPreference = Schemas['Preference']

/** What started a job run (`JobRun.trigger`). */
export type JobTrigger = Schemas['Trigger']
export const JOB_TRIGGERS = ['schedule', 'catch_up', 'manual'] as const satisfies readonly JobTrigger[]

/** How a job run went (`JobRun.outcome`). */
export type JobOutcome = Schemas['Outcome']
export const JOB_OUTCOMES = ['running', 'succeeded', 'failed'] as const satisfies readonly JobOutcome[]

export type JobRun = Schemas['JobRunResponse']
/** A scheduled job; `cron` has six fields, seconds first, in China Standard Time. */
export type Job = Schemas['JobResponse']

export type OutboxStatus = Schemas['OutboxStatus']
export const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const satisfies readonly OutboxStatus[]
export type OutboxMessage = Schemas['OutboxMessageResponse']
export type OutboxQuery = PageQuery & QueryOf<'list_outbox'>

export type SearchKind = Schemas['DocKind']
export const SEARCH_KINDS = ['organisation'] as const satisfies readonly SearchKind[]
export type SearchHit = Schemas['SearchHitResponse']
export type SearchQuery = PageQuery & QueryOf<'search'>

/** What an uploaded file is for; each purpose has its own uploaders and size limit. */
export type FilePurpose = Schemas['Purpose']
export const FILE_PURPOSES = [
  'bid_proposal',
  'delivery_result',
  'application_material',
  'rectification_report',
  'case_evidence',
  'appeal_evidence',
] as const satisfies readonly FilePurpose[]
export type PurposeLimit = Schemas['PurposeLimit']
export type FileResponse = Schemas['FileResponse']
/** A signed path that downloads a file without a session until `expires_at`. */
export type FileLink = Schemas['LinkResponse']

// ---- Enterprises, tags and conditions ----

/** A calendar day, `YYYY-MM-DD`. */
export type DateString = string

/** The tax credit grades a profile may hold (the document says only `string`). */
export const TAX_CREDIT_GRADES = ['A', 'B', 'M', 'C', 'D'] as const
export type TaxCreditGrade = (typeof TAX_CREDIT_GRADES)[number]

/** The size classes of 《中小企业划型标准规定》, derived by the server. */
export type SizeClass = Schemas['SizeClass']
export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const satisfies readonly SizeClass[]

export type HeldQualification = Schemas['HeldQualification']
export type Contact = Schemas['Contact']
export type ProfileFields = Schemas['ProfileFields']
export type ProfileResponse = Schemas['ProfileResponse']

/**
 * 核验状态: `declared` (待核验, typed in by the enterprise; enough to apply, not for an automatic
 * grant), `verified` (已核验, by a department or the centre, or imported), `rejected` (未通过).
 */
export type VerificationStatus = Schemas['VerificationStatus']
export const VERIFICATION_STATUSES = ['declared', 'verified', 'rejected'] as const satisfies readonly VerificationStatus[]
export type QualificationCheck = Schemas['QualificationCheck']

/**
 * A profile save: the fields and the version the edit is based on; a newer stored one answers
 * 409 `profile_version_conflict`.
 */
export type ProfileRequest = Schemas['ProfileRequest']
export type ProfileVersion = Schemas['ProfileVersionResponse']
export type EnterpriseSummary = Schemas['EnterpriseSummary']
export type EnterpriseQuery = PageQuery & QueryOf<'list_enterprises'>

export type Tag = Schemas['TagResponse']
export type TagDimension = Schemas['DimensionResponse']
export type NewTagDimension = Schemas['DimensionRequest']
/** A dimension's names and place; its code stays as it was created. */
export type TagDimensionUpdate = Schemas['DimensionUpdateRequest']
export type TagRequest = Schemas['TagRequest']
/** How one comparison of a condition fared for one enterprise. */
export type TestOutcome = Schemas['TestOutcome']
export type Explanation = Schemas['Explanation']
export type DimensionRef = Schemas['DimensionRef']
/** A tag the enterprise holds; a derived one says why. */
export type HeldTag = Schemas['HeldTagResponse']

export type RegionLevel = Schemas['RegionLevel']
export type Region = Schemas['Region']
/** A division code abolished since (撤销), which old records may still carry; never new input. */
export type AbolishedRegion = Schemas['AbolishedRegion']
/** A figure the size standard's thresholds use. */
export type SizeMeasure = Schemas['Measure']
/** A GB/T 4754-2017 section (门类) and the range of its divisions. */
export type IndustrySection = Schemas['Section']
/** A GB/T 4754-2017 division (大类); `code` 1–97, written with two digits in codes. */
export type IndustryDivision = Schemas['Division']
export type Classifications = Schemas['ClassificationsResponse']
export type QualificationKind = Schemas['QualificationKind']
export type ConditionFields = Schemas['ConditionFieldsResponse']
export type ConditionCheck = Schemas['ConditionCheckResponse']

// ---- Policies, clauses, matches and applications ----

export type PolicyLevel = Schemas['PolicyLevel']
export const POLICY_LEVELS = ['national', 'provincial', 'city', 'district'] as const satisfies readonly PolicyLevel[]

/** 申报 (the enterprise applies) or 免申即享 (granted to every eligible enterprise). */
export type ClauseMode = Schemas['ClauseMode']
export const CLAUSE_MODES = ['apply', 'auto_grant'] as const satisfies readonly ClauseMode[]

/** A clause's status (`Clause.status`). */
export type ClauseStatus = Schemas['ClauseStatus']
export const CLAUSE_STATUSES = ['draft', 'published', 'withdrawn'] as const satisfies readonly ClauseStatus[]

export type AmountBasis = Schemas['AmountBasis']
export const AMOUNT_BASES = ['rd_spending', 'revenue', 'registered_capital'] as const satisfies readonly AmountBasis[]

export type PolicyRequest = Schemas['PolicyRequest']
export type Policy = Schemas['PolicyResponse']
export type PolicyQuery = PageQuery & QueryOf<'list_policies'>
export type ClauseRequest = Schemas['ClauseRequest']
export type Clause = Schemas['ClauseResponse']
export type PolicyDetail = Schemas['PolicyDetailResponse']
export type EligibleEnterprise = Schemas['EligibleEnterprise']
/** The days applications are accepted; open-ended on a side without a date. */
export type ApplicationWindow = Schemas['Window']
/** A clause as it matches the signed-in enterprise, with why (or why not yet). */
export type ClauseMatch = Schemas['ClauseMatchResponse']
/** An enterprise's application for a matched clause. */
export type MatchApplication = Schemas['MatchApplication']
export type Matches = Schemas['MatchesResponse']

export type ApplicationStatus = Schemas['ApplicationStatus']
export const APPLICATION_STATUSES = [
  'submitted',
  'returned',
  'approved',
  'rejected',
  'paid',
  'declined',
] as const satisfies readonly ApplicationStatus[]

/** One material handed in: the clause's name for it and the uploaded file. */
export type ApplicationMaterial = Schemas['Material']

/** An application; a single one (not in lists) also carries what it rests on (`grounds`). */
export type Application = Schemas['ApplicationResponse']

/** The facts an application or automatic grant rests on, as the issuing department checks them. */
export type ApplicationGrounds = Schemas['GroundsResponse']

export type ApplicationQuery = PageQuery & QueryOf<'list_applications'>
export type ApplicationDecision = Schemas['DecisionRequest']

// ---- Credit (一事一评, scores and stars, the formula) ----

/** Who rates a finished job: the owner, the service type's department, the centre. */
export type RaterRole = Schemas['RaterRole']
export const RATER_ROLES = ['owner', 'department', 'center'] as const satisfies readonly RaterRole[]

export type RatingStatus = Schemas['RatingStatus']
export const RATING_STATUSES = ['open', 'rated', 'lapsed'] as const satisfies readonly RatingStatus[]

/** What made an intermediary's stars change. */
export type StarCause = Schemas['StarCause']
export const STAR_CAUSES = ['rating', 'event', 'appeal', 'formula', 'nightly'] as const satisfies readonly StarCause[]

/** Indicator code → 1–5. */
export type IndicatorScores = Schemas['RatingRequest']['scores']

export type RatingTask = Schemas['RatingTaskResponse']
export type RatingTaskQuery = PageQuery & QueryOf<'list_rating_tasks'>
export type RatingRequest = Schemas['RatingRequest']
export type ReceivedRating = Schemas['ReceivedRatingResponse']

export type Formula = Schemas['Formula']
export type FormulaVersion = Schemas['FormulaResponse']
export type FormulaRequest = Schemas['FormulaRequest']
export type Indicator = Schemas['Indicator']

export type Standing = Schemas['StandingResponse']
export type ScoreExplanation = Schemas['ScoreExplanation']
export type JobExplanation = Schemas['JobExplanation']
export type RaterExplanation = Schemas['RaterExplanation']
export type StarChange = Schemas['StarChangeResponse']
export type CreditFile = Schemas['CreditFileResponse']
export type CreditListItem = Schemas['CreditListItem']
export type CreditQuery = PageQuery & QueryOf<'list_credit'>
export type PublicCreditItem = Schemas['PublicCreditItem']
export type PublicCreditQuery = PageQuery & QueryOf<'public_credit'>

// ---- Credit sanctions (限期整改, 临时下架) and appeals (申诉) ----

export type SanctionKind = Schemas['SanctionKind']
export const SANCTION_KINDS = ['rectification', 'delisting'] as const satisfies readonly SanctionKind[]
export type SanctionStatus = Schemas['SanctionStatus']
export const SANCTION_STATUSES = [
  'open',
  'reported',
  'closed',
  'escalated',
  'proposed',
  'delisted',
  'reinstated',
  'dismissed',
] as const satisfies readonly SanctionStatus[]
export type SanctionOrigin = Schemas['SanctionOrigin']
export type SanctionAction = Schemas['SanctionAction']
export type Sanction = Schemas['SanctionResponse']
export type SanctionQuery = PageQuery & QueryOf<'list_sanctions'>
export type SanctionRequest = Schemas['SanctionRequest']
export type RectificationReportRequest = Schemas['RectificationReportRequest']
export type SanctionDecisionRequest = Schemas['SanctionDecisionRequest']

export type AppealStatus = Schemas['AppealStatus']
export const APPEAL_STATUSES = ['open', 'upheld', 'overturned', 'adjusted'] as const satisfies readonly AppealStatus[]
export type Appeal = Schemas['AppealResponse']
export type AppealQuery = PageQuery & QueryOf<'list_appeals'>
export type AppealRequest = Schemas['AppealRequest']
export type AppealDecisionRequest = Schemas['AppealDecisionRequest']

/** The credit overview (the centre and regulators): stars, score bands, twelve months, the queues. */
export type CreditOverview = Schemas['CreditOverview']
export type CreditMonth = Schemas['CreditMonth']
export type ScoreBand = Schemas['ScoreBand']
export type StarCount = Schemas['StarCount']
export type CreditQueues = Schemas['CreditQueues']
