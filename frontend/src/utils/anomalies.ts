// Pure rules of the rating anomalies (评价异常) tab: a flag's finding in words (a streak of top
// scores, ratings seconds apart, the values an owner shares with the intermediary it rated), the
// tag colour of each kind and status, and the review note a regulator must give. Unit-tested.
import type { RatingFlag, RatingFlagKind, RatingFlagStatus } from '@/api/types'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** What an owner may share with the intermediary, in the order named. */
export const TIE_FIELDS = ['email', 'phone', 'legal_representative'] as const
export type TieField = (typeof TIE_FIELDS)[number]

/** A tied owner is the gravest finding; the others may be a diligent rater. */
export const ANOMALY_KIND_TAGS: Record<RatingFlagKind, 'danger' | 'warning'> = {
  tied_owner: 'danger',
  maximal_streak: 'warning',
  burst: 'warning',
}

export const ANOMALY_STATUS_TAGS: Record<RatingFlagStatus, 'warning' | 'success'> = {
  open: 'warning',
  reviewed: 'success',
}

/** The longest note the server takes. */
export const REVIEW_NOTE_MAX = 2000

const count = (value: unknown): number | string => (typeof value === 'number' && Number.isFinite(value) ? value : '—')

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : []

/** The values a tied owner shares with the intermediary, by field, the empty ones left out. */
export function sharedValues(detail: unknown): [TieField, string[]][] {
  const fields = (detail ?? {}) as Record<string, unknown>
  return TIE_FIELDS.map((field) => [field, texts(fields[field])] as [TieField, string[]]).filter(([, values]) => values.length > 0)
}

/**
 * A flag's finding in words: “连续 5 次满分评价”, “2 次评价相隔不到 60 秒”, “业主与中介共用：邮箱 x、电话 y、法定代表人 z”.
 * A detail missing its numbers shows a dash rather than failing.
 */
export function anomalyDetail(flag: Pick<RatingFlag, 'kind' | 'detail'>, t: Translate): string {
  const detail = (flag.detail ?? {}) as Record<string, unknown>
  switch (flag.kind) {
    case 'maximal_streak':
      return t('credit.anomalies.details.maximal_streak', { ratings: count(detail.ratings) })
    case 'burst':
      return t('credit.anomalies.details.burst', { ratings: count(detail.ratings), seconds: count(detail.seconds) })
    case 'tied_owner': {
      const separator = t('credit.anomalies.separator')
      const ties = sharedValues(detail).map(([field, values]) => t(`credit.anomalies.ties.${field}`, { values: values.join(separator) }))
      return t('credit.anomalies.details.tied_owner', { ties: ties.length ? ties.join(separator) : '—' })
    }
  }
}

/** Why a review note cannot be sent (message key under `credit.anomalies.noteErrors`), or null. */
export function reviewNoteError(note: string): 'required' | 'tooLong' | null {
  const trimmed = note.trim()
  if (!trimmed) return 'required'
  if ([...trimmed].length > REVIEW_NOTE_MAX) return 'tooLong'
  return null
}
