import { describe, expect, it } from 'vitest'
import { RATING_FLAG_KINDS, RATING_FLAG_STATUSES } from '@/api/types'
import { i18n } from '@/i18n'
import { ANOMALY_KIND_TAGS, ANOMALY_STATUS_TAGS, anomalyDetail, reviewNoteError, sharedValues } from './anomalies'

const inLocale = (locale: 'zh-CN' | 'en') => {
  i18n.global.locale.value = locale
  return (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {})
}

describe('an anomaly’s finding in words', () => {
  it('names a streak of top scores and a burst of ratings with their numbers', () => {
    const t = inLocale('zh-CN')
    expect(anomalyDetail({ kind: 'maximal_streak', detail: { ratings: 5 } as never }, t)).toBe('连续 5 次满分评价')
    expect(anomalyDetail({ kind: 'burst', detail: { ratings: 2, seconds: 60 } as never }, t)).toBe('2 次评价相隔不到 60 秒')
    const en = inLocale('en')
    expect(anomalyDetail({ kind: 'burst', detail: { ratings: 3, seconds: 30 } as never }, en)).toBe('3 ratings less than 30 seconds apart')
  })

  it('names what a tied owner shares, e-mail, phone, legal representative in that order, the empty ones left out', () => {
    const t = inLocale('zh-CN')
    const detail = { legal_representative: ['王建国'], phone: ['0573-87654321'], email: ['a@example.com', 'b@example.com'] }
    expect(anomalyDetail({ kind: 'tied_owner', detail: detail as never }, t)).toBe(
      '业主与中介共用：邮箱 a@example.com、b@example.com、电话 0573-87654321、法定代表人 王建国',
    )
    expect(anomalyDetail({ kind: 'tied_owner', detail: { email: ['x@example.com'], phone: [] } as never }, t)).toBe('业主与中介共用：邮箱 x@example.com')
    const en = inLocale('en')
    expect(anomalyDetail({ kind: 'tied_owner', detail: { phone: ['123456'], legal_representative: ['Wang'] } as never }, en)).toBe(
      'The owner shares with the intermediary: phone 123456, legal representative Wang',
    )
  })

  it('shows a dash for a detail missing its values rather than failing', () => {
    const t = inLocale('zh-CN')
    expect(anomalyDetail({ kind: 'maximal_streak', detail: {} as never }, t)).toBe('连续 — 次满分评价')
    expect(anomalyDetail({ kind: 'tied_owner', detail: null as never }, t)).toBe('业主与中介共用：—')
    expect(sharedValues({ email: 'not-a-list', phone: [' ', 7, '110'] })).toEqual([['phone', ['110']]])
  })

  it('has a label, a detail and a tag for every kind, and a label and a tag for every status', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = inLocale(locale)
      for (const kind of RATING_FLAG_KINDS) {
        expect(t(`credit.anomalies.kinds.${kind}`)).not.toContain('credit.anomalies')
        expect(anomalyDetail({ kind, detail: { ratings: 4, seconds: 10, email: ['e@x.cn'] } as never }, t)).not.toContain('credit.anomalies')
        expect(ANOMALY_KIND_TAGS[kind]).toBeTruthy()
      }
      for (const status of RATING_FLAG_STATUSES) {
        expect(t(`credit.anomalies.statuses.${status}`)).not.toContain('credit.anomalies')
        expect(ANOMALY_STATUS_TAGS[status]).toBeTruthy()
      }
    }
    inLocale('zh-CN')
  })
})

describe('a review note', () => {
  it('is required and at most 2000 characters', () => {
    expect(reviewNoteError('')).toBe('required')
    expect(reviewNoteError('   \n ')).toBe('required')
    expect(reviewNoteError('已电话核实，业主与中介无关联')).toBeNull()
    expect(reviewNoteError('核'.repeat(2000))).toBeNull()
    expect(reviewNoteError('核'.repeat(2001))).toBe('tooLong')
  })
})
