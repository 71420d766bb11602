// Pure rules of the owner's procurement pages (中介超市, the project owner's side): the national
// project code, the procurement wizard's form (steps, checks, request), the lifecycle timeline,
// which actions a procurement offers its owner, and the evaluation's bids (valid ones, abnormally
// low leaders waiting for a decision, scores). Times and the countdown are in `beijingTime.ts`;
// the stage rules shared with the intermediary's pages (bidding open, notice open, a contract)
// in `market.ts`.
import type {
  EvaluatedBid,
  Procurement,
  ProcurementRequest,
  ProcurementStatus,
  SelectionMethod,
  ServiceType,
  ServiceTypePackage,
} from '@/api/marketplaceTypes'
import { biddingOpen } from './market'

// ---- projects ----

/** `YYYY-XXXXXX-XX-XX-XXXXXX`: year (20xx), division, industry, project type, serial number. */
const PROJECT_CODE = /^20\d{2}-\d{6}-\d{2}-\d{2}-\d{6}$/

export function isProjectCode(code: string): boolean {
  return PROJECT_CODE.test(code.trim())
}

/** The 6-digit administrative division a project code was registered in, or null. */
export function divisionOfProjectCode(code: string): string | null {
  return isProjectCode(code) ? code.trim().slice(5, 11) : null
}

export function isDivisionCode(code: string): boolean {
  return /^\d{6}$/.test(code.trim())
}

// ---- the wizard ----

/** The server's default least number of working days from publishing to the deadline. */
/** The default minimum; the centre's own comes from `GET /marketplace/rules`. */
export const MIN_BIDDING_WORKING_DAYS = 3
export const MAX_BIDDING_WORKING_DAYS = 60
export const MAX_SERVICE_WORKING_DAYS = 366
export const DEFAULT_BIDDING_WORKING_DAYS = 5
export const DEFAULT_WEIGHTS = { price: 40, proposal: 40, credit: 20 } as const

export type SubjectKind = 'service_type' | 'package'

export interface AvoidedRow {
  intermediary_id: string
  /** Shown only; the server keeps the id. */
  name: string
  reason: string
}

export interface ProcurementForm {
  project_id: string
  subject: SubjectKind
  service_type_id: string
  package_id: string
  title: string
  scope: string
  budget_ceiling_fen: number | null
  required_qualifications: string[]
  avoided: AvoidedRow[]
  selection_method: SelectionMethod
  weight_price: number
  weight_proposal: number
  weight_credit: number
  bidding_working_days: number
  service_working_days: number | null
}

export function emptyProcurementForm(projectId = ''): ProcurementForm {
  return {
    project_id: projectId,
    subject: 'service_type',
    service_type_id: '',
    package_id: '',
    title: '',
    scope: '',
    budget_ceiling_fen: null,
    required_qualifications: [],
    avoided: [],
    selection_method: 'lowest_price',
    weight_price: DEFAULT_WEIGHTS.price,
    weight_proposal: DEFAULT_WEIGHTS.proposal,
    weight_credit: DEFAULT_WEIGHTS.credit,
    bidding_working_days: DEFAULT_BIDDING_WORKING_DAYS,
    service_working_days: null,
  }
}

/** The form of a stored procurement (a draft to edit, or a published one's terms). */
export function procurementForm(p: Procurement): ProcurementForm {
  const scored = p.selection_method === 'scored'
  return {
    project_id: p.project.id,
    subject: p.package_id ? 'package' : 'service_type',
    service_type_id: p.package_id ? '' : (p.service_types[0]?.id ?? ''),
    package_id: p.package_id ?? '',
    title: p.title,
    scope: p.scope,
    budget_ceiling_fen: p.budget_ceiling_fen,
    required_qualifications: [...p.required_qualifications],
    avoided: (p.avoided ?? []).map((a) => ({ intermediary_id: a.intermediary.id, name: a.intermediary.name, reason: a.reason })),
    selection_method: p.selection_method,
    weight_price: scored ? p.weight_price : DEFAULT_WEIGHTS.price,
    weight_proposal: scored ? p.weight_proposal : DEFAULT_WEIGHTS.proposal,
    weight_credit: scored ? p.weight_credit : DEFAULT_WEIGHTS.credit,
    bidding_working_days: p.bidding_working_days,
    service_working_days: p.service_working_days,
  }
}

