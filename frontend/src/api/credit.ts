// Credit (信用评价): the raters' tasks and their ratings (一事一评), the versioned formula, the
// intermediaries' credit files (their own, or any for the centre and regulators) and the public
// credit disclosure (信用公示).
import { api } from './client'
import type {
  CreditFile,
  CreditListItem,
  CreditQuery,
  FormulaRequest,
  FormulaVersion,
  Page,
  PublicCreditItem,
  PublicCreditQuery,
  RatingRequest,
  RatingTask,
  RatingTaskQuery,
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

/** The public credit disclosure (no sign-in). */
export const publicCredit = (query: PublicCreditQuery) => api.get<Page<PublicCreditItem>>('/public/credit', query)
