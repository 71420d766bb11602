// Types of the intermediary supermarket (中介超市, `src/marketplace/dto.rs`): the catalogue of
// service types and packages, intermediaries, projects, procurements, sealed bids, evaluation,
// objections, contracts and the public notices and draw proofs.
import type { PageQuery, Timestamp, Uuid } from './types'

export interface QualificationType {
  code: string
  name_zh: string
  name_en: string
  /** e.g. 甲级, 乙级; empty when the type has none. */
  levels: string[]
}

export interface ServiceType {
  id: Uuid
  code: string
  name_zh: string
  name_en: string
  approval_zh: string
  approval_en: string
  /** The qualification type an intermediary must hold to offer it. */
  qualification: string | null
  fee_min_fen: number
  fee_max_fen: number
  time_limit_working_days: number
  guide_zh: string
  guide_en: string
  active: boolean
  position: number
}

export type ServiceTypeRequest = Omit<ServiceType, 'id'>

export interface ServiceTypePackage {
  id: Uuid
  code: string
  name_zh: string
  name_en: string
  description_zh: string
  description_en: string
  service_types: ServiceType[]
  /** The sum of the members' fee ranges. */
  fee_min_fen: number | null
  fee_max_fen: number | null
}

export interface ServiceTypePackageRequest {
  code: string
  name_zh: string
  name_en: string
  description_zh: string
  description_en: string
  service_type_ids: Uuid[]
}

export interface Credit {
  /** 0–100; null while unrated. */
  score: number | null
  /** 1–5; null while unrated. */
  stars: number | null
  delisted: boolean
}

export interface Qualification {
  id: Uuid
  qualification_type: string
  level: string
  certificate_number: string
  /** YYYY-MM-DD */
  expires_on: string
}

export type QualificationRequest = Omit<Qualification, 'id'>

export interface Intermediary {
  id: Uuid
  name: string
  uscc: string | null
  status: string
  practitioners: number
  introduction: string
  service_types: ServiceType[]
  qualifications: Qualification[]
  credit: Credit
}

export interface IntermediaryProfileRequest {
  practitioners: number
  introduction: string
  service_type_ids: Uuid[]
}

export interface Project {
  id: Uuid
  name: string
  /** National project code, YYYY-XXXXXX-XX-XX-XXXXXX. */
  code: string
  division_code: string
  investment_fen: number
  description: string
  created_at: Timestamp
}

export type ProjectRequest = Omit<Project, 'id' | 'created_at'>

export const SELECTION_METHODS = ['direct_pick', 'random_draw', 'lowest_price', 'scored'] as const
export type SelectionMethod = (typeof SELECTION_METHODS)[number]

export const PROCUREMENT_STATUSES = [
  'draft',
  'published',
  'evaluating',
  'notice',
  'awarded',
  'contracted',
  'delivered',
  'accepted',
  'cancelled',
  'failed',
] as const
export type ProcurementStatus = (typeof PROCUREMENT_STATUSES)[number]

export const BID_STATUSES = ['active', 'stale', 'withdrawn', 'rejected'] as const
export type BidStatus = (typeof BID_STATUSES)[number]

/**
 * Why the server sets a bid aside (`invalid_reason`): at closing, a bid not re-confirmed after the
 * terms changed or whose bidder no longer passes the eligibility check (`eligibility::check`'s
 * refusal codes); later, a rejected justification of an abnormally low price or an upheld
 * objection (`src/marketplace/service/selection.rs`).
 */
export const BID_INVALID_REASONS = [
  'terms_changed',
  'bidder_delisted',
  'bidder_not_eligible',
  'bidder_avoided',
  'bidder_unqualified',
  'abnormally_low_rejected',
  'objection_upheld',
] as const
export type BidInvalidReason = (typeof BID_INVALID_REASONS)[number]

export interface Party {
  id: Uuid
  name: string
}

export interface MyBid {
  id: Uuid
  price_fen: number
  promised_working_days: number
  proposal: string
  proposal_file_id: Uuid | null
  proposal_digest: string | null
  status: BidStatus
  terms_version: number
  placed_at: Timestamp
  abnormally_low: boolean
  justification: string | null
  /** accepted or rejected */
  justification_decision: string | null
  /** Why it was set aside: one of `BID_INVALID_REASONS` (a string: the server may add more). */
  invalid_reason: string | null
}