/** The request body: one subject, trimmed texts, weights only for a scored comparison. */
export function procurementRequest(form: ProcurementForm): ProcurementRequest {
  const scored = form.selection_method === 'scored'
  return {
    project_id: form.project_id,
    service_type_id: form.subject === 'service_type' ? form.service_type_id : null,
    package_id: form.subject === 'package' ? form.package_id : null,
    title: form.title.trim(),
    scope: form.scope.trim(),
    budget_ceiling_fen: form.budget_ceiling_fen ?? 0,
    required_qualifications: [...new Set(form.required_qualifications)],
    avoided: form.avoided.map((row) => ({ intermediary_id: row.intermediary_id, reason: row.reason.trim() })),
    selection_method: form.selection_method,
    weight_price: scored ? form.weight_price : 0,
    weight_proposal: scored ? form.weight_proposal : 0,
    weight_credit: scored ? form.weight_credit : 0,
    bidding_working_days: form.bidding_working_days,
    service_working_days: form.service_working_days ?? 0,
  }
}

export interface FeeRange {
  min_fen: number
  max_fen: number
}

/** The sum of the service types' fee ranges (a package's), or null for none. */
export function summedFeeRange(types: readonly Pick<ServiceType, 'fee_min_fen' | 'fee_max_fen'>[]): FeeRange | null {
  if (!types.length) return null
  return types.reduce(
    (sum, type) => ({ min_fen: sum.min_fen + type.fee_min_fen, max_fen: sum.max_fen + type.fee_max_fen }),
    { min_fen: 0, max_fen: 0 },
  )
}

/** The chosen service type, or the chosen package, from the catalogue. */
export function chosenSubject(
  form: Pick<ProcurementForm, 'subject' | 'service_type_id' | 'package_id'>,
  types: readonly ServiceType[],
  packages: readonly ServiceTypePackage[],
): { type: ServiceType | null; pack: ServiceTypePackage | null } {
  if (form.subject === 'service_type') return { type: types.find((t) => t.id === form.service_type_id) ?? null, pack: null }
  return { type: null, pack: packages.find((p) => p.id === form.package_id) ?? null }
}

/** The fee range the budget ceiling must lie in: the service type's, or the package's sum. */
export function subjectFeeRange(
  form: Pick<ProcurementForm, 'subject' | 'service_type_id' | 'package_id'>,
  types: readonly ServiceType[],
  packages: readonly ServiceTypePackage[],
): FeeRange | null {
  const { type, pack } = chosenSubject(form, types, packages)
  if (type) return { min_fen: type.fee_min_fen, max_fen: type.fee_max_fen }
  if (pack && pack.fee_min_fen != null && pack.fee_max_fen != null) return { min_fen: pack.fee_min_fen, max_fen: pack.fee_max_fen }
  return pack ? summedFeeRange(pack.service_types) : null
}

/** The statutory time limit of the choice: the type's, or the longest of a package's members. */
export function subjectTimeLimit(
  form: Pick<ProcurementForm, 'subject' | 'service_type_id' | 'package_id'>,
  types: readonly ServiceType[],
  packages: readonly ServiceTypePackage[],
): number | null {
  const { type, pack } = chosenSubject(form, types, packages)
  if (type) return type.time_limit_working_days
  if (pack?.service_types.length) return Math.max(...pack.service_types.map((t) => t.time_limit_working_days))
  return null
}

export const WIZARD_STEPS = ['subject', 'terms', 'selection', 'schedule'] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]

export type WizardField =
  | 'project_id'
  | 'subject'
  | 'title'
  | 'scope'
  | 'budget_ceiling_fen'
  | 'avoided'
  | 'weights'
  | 'bidding_working_days'
  | 'service_working_days'

/** A message key under `procurementOwner.wizard.errors` and its parameters. */
export interface FieldError {
  key: string
  params?: Record<string, unknown>
}

export type FormErrors = Partial<Record<WizardField, FieldError>>

