// The supermarket's (中介超市) stage rules both sides share — whether bidding is open (by the
// countdown of `beijingTime.ts`), whether the result is in public notice, whether there is a
// contract (`procurement.ts`, the owner's rules, uses them too) — and the intermediary's own as
// plain functions: the bid form's checks against the procurement's terms (the same rules the
// server applies, so most refusals never need a round trip), qualification expiry, what each
// stage of a procurement or contract lets the intermediary do (the states' labels and colours are
// in `marketStatus.ts`).
import type {
  Contract,
  Delivery,
  MyBid,
  Procurement,
  ProcurementStatus,
  Qualification,
} from '@/api/marketplaceTypes'
import { countdown, DAY } from './beijingTime'

/** Whether bids may be placed, changed or withdrawn now (and the owner may still change the terms). */
export function biddingOpen(procurement: Pick<Procurement, 'status' | 'bid_deadline'>, now: Date): boolean {
  return procurement.status === 'published' && !countdown(procurement.bid_deadline, now).ended
}

/** Whether the result is in public notice (公示) now: bidders may object, the owner answers. */
export function noticeOpen(p: Pick<Procurement, 'status' | 'notice_ends_at'>, now: Date): boolean {
  return p.status === 'notice' && p.notice_ends_at != null && new Date(p.notice_ends_at).getTime() > now.getTime()
}

/** Whether a contract exists: from the end of the notice on. */
export function hasContract(p: Pick<Procurement, 'status'>): boolean {
  return ['awarded', 'contracted', 'delivered', 'accepted'].includes(p.status)
}

// ---- the bid form ----

export interface BidForm {
  price_fen: number | null
  promised_working_days: number | null
  proposal: string
}

/** The prices a bid may have: within the service type's fee range and not above the ceiling. */
export function priceBounds(p: Pick<Procurement, 'fee_min_fen' | 'fee_max_fen' | 'budget_ceiling_fen'>) {
  return { min: p.fee_min_fen, max: Math.min(p.fee_max_fen, p.budget_ceiling_fen) }
}

/** What is wrong with one field: an i18n key under `intermediaryMarket.bid.invalid` and its values. */
export interface FieldProblem {
  key: 'priceRequired' | 'priceBelowFee' | 'priceAboveFee' | 'priceAboveCeiling' | 'daysRequired' | 'daysRange'
  params: Record<string, number>
}

/** The bid form's problems by field (empty when it may be sent), in the server's order of checks. */
export function bidFormProblems(
  form: BidForm,
  p: Pick<Procurement, 'fee_min_fen' | 'fee_max_fen' | 'budget_ceiling_fen' | 'service_working_days'>,
): Partial<Record<'price_fen' | 'promised_working_days', FieldProblem>> {
  const problems: Partial<Record<'price_fen' | 'promised_working_days', FieldProblem>> = {}
  const price = form.price_fen
  if (price === null || price <= 0) problems.price_fen = { key: 'priceRequired', params: {} }
  else if (price < p.fee_min_fen) problems.price_fen = { key: 'priceBelowFee', params: { min: p.fee_min_fen } }
  else if (price > p.fee_max_fen) problems.price_fen = { key: 'priceAboveFee', params: { max: p.fee_max_fen } }
  else if (price > p.budget_ceiling_fen) {
    problems.price_fen = { key: 'priceAboveCeiling', params: { max: p.budget_ceiling_fen } }
  }
  const days = form.promised_working_days
  if (days === null || !Number.isFinite(days)) problems.promised_working_days = { key: 'daysRequired', params: {} }
  else if (!Number.isInteger(days) || days < 1 || days > p.service_working_days) {
    problems.promised_working_days = { key: 'daysRange', params: { max: p.service_working_days } }
  }
  return problems
}

/** The bid's status as the bidder should read it: a stale bid must be re-confirmed to count. */
export function bidNeedsConfirmation(bid: Pick<MyBid, 'status'> | null | undefined): boolean {
  return bid?.status === 'stale'
}

// ---- after closing ----

/** Bids are sealed (nobody sees them but their bidder) until bidding closes. */
export function sealed(status: ProcurementStatus): boolean {
  return status === 'draft' || status === 'published'
}

/** The owner asks for a written justification of an abnormally low bid under evaluation. */
export function justificationWanted(p: Pick<Procurement, 'status' | 'my_bid'>): boolean {
  const bid = p.my_bid
  return p.status === 'evaluating' && !!bid && bid.abnormally_low && bid.justification_decision === null
}

/** A bidder may object while the result is in public notice (公示). */
export function objectionOpen(p: Pick<Procurement, 'status' | 'notice_ends_at' | 'my_bid'>, now: Date): boolean {
  return !!p.my_bid && noticeOpen(p, now)
}

/** Whether the signed-in organisation won. */
export function wonBy(p: Pick<Procurement, 'status' | 'winner'>, organisationId: string | undefined): boolean {
  return !sealed(p.status) && !!p.winner && p.winner.id === organisationId
}

// ---- contracts ----

export type ContractAction = 'confirm' | 'deliver'

/** What the intermediary may do with its contract now. */
export function contractActions(c: Pick<Contract, 'status' | 'intermediary_confirmed_at'>): ContractAction[] {
  if (c.status === 'proposed') return c.intermediary_confirmed_at === null ? ['confirm'] : []
  return c.status === 'signed' ? ['deliver'] : []
}

/** A signed contract whose latest delivery came back: the next one is a resubmission. */
export function returnedForRework(c: Pick<Contract, 'status' | 'deliveries'>): boolean {
  const latest = latestDelivery(c)
  return c.status === 'signed' && latest?.decision === 'returned'
}

/**
 * Late: delivered after the due time (the API's `late`, set at delivery), or still owed past it —
 * `overdue` when the contract was read, or since then by `now` (the server's clock).
 */
export function contractLate(c: Pick<Contract, 'status' | 'due_at' | 'late' | 'overdue'>, now: Date): boolean {
  return (
    c.late ||
    (c.status === 'signed' && (c.overdue || (c.due_at != null && new Date(c.due_at).getTime() < now.getTime())))
  )
}

/** The deliveries, newest first (the API lists them in submission order, but do not rely on it). */
export function deliveriesNewestFirst(c: Pick<Contract, 'deliveries'>): Delivery[] {
  return [...c.deliveries].sort((a, b) => Date.parse(b.submitted_at) - Date.parse(a.submitted_at))
}

/** The newest delivery, or null before the first. */
export function latestDelivery(c: Pick<Contract, 'deliveries'>): Delivery | null {
  return deliveriesNewestFirst(c)[0] ?? null
}

// ---- qualifications ----

export type QualificationState = 'valid' | 'expiring' | 'expired'

/** Expired after its expiry day (Beijing date); expiring within `warnDays` of it. */
export function qualificationState(q: Pick<Qualification, 'expires_on'>, today: string, warnDays = 30): QualificationState {
  if (q.expires_on < today) return 'expired'
  const days = (Date.parse(`${q.expires_on}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY
  return days <= warnDays ? 'expiring' : 'valid'
}