export interface Procurement {
  id: Uuid
  title: string
  scope: string
  status: ProcurementStatus
  project: Project
  owner: Party
  /** The service type, or the package's members. */
  service_types: ServiceType[]
  /** The one service type (null for a package). */
  service_type_id: Uuid | null
  package_id: Uuid | null
  package_name_zh: string | null
  package_name_en: string | null
  budget_ceiling_fen: number
  fee_min_fen: number
  fee_max_fen: number
  required_qualifications: string[]
  selection_method: SelectionMethod
  weight_price: number
  weight_proposal: number
  weight_credit: number
  min_valid_bids: number
  bidding_working_days: number
  service_working_days: number
  terms_version: number
  published_at: Timestamp | null
  bid_deadline: Timestamp | null
  closed_at: Timestamp | null
  /** SHA-256 commitment to the draw's secret seed (random draw). */
  seed_commitment: string | null
  awarded_at: Timestamp | null
  notice_ends_at: Timestamp | null
  winner: Party | null
  end_reason: string | null
  /** The owner's and the centre's only. */
  avoided: { intermediary: Party; reason: string }[] | null
  /** The caller's own bid (intermediaries). */
  my_bid: MyBid | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ProcurementRequest {
  project_id: Uuid
  service_type_id?: Uuid | null
  package_id?: Uuid | null
  title: string
  scope: string
  budget_ceiling_fen: number
  required_qualifications: string[]
  avoided: { intermediary_id: Uuid; reason: string }[]
  selection_method: SelectionMethod
  weight_price: number
  weight_proposal: number
  weight_credit: number
  bidding_working_days: number
  service_working_days: number
}

export interface ProcurementQuery extends PageQuery {
  mine?: boolean
  status?: ProcurementStatus
  service_type_id?: Uuid
  q?: string
}

export interface Question {
  id: Uuid
  question: string
  answer: string | null
  asked_at: Timestamp
  answered_at: Timestamp | null
}

export interface BidRequest {
  price_fen: number
  promised_working_days: number
  proposal: string
  proposal_file_id?: Uuid | null
  proposal_digest?: string | null
}

export interface MyBidListItem {
  bid: MyBid
  procurement_id: Uuid
  procurement_title: string
  procurement_status: ProcurementStatus
  bid_deadline: Timestamp | null
  won: boolean
}

/** A bid as the owner and the centre see it after closing. */
export interface EvaluatedBid extends MyBid {
  bidder: Party
  bidder_uscc: string | null
  proposal_score: number | null
  credit: Credit
}

export interface ScoreCard {
  bid: Uuid
  /** Hundredths of a point, 0–10000. */
  price_score: number
  proposal_score: number
  credit_score: number
  total: number
}

export interface Evaluation {
  bids: EvaluatedBid[]
  score_cards: ScoreCard[]
  /** The published formula, Chinese then English. */
  formula: string
}

export interface Objection {
  id: Uuid
  reason: string
  status: 'open' | 'upheld' | 'dismissed'
  answer: string | null
  raised_at: Timestamp
  answered_at: Timestamp | null
}

export interface Delivery {
  id: Uuid
  summary: string
  file_id: Uuid | null
  digest: string
  submitted_at: Timestamp
  decision: 'accepted' | 'returned' | null
  reason: string | null
  decided_at: Timestamp | null
}

export interface Contract {
  id: Uuid
  procurement_id: Uuid
  procurement_title: string
  procurement_status: ProcurementStatus
  amount_fen: number
  working_days: number
  status: 'proposed' | 'signed' | 'delivered' | 'accepted'
  owner_confirmed_at: Timestamp | null
  intermediary_confirmed_at: Timestamp | null
  signed_at: Timestamp | null
  due_at: Timestamp | null
  delivered_at: Timestamp | null
  accepted_at: Timestamp | null
  late: boolean
  /** Signed, past its due time and not delivered yet. */
  overdue: boolean
  deliveries: Delivery[]
}

export interface PublicNotice {
  procurement_id: Uuid
  title: string
  owner: string
  /** Chinese names; `service_types_en` the English ones. */
  service_types: string[]
  service_types_en: string[]
  selection_method: SelectionMethod
  winner: string
  winner_uscc: string | null
  price_fen: number
  budget_ceiling_fen: number
  awarded_at: Timestamp | null
  notice_ends_at: Timestamp | null
  status: ProcurementStatus
}

export interface DrawProof {
  algorithm: string
  procurement_id: Uuid
  commitment: string
  /** Empty until bidding closes. */
  seed: string
  /** Sorted unified social credit codes of the valid bidders. */
  bidders: string[]
  order: string[]
  winner: string | null
  algorithm_description: string
}

export interface Figures {
  jobs: number
  closed: number
  awarded: number
  failed: number
  cancelled: number
  /** Failed among closed, 0–1. */
  failure_rate: number | null
  avg_working_days_to_award: number | null
  avg_working_days_to_delivery: number | null
  avg_price_fen: number | null
  avg_ceiling_fen: number | null
  /** 1 − Σ awarded price ÷ Σ ceilings, 0–1. */
  saving_rate: number | null
}

export interface SubjectFigures extends Figures {
  kind: 'service_type' | 'package'
  id: Uuid | null
  code: string
  name_zh: string
  name_en: string
}

export interface MarketplaceStatistics {
  from: Timestamp
  to: Timestamp
  overall: Figures
  by_subject: SubjectFigures[]
  by_month: { month: string; published: number; awarded: number; failed: number }[]
  by_status: Partial<Record<ProcurementStatus, number>>
}

/** The rules this centre configured (`GET /marketplace/rules`). */
export interface MarketplaceRules {
  min_bidding_working_days: number
  min_valid_bids: Record<SelectionMethod, number>
  abnormally_low_percent: number
  notice_working_days: number
  unrated_credit_score: number
}