export const STEP_OF_FIELD: Record<WizardField, WizardStep> = {
  project_id: 'subject',
  subject: 'subject',
  title: 'terms',
  scope: 'terms',
  budget_ceiling_fen: 'terms',
  avoided: 'selection',
  weights: 'selection',
  bidding_working_days: 'schedule',
  service_working_days: 'schedule',
}

export const weightsTotal = (form: Pick<ProcurementForm, 'weight_price' | 'weight_proposal' | 'weight_credit'>): number =>
  form.weight_price + form.weight_proposal + form.weight_credit

const isWholeIn = (value: number | null, min: number, max: number): boolean =>
  value !== null && Number.isInteger(value) && value >= min && value <= max

/** What is wrong on one step of the wizard (nothing: an empty object). */
export function validateStep(
  step: WizardStep,
  form: ProcurementForm,
  range: FeeRange | null,
  minBiddingDays: number = MIN_BIDDING_WORKING_DAYS,
): FormErrors {
  const errors: FormErrors = {}
  if (step === 'subject') {
    if (!form.project_id) errors.project_id = { key: 'projectRequired' }
    const chosen = form.subject === 'service_type' ? form.service_type_id : form.package_id
    if (!chosen) errors.subject = { key: form.subject === 'service_type' ? 'serviceTypeRequired' : 'packageRequired' }
  }
  if (step === 'terms') {
    const title = form.title.trim()
    if (!title) errors.title = { key: 'titleRequired' }
    else if (title.length > 200) errors.title = { key: 'titleTooLong' }
    if (form.scope.trim().length > 10_000) errors.scope = { key: 'scopeTooLong' }
    const budget = form.budget_ceiling_fen
    if (budget === null || budget <= 0) errors.budget_ceiling_fen = { key: 'budgetRequired' }
    else if (range && (budget < range.min_fen || budget > range.max_fen)) {
      errors.budget_ceiling_fen = { key: 'budgetOutsideRange', params: { min: range.min_fen, max: range.max_fen } }
    }
  }
  if (step === 'selection') {
    if (form.avoided.some((row) => !row.reason.trim())) errors.avoided = { key: 'avoidReasonRequired' }
    else if (form.avoided.some((row) => row.reason.trim().length > 500)) errors.avoided = { key: 'avoidReasonTooLong' }
    if (form.selection_method === 'scored') {
      const weights = [form.weight_price, form.weight_proposal, form.weight_credit]
      if (!weights.every((w) => isWholeIn(w, 0, 100))) errors.weights = { key: 'weightRange' }
      else if (weightsTotal(form) !== 100) errors.weights = { key: 'weightsSum', params: { total: weightsTotal(form) } }
    }
  }
  if (step === 'schedule') {
    if (!isWholeIn(form.bidding_working_days, minBiddingDays, MAX_BIDDING_WORKING_DAYS)) {
      errors.bidding_working_days = {
        key: 'biddingDays',
        params: { min: minBiddingDays, max: MAX_BIDDING_WORKING_DAYS },
      }
    }
    if (!isWholeIn(form.service_working_days, 1, MAX_SERVICE_WORKING_DAYS)) {
      errors.service_working_days = { key: 'serviceDays', params: { max: MAX_SERVICE_WORKING_DAYS } }
    }
  }
  return errors
}

/** The first step with a mistake and its mistakes, or null when the whole form is fine. */
export function firstInvalidStep(
  form: ProcurementForm,
  range: FeeRange | null,
  minBiddingDays: number = MIN_BIDDING_WORKING_DAYS,
): { step: WizardStep; errors: FormErrors } | null {
  for (const step of WIZARD_STEPS) {
    const errors = validateStep(step, form, range, minBiddingDays)
    if (Object.keys(errors).length) return { step, errors }
  }
  return null
}

/**
 * Refusals the server answers without naming a field, put under the field they concern; the rest
 * stay a message above the form.
 */
export const FIELD_OF_PROCUREMENT_CODE: Record<string, WizardField> = {
  budget_outside_fee_range: 'budget_ceiling_fen',
  deadline_too_soon: 'bidding_working_days',
  weights_invalid: 'weights',
  avoidance_reason_missing: 'avoided',
  subject_invalid: 'subject',
}

