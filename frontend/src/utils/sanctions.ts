// Pure rules of the sanction and appeal pages: the regulators' queues (which sanctions or appeals
// each tab lists), the decisions the server allows on a sanction as it stands, what an
// intermediary may still appeal or report, the tag colour of each status, and the form of an
// appeal decision (a reason always; every indicator 1–5 when the scores are adjusted). Unit-tested.
import type {
  AppealDecisionRequest,
  AppealQuery,
  AppealStatus,
  IndicatorScores,
  ReceivedRating,
  Sanction,
  SanctionAction,
  SanctionQuery,
  SanctionStatus,
} from '@/api/types'

/** The regulators' queue tabs, in the order shown. */
export const QUEUE_TABS = ['rectifications', 'proposals', 'delisted', 'appeals'] as const
export type QueueTab = (typeof QUEUE_TABS)[number]

/** A tab named in a URL (`?tab=`), or the first tab. */
export function queueTab(value: unknown): QueueTab {
  return QUEUE_TABS.includes(value as QueueTab) ? (value as QueueTab) : 'rectifications'
}

/**
 * The sanction filter of a sanctions tab: rectifications of any status (the server lists those in
 * force, open and reported, first), delisting proposals awaiting confirmation, delistings in
 * force (to reinstate).
 */
export function sanctionFilter(tab: Exclude<QueueTab, 'appeals'>, status?: SanctionStatus): Omit<SanctionQuery, 'page' | 'per_page'> {
  switch (tab) {
    case 'rectifications':
      return { kind: 'rectification', status }
    case 'proposals':
      return { kind: 'delisting', status: 'proposed' }
    case 'delisted':
      return { kind: 'delisting', status: 'delisted' }
  }
}

/** The appeal filter of the appeals tab: open ones unless another status is chosen. */
export function appealFilter(status?: AppealStatus): Omit<AppealQuery, 'page' | 'per_page'> {
  return { status: status ?? 'open' }
}

/** The statuses a rectification passes through (the filter of the rectifications tab). */
export const RECTIFICATION_STATUSES = ['open', 'reported', 'closed', 'escalated', 'dismissed'] as const satisfies readonly SanctionStatus[]

/** The statuses in which a sanction is in force (still to act on, or delisting). */
export const SANCTIONS_IN_FORCE = ['open', 'reported', 'proposed', 'delisted'] as const satisfies readonly SanctionStatus[]

export function inForce(sanction: Pick<Sanction, 'status'>): boolean {
  return (SANCTIONS_IN_FORCE as readonly SanctionStatus[]).includes(sanction.status)
}

/**
 * The decisions a regulator may take on a sanction as it stands, as the server's transition
 * table allows them: an open rectification is escalated (closing needs a report), a reported one
 * closed or escalated; a proposal confirmed or dismissed; a delisting reinstated.
 */
export function sanctionActions(sanction: Pick<Sanction, 'kind' | 'status'>): SanctionAction[] {
  if (sanction.kind === 'rectification') {
    if (sanction.status === 'open') return ['escalate']
    if (sanction.status === 'reported') return ['close', 'escalate']
    return []
  }
  if (sanction.status === 'proposed') return ['confirm', 'dismiss']
  if (sanction.status === 'delisted') return ['reinstate']
  return []
}

/** The button type of each decision: the ones that hurt the intermediary in red. */
export const ACTION_TYPES: Record<SanctionAction, 'primary' | 'danger' | 'warning' | 'success'> = {
  close: 'success',
  escalate: 'danger',
  confirm: 'danger',
  dismiss: 'primary',
  reinstate: 'success',
}

/** The tag colour of each sanction status. */
export const SANCTION_STATUS_TAGS: Record<SanctionStatus, 'warning' | 'danger' | 'success' | 'info' | 'primary'> = {
  open: 'warning',
  reported: 'primary',
  closed: 'success',
  escalated: 'danger',
  proposed: 'warning',
  delisted: 'danger',
  reinstated: 'success',
  dismissed: 'info',
}

/** The tag colour of each appeal status. */
export const APPEAL_STATUS_TAGS: Record<AppealStatus, 'warning' | 'danger' | 'success' | 'info'> = {
  open: 'warning',
  upheld: 'info',
  overturned: 'success',
  adjusted: 'success',
}

/** Whether the intermediary may report on a sanction: an open rectification. */
export function reportable(sanction: Pick<Sanction, 'kind' | 'status'>): boolean {
  return sanction.kind === 'rectification' && sanction.status === 'open'
}

/**
 * Whether an intermediary may still try to appeal a sanction: in force and not appealed before
 * (the server also checks the appeal window and answers `appeal_too_late`).
 */
export function sanctionAppealable(sanction: Pick<Sanction, 'id' | 'status'>, appealed: ReadonlySet<string>): boolean {
  return inForce(sanction) && !appealed.has(sanction.id)
}

/**
 * Whether an intermediary may still try to appeal a rating: given, still counting and not
 * appealed before (the window is the server's to check).
 */
export function ratingAppealable(rating: Pick<ReceivedRating, 'id' | 'status' | 'overturned'>, appealed: ReadonlySet<string>): boolean {
  return rating.status === 'rated' && !rating.overturned && !appealed.has(rating.id)
}

/** The ids of the ratings and sanctions appealed already. */
export function appealedTargets(appeals: readonly { rating_id?: string | null; sanction_id?: string | null }[]): Set<string> {
  const ids = new Set<string>()
  for (const appeal of appeals) {
    if (appeal.rating_id) ids.add(appeal.rating_id)
    if (appeal.sanction_id) ids.add(appeal.sanction_id)
  }
  return ids
}

/** The decisions on an appeal: adjusting scores applies to a rating only. */
export function appealDecisions(appeal: { rating_id?: string | null }): Exclude<AppealStatus, 'open'>[] {
  return appeal.rating_id ? ['upheld', 'overturned', 'adjusted'] : ['upheld', 'overturned']
}

/**
 * Why an appeal decision cannot be sent yet (message key under `credit.appealDecision.errors`), or
 * null: a reason, and for `adjusted` every indicator of the formula scored 1–5.
 */
export function appealDecisionError(
  decision: Exclude<AppealStatus, 'open'>,
  reason: string,
  indicators: readonly string[],
  scores: IndicatorScores,
): 'reasonMissing' | 'scoresMissing' | null {
  if (!reason.trim()) return 'reasonMissing'
  if (decision === 'adjusted' && indicators.some((code) => !Number.isInteger(scores[code]) || scores[code]! < 1 || scores[code]! > 5))
    return 'scoresMissing'
  return null
}

/** The decision to send: the reason trimmed, the formula's indicators only when adjusting. */
export function appealDecisionRequest(
  decision: Exclude<AppealStatus, 'open'>,
  reason: string,
  indicators: readonly string[],
  scores: IndicatorScores,
): AppealDecisionRequest {
  const body: AppealDecisionRequest = { decision, reason: reason.trim() }
  if (decision === 'adjusted') body.scores = Object.fromEntries(indicators.map((code) => [code, scores[code] ?? 0]))
  return body
}
