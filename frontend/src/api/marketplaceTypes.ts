// Types of the intermediary supermarket (中介超市): the catalogue of service types and packages,
// intermediaries, projects, procurements, sealed bids, evaluation, objections, contracts and the
// public notices and draw proofs. Generated from the server's OpenAPI document (see `types.ts`);
// written by hand only the lists the views offer.
import type { PageQuery, QueryOf, Schemas } from './types'

export type QualificationType = Schemas['QualificationType']
export type ServiceType = Schemas['ServiceTypeResponse']
/** A service type as the catalogue lists it: with its responsible department (who rates its jobs). */
export type CatalogueServiceType = Schemas['CatalogueServiceTypeResponse']
export type DepartmentRef = Schemas['DepartmentRef']
export type ServiceTypeRequest = Schemas['ServiceTypeRequest']
export type ServiceTypePackage = Schemas['ServiceTypePackageResponse']
export type ServiceTypePackageRequest = Schemas['ServiceTypePackageRequest']
export type Credit = Schemas['CreditResponse']
export type Qualification = Schemas['QualificationResponse']
export type QualificationRequest = Schemas['QualificationRequest']
export type Intermediary = Schemas['IntermediaryResponse']
export type IntermediaryProfileRequest = Schemas['IntermediaryProfileRequest']
export type Project = Schemas['ProjectResponse']
export type ProjectRequest = Schemas['ProjectRequest']

export type SelectionMethod = Schemas['SelectionMethod']
export const SELECTION_METHODS = [
  'direct_pick',
  'random_draw',
  'lowest_price',
  'scored',
] as const satisfies readonly SelectionMethod[]

export type ProcurementStatus = Schemas['ProcurementStatus']
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
] as const satisfies readonly ProcurementStatus[]

export type BidStatus = Schemas['BidStatus']
export const BID_STATUSES = ['active', 'stale', 'withdrawn', 'rejected'] as const satisfies readonly BidStatus[]

/**
 * Why the server sets a bid aside (`invalid_reason`, a string in the document): at closing, a bid
 * not re-confirmed after the terms changed or whose bidder no longer passes the eligibility check
 * (`eligibility::check`'s refusal codes); later, a rejected justification of an abnormally low
 * price or an upheld objection.
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

export type Party = Schemas['PartyResponse']
export type MyBid = Schemas['MyBidResponse']
export type Procurement = Schemas['ProcurementResponse']
export type ProcurementRequest = Schemas['ProcurementRequest']
export type ProcurementQuery = PageQuery & QueryOf<'list_procurements'>
export type Question = Schemas['QuestionResponse']
export type BidRequest = Schemas['BidRequest']
export type MyBidListItem = Schemas['MyBidListItem']
/** A bid as the owner and the centre see it after closing. */
export type EvaluatedBid = Schemas['BidResponse']
export type ScoreCard = Schemas['ScoreCard']
export type Evaluation = Schemas['EvaluationResponse']
export type Objection = Schemas['ObjectionResponse']
export type Delivery = Schemas['DeliveryResponse']
export type Contract = Schemas['ContractResponse']
export type PublicNotice = Schemas['PublicNoticeResponse']
export type DrawProof = Schemas['DrawProofResponse']
export type Figures = Schemas['FiguresResponse']
export type SubjectFigures = Schemas['SubjectFiguresResponse']
export type MarketplaceStatistics = Schemas['StatisticsResponse']
/** The rules this centre configured (`GET /marketplace/rules`). */
export type MarketplaceRules = Schemas['RulesResponse']
