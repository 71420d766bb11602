// Rating anomalies (评价异常): ratings the server flagged when given — a maximal streak, a burst
// from one user, an owner tied to the intermediary it rated — listed for the centre and the
// regulators (open ones first, oldest first) and reviewed once by a regulator with a note.
import { api } from './client'
import type { Page, RatingFlag, RatingFlagQuery, RatingFlagReviewRequest, Uuid } from './types'

export const listAnomalies = (query: RatingFlagQuery) => api.get<Page<RatingFlag>>('/credit/anomalies', query)

/** A regulator reviews an open anomaly, finally (409 `rating_flag_reviewed` when it was already). */
export const reviewAnomaly = (id: Uuid, body: RatingFlagReviewRequest) => api.post<RatingFlag>(`/credit/anomalies/${id}/review`, body)
