// The intermediary supermarket (中介超市): the catalogue (read by all, kept by the centre),
// intermediaries, owners' projects and procurements, sealed bids, evaluation and selection,
// objections, contracts and deliveries, and the public result notices and draw proofs.
import { api } from './client'
import type {
  BidRequest,
  CatalogueServiceType,
  Contract,
  Evaluation,
  Intermediary,
  IntermediaryProfileRequest,
  MyBid,
  MyBidListItem,
  Objection,
  Procurement,
  ProcurementQuery,
  ProcurementRequest,
  ProcurementStatus,
  Project,
  ProjectRequest,
  PublicNotice,
  Qualification,
  QualificationRequest,
  QualificationType,
  Question,
  ScoreCard,
  ServiceTypePackage,
  ServiceTypePackageRequest,
  ServiceTypeRequest,
  DrawProof,
  MarketplaceRules,
  MarketplaceStatistics,
} from './marketplaceTypes'
import type { Page, PageQuery, Uuid } from './types'

// ---- the catalogue ----

/** The bidding minimum, valid bids per method and the other rules this centre configured. */
export const marketplaceRules = () => api.get<MarketplaceRules>('/marketplace/rules')

export const listQualificationTypes = () => api.get<QualificationType[]>('/qualification-types')

/** Active service types; the centre may ask for withdrawn ones too. */
export const listServiceTypes = (includeInactive = false) =>
  api.get<CatalogueServiceType[]>('/service-types', { include_inactive: includeInactive })

export const createServiceType = (body: ServiceTypeRequest) => api.post<CatalogueServiceType>('/service-types', body)

export const updateServiceType = (id: Uuid, body: ServiceTypeRequest) =>
  api.put<CatalogueServiceType>(`/service-types/${id}`, body)

export const listServiceTypePackages = () => api.get<ServiceTypePackage[]>('/service-type-packages')

export const createServiceTypePackage = (body: ServiceTypePackageRequest) =>
  api.post<ServiceTypePackage>('/service-type-packages', body)

export const updateServiceTypePackage = (id: Uuid, body: ServiceTypePackageRequest) =>
  api.put<ServiceTypePackage>(`/service-type-packages/${id}`, body)

// ---- intermediaries ----

/** Active intermediaries, higher credit first; delisted ones hidden. */
export const listIntermediaries = (query: { service_type_id?: Uuid; q?: string } = {}) =>
  api.get<Intermediary[]>('/intermediaries', query)

export const getIntermediary = (id: Uuid) => api.get<Intermediary>(`/intermediaries/${id}`)

export const myIntermediaryProfile = () => api.get<Intermediary>('/intermediaries/me')

export const updateMyIntermediaryProfile = (body: IntermediaryProfileRequest) =>
  api.put<Intermediary>('/intermediaries/me', body)

/** Records or replaces the qualification of one type. */
export const saveQualification = (body: QualificationRequest) =>
  api.put<Qualification>('/intermediaries/me/qualifications', body)

export const deleteQualification = (id: Uuid) => api.delete<void>(`/intermediaries/me/qualifications/${id}`)

// ---- projects and procurements ----

export const listProjects = () => api.get<Project[]>('/projects')

/** 400 `project_code_invalid` / `division_code_invalid` / `division_outside_code`, 409 `project_code_taken`. */
export const createProject = (body: ProjectRequest) => api.post<Project>('/projects', body)

export const listProcurements = (query: ProcurementQuery) => api.get<Page<Procurement>>('/procurements', query)

/** The published procurements the signed-in intermediary may bid on now. */
export const openProcurements = (q?: string) => api.get<Procurement[]>('/procurements/open', { q })

export const getProcurement = (id: Uuid) => api.get<Procurement>(`/procurements/${id}`)

export const createProcurement = (body: ProcurementRequest) => api.post<Procurement>('/procurements', body)

/** After publishing this makes placed bids stale and may extend the deadline. */
export const updateProcurement = (id: Uuid, body: ProcurementRequest) =>
  api.put<Procurement>(`/procurements/${id}`, body)

export const publishProcurement = (id: Uuid) => api.post<Procurement>(`/procurements/${id}/publish`)

export const cancelProcurement = (id: Uuid, reason: string) =>
  api.post<Procurement>(`/procurements/${id}/cancel`, { reason })

