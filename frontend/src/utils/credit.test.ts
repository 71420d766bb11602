import { describe, expect, it } from 'vitest'
import type { Formula, FormulaVersion, Indicator } from '@/api/types'
import {
  distributionBars,
  dueSoon,
  monthlyTrend,
  queueCounters,
  scoreBandBars,
  formulaError,
  knownIndicators,
  needsComment,
  raterMark,
  ratable,
  ratingError,
  ratingRequest,
  scoreText,
  sortTasks,
  starsDistribution,
} from './credit'

const CODES = ['service_quality', 'timeliness', 'integrity']

describe('a rating', () => {
  it('needs a comment when any score is 1 or 2, not otherwise', () => {
    expect(needsComment({ a: 3, b: 5 })).toBe(false)
    expect(needsComment({ a: 2, b: 5 })).toBe(true)
    expect(needsComment({ a: 1 })).toBe(true)
    expect(needsComment({})).toBe(false)
  })

  it.each([
    [{ service_quality: 5, timeliness: 4 }, '', 'scoresMissing'],
    [{ service_quality: 5, timeliness: 4, integrity: 0 }, '', 'scoresMissing'],
    [{ service_quality: 5, timeliness: 4, integrity: 6 }, '', 'scoresMissing'],
    [{ service_quality: 5, timeliness: 2, integrity: 4 }, '  ', 'commentMissing'],
    [{ service_quality: 5, timeliness: 2, integrity: 4 }, 'late twice', null],
    [{ service_quality: 5, timeliness: 3, integrity: 4 }, '', null],
  ] as const)('with scores %j and comment %j is refused for %s', (scores, comment, error) => {
    expect(ratingError(CODES, scores, comment)).toBe(error)
  })

  it('sends only the formula’s indicators and no empty comment', () => {
    expect(ratingRequest(CODES, { service_quality: 5, timeliness: 4, integrity: 3, old: 1 }, '  ')).toEqual({
      scores: { service_quality: 5, timeliness: 4, integrity: 3 },
      comment: null,
    })
    expect(ratingRequest(['a'], { a: 1 }, ' slow ')).toEqual({ scores: { a: 1 }, comment: 'slow' })
  })
})

describe('rating tasks', () => {
  const now = new Date('2026-12-07T00:00:00Z')
  const task = (status: 'open' | 'rated' | 'lapsed', due: string, accepted = '2026-11-01T00:00:00Z') => ({
    status,
    due_at: due,
    accepted_at: accepted,
  })

  it('are due soon when open with less than three days left', () => {
    expect(dueSoon(task('open', '2026-12-09T23:59:59Z'), now)).toBe(true)
    expect(dueSoon(task('open', '2026-12-06T00:00:00Z'), now)).toBe(true)
    expect(dueSoon(task('open', '2026-12-10T00:00:00Z'), now)).toBe(false)
    expect(dueSoon(task('rated', '2026-12-08T00:00:00Z'), now)).toBe(false)
  })

  it('can be rated while open and within their window only', () => {
    expect(ratable(task('open', '2026-12-07T00:00:01Z'), now)).toBe(true)
    expect(ratable(task('open', '2026-12-07T00:00:00Z'), now)).toBe(false)
    expect(ratable(task('rated', '2026-12-20T00:00:00Z'), now)).toBe(false)
    expect(ratable(task('lapsed', '2026-12-20T00:00:00Z'), now)).toBe(false)
  })

  it('come open first, soonest due first, then the latest accepted', () => {
    const rated = task('rated', '2026-12-01T00:00:00Z', '2026-11-20T00:00:00Z')
    const lapsed = task('lapsed', '2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z')
    const later = task('open', '2026-12-20T00:00:00Z')
    const sooner = task('open', '2026-12-08T00:00:00Z')
    expect(sortTasks([lapsed, later, rated, sooner])).toEqual([sooner, later, rated, lapsed])
  })
})

describe('scores and explanations', () => {
  it('show hundredths with two decimals, or a dash', () => {
    expect(scoreText(8950)).toBe('89.50')
    expect(scoreText(0)).toBe('0.00')
    expect(scoreText(null)).toBe('—')
    expect(scoreText(undefined)).toBe('—')
  })

  it('mark an overturned rating above its status', () => {
    expect(raterMark({ status: 'rated', overturned: true })).toBe('overturned')
    expect(raterMark({ status: 'rated', overturned: false })).toBe('counted')
    expect(raterMark({ status: 'lapsed', overturned: false })).toBe('lapsed')
    expect(raterMark({ status: 'open', overturned: false })).toBe('open')
  })
})

