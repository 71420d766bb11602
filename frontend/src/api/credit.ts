// Credit (信用评价): the raters' tasks and their ratings (一事一评), the versioned formula, the
// intermediaries' credit files (their own, or any for the centre and regulators), the public
// credit disclosure (信用公示), sanctions (限期整改, 临时下架) and appeals (申诉).
import { api } from './client'
import type {
  Appeal,
  AppealDecisionRequest,
  AppealQuery,
  AppealRequest,
  CreditFile,
  CreditListItem,
  CreditOverview,
  CreditQuery,
  FormulaRequest,
  FormulaVersion,
  Page,
  PageQuery,
  PublicCreditItem,
  PublicCreditQuery,
  RatingRequest,
  RatingTask,
  RatingTaskQuery,
  RectificationReportRequest,
  Sanction,
  SanctionDecisionRequest,
  SanctionQuery,
  SanctionRequest,
  Uuid,
} from './types'

// ---- the formula ----

/** The formula in force, with its indicators' names and descriptions in order. */
export const currentFormula = () => api.get<FormulaVersion>('/credit/formula')

/** Every version, newest first (the centre and regulators). */
export const listFormulas = () => api.get<FormulaVersion[]>('/credit/formulas')

export const saveFormula = (body: FormulaRequest) => api.post<FormulaVersion>('/credit/formulas', body)

// ---- rating tasks ----

/** The caller's organisation's rating tasks. */
export const listRatingTasks = (query: RatingTaskQuery) => api.get<Page<RatingTask>>('/credit/rating-tasks', query)

export const getRatingTask = (id: Uuid) => api.get<RatingTask>(`/credit/rating-tasks/${id}`)

/** Rates a task's job: final once given. */
export const rate = (id: Uuid, body: RatingRequest) => api.post<RatingTask>(`/credit/rating-tasks/${id}/rating`, body)

// ---- credit files ----

/** The signed-in intermediary's own credit file. */
export const myCredit = () => api.get<CreditFile>('/credit/mine')

export const listCredit = (query: CreditQuery) => api.get<Page<CreditListItem>>('/credit/intermediaries', query)

export const intermediaryCredit = (id: Uuid) => api.get<CreditFile>(`/credit/intermediaries/${id}`)

/** The overview (the centre and regulators): stars, score bands, twelve months and the queues' counts. */
export const creditOverview = () => api.get<CreditOverview>('/credit/overview')

/** The public credit disclosure (no sign-in). */
export const publicCredit = (query: PublicCreditQuery) => api.get<Page<PublicCreditItem>>('/public/credit', query)

// ---- sanctions ----

/** Every sanction (the centre and regulators): in force first, most overdue first. */
export const listSanctions = (query: SanctionQuery) => api.get<Page<Sanction>>('/credit/sanctions', query)

/** The signed-in intermediary's own sanctions, in the same order. */
export const mySanctions = (query: PageQuery) => api.get<Page<Sanction>>('/credit/sanctions/mine', query)

export const getSanction = (id: Uuid) => api.get<Sanction>(`/credit/sanctions/${id}`)

/** A regulator opens a rectification or a delisting proposal on its own motion. */
export const openSanction = (body: SanctionRequest) => api.post<Sanction>('/credit/sanctions', body)

/** The intermediary's report on its open rectification. */
export const reportRectification = (id: Uuid, body: RectificationReportRequest) =>
  api.post<Sanction>(`/credit/sanctions/${id}/report`, body)

/** A regulator closes or escalates a rectification, confirms or dismisses a proposal, reinstates. */
export const decideSanction = (id: Uuid, body: SanctionDecisionRequest) => api.post<Sanction>(`/credit/sanctions/${id}/decision`, body)

// ---- appeals ----

/** Every appeal (the centre and regulators): open first, most overdue first. */
export const listAppeals = (query: AppealQuery) => api.get<Page<Appeal>>('/credit/appeals', query)

/** The signed-in intermediary's own appeals. */
export const myAppeals = (query: AppealQuery) => api.get<Page<Appeal>>('/credit/appeals/mine', query)

export const getAppeal = (id: Uuid) => api.get<Appeal>(`/credit/appeals/${id}`)

/** The intermediary appeals one of its ratings or one of its sanctions in force. */
export const fileAppeal = (body: AppealRequest) => api.post<Appeal>('/credit/appeals', body)

/** A regulator decides an appeal, finally: upheld, overturned or adjusted (with corrected scores). */
export const decideAppeal = (id: Uuid, body: AppealDecisionRequest) => api.post<Appeal>(`/credit/appeals/${id}/decision`, body)