/** Copies a failed or cancelled procurement into a new draft. */
export const republishProcurement = (id: Uuid) => api.post<Procurement>(`/procurements/${id}/republish`)

export const listQuestions = (id: Uuid) => api.get<Question[]>(`/procurements/${id}/questions`)

export const askQuestion = (id: Uuid, question: string) =>
  api.post<Question>(`/procurements/${id}/questions`, { question })

export const answerQuestion = (id: Uuid, questionId: Uuid, answer: string) =>
  api.put<Question>(`/procurements/${id}/questions/${questionId}/answer`, { answer })

// ---- bids (the bidder's own) ----

/** Places or replaces the bid; refusals are 422 with their own codes (see errors). */
export const placeBid = (id: Uuid, body: BidRequest) => api.put<MyBid>(`/procurements/${id}/bid`, body)

export const withdrawBid = (id: Uuid) => api.delete<MyBid>(`/procurements/${id}/bid`)

/** Re-confirms a bid made stale by a change of terms. */
export const confirmBid = (id: Uuid) => api.post<MyBid>(`/procurements/${id}/bid/confirm`)

export const justifyBid = (id: Uuid, justification: string) =>
  api.put<MyBid>(`/procurements/${id}/bid/justification`, { justification })

export const myBids = () => api.get<MyBidListItem[]>('/bids/mine')

// ---- evaluation and selection (the owner) ----

/** After closing: every bid, and the score cards of a scored comparison. */
export const getEvaluation = (id: Uuid) => api.get<Evaluation>(`/procurements/${id}/evaluation`)

export const pickBid = (id: Uuid, bidId: Uuid) => api.post<void>(`/procurements/${id}/pick`, { bid_id: bidId })

export const markProposals = (id: Uuid, marks: { bid_id: Uuid; mark: number }[]) =>
  api.post<ScoreCard[]>(`/procurements/${id}/marks`, { marks })

export const decideJustification = (id: Uuid, bidId: Uuid, accept: boolean) =>
  api.post<ProcurementStatus>(`/procurements/${id}/justification-decisions`, { bid_id: bidId, accept })

// ---- objections ----

export const listObjections = (id: Uuid) => api.get<Objection[]>(`/procurements/${id}/objections`)

export const raiseObjection = (id: Uuid, reason: string) =>
  api.post<Objection>(`/procurements/${id}/objections`, { reason })

export const answerObjection = (id: Uuid, objectionId: Uuid, uphold: boolean, answer: string) =>
  api.put<Objection>(`/procurements/${id}/objections/${objectionId}/answer`, { uphold, answer })

// ---- contracts ----

export const getContract = (id: Uuid) => api.get<Contract>(`/procurements/${id}/contract`)

export const proposeContractTerms = (id: Uuid, amountFen: number, workingDays: number) =>
  api.put<Contract>(`/procurements/${id}/contract/terms`, { amount_fen: amountFen, working_days: workingDays })

export const confirmContract = (id: Uuid) => api.post<Contract>(`/procurements/${id}/contract/confirm`)

export const deliverResult = (id: Uuid, body: { summary: string; file_id?: Uuid | null; digest?: string | null }) =>
  api.post<Contract>(`/procurements/${id}/contract/deliveries`, body)

export const decideDelivery = (id: Uuid, accept: boolean, reason?: string) =>
  api.post<Contract>(`/procurements/${id}/contract/decision`, { accept, reason })

export const myContracts = () => api.get<Contract[]>('/contracts/mine')

// ---- public (no sign-in) ----

export const publicNotices = (query: PageQuery & { in_notice?: boolean }) =>
  api.get<Page<PublicNotice>>('/public/notices', query)

export const drawProof = (id: Uuid) => api.get<DrawProof>(`/public/procurements/${id}/draw-proof`)

// ---- statistics (the centre and regulators) ----

export const marketplaceStatistics = (query: { from?: string; to?: string } = {}) =>
  api.get<MarketplaceStatistics>('/marketplace/statistics', query)

// ---- added for the owner's pages ----

/**
 * The end of the N-th working day after `from` in the work calendar (`GET /calendar/deadline`):
 * what a bidding deadline would be if the procurement were published at `from`.
 */
export const workingDayDeadline = (from: string, workingDays: number) =>
  api.get<{ deadline: string }>('/calendar/deadline', { from, working_days: workingDays })