describe('the stars distribution', () => {
  it('counts as unrated whoever has no level', () => {
    const d = starsDistribution(4, [
      { stars: 1, count: 1 },
      { stars: 2, count: 1 },
      { stars: 3, count: 2 },
      { stars: 4, count: 5 },
      { stars: 5, count: 7 },
    ])
    expect(d.unrated).toBe(4)
    expect(d.stars).toEqual({ 5: 7, 4: 5, 3: 2, 2: 1, 1: 1 })
  })

  it('counts none at a level the overview omits', () => {
    expect(starsDistribution(0, [{ stars: 5, count: 2 }]).stars).toEqual({ 5: 2, 4: 0, 3: 0, 2: 0, 1: 0 })
  })

  it('draws a bar per level from unrated to five stars', () => {
    const levels = [1, 2, 3, 4].map((stars) => ({ stars, count: 1 })).concat({ stars: 5, count: 5 })
    const option = distributionBars(starsDistribution(1, levels), (key, params) =>
      params ? `${params.stars}★` : key,
    ) as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(option.xAxis.data).toEqual(['credit.unrated', '1★', '2★', '3★', '4★', '5★'])
    expect(option.series[0]!.data).toEqual([1, 1, 1, 1, 1, 5])
  })
})

describe('the overview', () => {
  const t = (key: string) => key

  it('draws a bar per band of ten points, the lowest first', () => {
    const bands = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: i === 9 ? 6 : i }))
    const option = scoreBandBars(bands, t) as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(option.xAxis.data[0]).toBe('0–10')
    expect(option.xAxis.data[9]).toBe('90–100')
    expect(option.series[0]!.data).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 6])
  })

  it('draws the months oldest first, counts on the left and the mean job score on the right with gaps', () => {
    const month = (m: string, ratings: number, mean: number | null) => ({
      month: m,
      ratings,
      lapsed: 1,
      mean_job_score: mean,
      stars_up: 2,
      stars_down: 0,
      sanctions_opened: 1,
    })
    const option = monthlyTrend([month('2026-11', 4, 87.5), month('2026-12', 0, null)], t) as {
      xAxis: { data: string[] }
      series: { name: string; yAxisIndex?: number; data: (number | null)[] }[]
    }
    expect(option.xAxis.data).toEqual(['2026-11', '2026-12'])
    expect(option.series.map((s) => s.name)).toEqual([
      'credit.overview.trend.ratings',
      'credit.overview.trend.lapsed',
      'credit.overview.trend.stars_up',
      'credit.overview.trend.stars_down',
      'credit.overview.trend.sanctions_opened',
      'credit.overview.trend.mean_job_score',
    ])
    expect(option.series[0]!.data).toEqual([4, 0])
    const mean = option.series[5]!
    expect(mean.yAxisIndex).toBe(1)
    expect(mean.data).toEqual([87.5, null])
  })

  it('counts the queues with their overdue ones, each opening its tab', () => {
    const counters = queueCounters({ rectifications_open: 3, rectifications_overdue: 1, proposals: 2, appeals_open: 4, appeals_overdue: 0 })
    expect(counters).toEqual([
      { key: 'rectifications', tab: 'rectifications', count: 3, overdue: 1 },
      { key: 'proposals', tab: 'proposals', count: 2, overdue: null },
      { key: 'appeals', tab: 'appeals', count: 4, overdue: 0 },
    ])
  })
})

describe('the formula form', () => {
  const base: Formula = {
    weights: { owner: 50, department: 30, center: 20 },
    indicators: CODES,
    stars: { five: 90, four: 80, three: 70, two: 60 },
    window_months: 12,
    rating_window_working_days: 15,
    reminder_working_days: 3,
  }

  it('accepts the shipped formula', () => {
    expect(formulaError(base)).toBeNull()
  })

  it.each([
    ['weights not adding up to 100', { weights: { owner: 50, department: 30, center: 30 } }, 'weights'],
    ['no indicator', { indicators: [] }, 'indicators'],
    ['an indicator twice', { indicators: ['a', 'a'] }, 'indicators'],
    ['thresholds out of order', { stars: { five: 90, four: 90, three: 70, two: 60 } }, 'thresholds'],
    ['a threshold above 100', { stars: { five: 101, four: 80, three: 70, two: 60 } }, 'thresholds'],
    ['a two-star threshold of 0', { stars: { five: 90, four: 80, three: 70, two: 0 } }, 'thresholds'],
    ['a zero-month window', { window_months: 0 }, 'windows'],
    ['a reminder not before the window ends', { reminder_working_days: 15 }, 'windows'],
  ] as const)('refuses %s', (_name, change, error) => {
    expect(formulaError({ ...base, ...change } as Formula)).toBe(error)
  })

  it('offers every indicator any version scored, each once', () => {
    const ind = (code: string): Indicator => ({ code, name_zh: code, name_en: code, description_zh: '', description_en: '' })
    const version = (codes: string[]) => ({ indicators: codes.map(ind) }) as FormulaVersion
    expect(knownIndicators([version(['a', 'b']), version(['a', 'c'])]).map((i) => i.code)).toEqual(['a', 'b', 'c'])
  })
})