/** Server field names of `error.fields` → the wizard's fields. */
export const WIZARD_FIELD_RENAMES: Record<string, WizardField> = {
  service_type_id: 'subject',
  package_id: 'subject',
  weight_price: 'weights',
  weight_proposal: 'weights',
  weight_credit: 'weights',
}

// ---- the lifecycle ----

/** The main line of a procurement's life, in order. */
export const LIFECYCLE: readonly ProcurementStatus[] = [
  'draft',
  'published',
  'evaluating',
  'notice',
  'awarded',
  'contracted',
  'delivered',
  'accepted',
]

export type StepState = 'finish' | 'process' | 'wait' | 'error' | 'success'

export interface TimelineStep {
  status: ProcurementStatus
  state: StepState
}

/**
 * The steps to show: the main line with the current step in progress (all done once accepted);
 * a cancelled or failed procurement shows the steps it reached, then its exit as an error.
 */
export function statusTimeline(p: Pick<Procurement, 'status' | 'published_at' | 'closed_at'>): TimelineStep[] {
  const index = LIFECYCLE.indexOf(p.status)
  if (index >= 0) {
    return LIFECYCLE.map((status, i) => ({
      status,
      state: p.status === 'accepted' ? 'success' : i < index ? 'finish' : i === index ? 'process' : 'wait',
    }))
  }
  // Failing happens at closing, from published; a cancellation from where it had got to.
  const reached: ProcurementStatus =
    p.status === 'failed' ? 'published' : p.closed_at ? 'evaluating' : p.published_at ? 'published' : 'draft'
  const done = LIFECYCLE.slice(0, LIFECYCLE.indexOf(reached) + 1).map((status) => ({ status, state: 'finish' as const }))
  return [...done, { status: p.status, state: 'error' }]
}

/** Whether bidding has closed, so that the owner may see the bids. */
export const biddingClosed = (p: Pick<Procurement, 'status' | 'closed_at'>): boolean =>
  p.closed_at !== null && p.status !== 'draft' && p.status !== 'published'

/** Whether there is (or was) a result and its public notice. */
export const hasAward = (p: Pick<Procurement, 'status' | 'awarded_at'>): boolean =>
  p.awarded_at !== null || ['notice', 'awarded', 'contracted', 'delivered', 'accepted'].includes(p.status)

export type OwnerAction = 'edit' | 'publish' | 'editTerms' | 'cancel' | 'republish'

/** What the owner may do with the procurement now (the server's clock). */
export function ownerActions(p: Pick<Procurement, 'status' | 'bid_deadline'>, now: Date): OwnerAction[] {
  switch (p.status) {
    case 'draft':
      return ['edit', 'publish', 'cancel']
    case 'published':
      return biddingOpen(p, now) ? ['editTerms', 'cancel'] : ['cancel']
    case 'evaluating':
      return ['cancel']
    case 'failed':
      return ['republish', 'cancel']
    case 'cancelled':
      return ['republish']
    default:
      return []
  }
}

// ---- evaluation ----

/** Bids still in the running (not set aside, not withdrawn). */
export const validBids = <T extends Pick<EvaluatedBid, 'status'>>(bids: readonly T[]): T[] =>
  bids.filter((bid) => bid.status === 'active')

/** An abnormally low valid bid whose justification the owner has not decided on. */
export const awaitsJustificationDecision = (
  bid: Pick<EvaluatedBid, 'status' | 'abnormally_low' | 'justification_decision'>,
): boolean => bid.status === 'active' && bid.abnormally_low && bid.justification_decision === null

/** Hundredths of a point (0–10000) as points with two decimals: `8750` → `87.50`. */
export const scorePoints = (hundredths: number): string => (hundredths / 100).toFixed(2)

/** Marks typed for each valid bid, if every one is a whole number 0–100. */
export function completeMarks(
  marks: Readonly<Record<string, number | null | undefined>>,
  bidIds: readonly string[],
): { bid_id: string; mark: number }[] | null {
  if (!bidIds.length) return null
  const entries = bidIds.map((id) => ({ bid_id: id, mark: marks[id] }))
  return entries.every((e) => typeof e.mark === 'number' && isWholeIn(e.mark, 0, 100))
    ? entries.map((e) => ({ bid_id: e.bid_id, mark: e.mark as number }))
    : null
}
