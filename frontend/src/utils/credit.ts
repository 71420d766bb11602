// Pure rules of the credit pages: a rating's completeness and the comment a low score needs, the
// rating tasks' order and urgency, scores in hundredths, the overview's charts (stars, score
// bands, the monthly trend) and queue counters, and the centre's formula form (weights adding up
// to 100, thresholds in order). Unit-tested.
import type { ChartOption } from '@/charts/echarts'
import type {
  Formula,
  FormulaVersion,
  IndicatorScores,
  Indicator,
  RaterExplanation,
  RatingRequest,
  RatingTask,
  CreditMonth,
  CreditQueues,
  ScoreBand,
  StarCount,
} from '@/api/types'
import { DAY } from '@/utils/beijingTime'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** A score at or below this (1 or 2) needs a comment saying why. */
export const LOW_SCORE = 2
/** An open task due in less than this is shown in red. */
export const DUE_SOON_MS = 3 * DAY
/** The tag colour of each rating task status, the same on every page. */
export const RATING_STATUS_TAGS = { open: 'warning', rated: 'success', lapsed: 'info' } as const

/** The star levels, best first. */
export const STAR_LEVELS = [5, 4, 3, 2, 1] as const

/** Whether any given score is low enough to need a comment. */
export function needsComment(scores: IndicatorScores): boolean {
  return Object.values(scores).some((score) => score >= 1 && score <= LOW_SCORE)
}

/**
 * Why a rating cannot be sent yet (message key under `credit.rate.errors`), or null: every
 * indicator of the formula scored 1–5, and a comment when any score is 1 or 2.
 */
export function ratingError(indicators: readonly string[], scores: IndicatorScores, comment: string): 'scoresMissing' | 'commentMissing' | null {
  if (indicators.some((code) => !Number.isInteger(scores[code]) || scores[code]! < 1 || scores[code]! > 5)) return 'scoresMissing'
  if (needsComment(scores) && !comment.trim()) return 'commentMissing'
  return null
}

/** The rating to send: the formula's indicators only, the comment trimmed (none when empty). */
export function ratingRequest(indicators: readonly string[], scores: IndicatorScores, comment: string): RatingRequest {
  return {
    scores: Object.fromEntries(indicators.map((code) => [code, scores[code] ?? 0])),
    comment: comment.trim() || null,
  }
}

/** Whether an open task's window ends within three days (or has ended). */
export function dueSoon(task: Pick<RatingTask, 'status' | 'due_at'>, now: Date): boolean {
  return task.status === 'open' && new Date(task.due_at).getTime() - now.getTime() < DUE_SOON_MS
}

/**
 * Whether a task can still be rated at `now`: open, and its window not yet ended (a task past its
 * window stays `open` until the lapse job marks it; the server refuses it already).
 */
export function ratable(task: Pick<RatingTask, 'status' | 'due_at'>, now: Date): boolean {
  return task.status === 'open' && new Date(task.due_at).getTime() > now.getTime()
}

/** Open tasks first, soonest due first; then the others, latest accepted first. */
export function sortTasks<T extends Pick<RatingTask, 'status' | 'due_at' | 'accepted_at'>>(tasks: readonly T[]): T[] {
  const time = (value: string) => new Date(value).getTime()
  return [...tasks].sort((a, b) => {
    const aOpen = a.status === 'open'
    if (aOpen !== (b.status === 'open')) return aOpen ? -1 : 1
    return aOpen ? time(a.due_at) - time(b.due_at) : time(b.accepted_at) - time(a.accepted_at)
  })
}

/** A score given in hundredths of a point, with two decimals; an em dash when there is none. */
export function scoreText(hundredths: number | null | undefined): string {
  return hundredths === null || hundredths === undefined ? '—' : (hundredths / 100).toFixed(2)
}

/** How a rater's rating stands in an explanation (message key under `credit.raterMarks`). */
export function raterMark(rater: Pick<RaterExplanation, 'status' | 'overturned'>): 'overturned' | 'open' | 'lapsed' | 'counted' {
  if (rater.overturned) return 'overturned'
  return rater.status === 'rated' ? 'counted' : rater.status
}

/** Intermediaries per level: unrated first, then 1★ to 5★. */
export interface StarsDistribution {
  unrated: number
  stars: Record<(typeof STAR_LEVELS)[number], number>
}

/** The distribution from the overview's unrated count and its count per level (a level it omits has none). */
export function starsDistribution(unrated: number, levels: readonly StarCount[]): StarsDistribution {
  const stars = Object.fromEntries(STAR_LEVELS.map((level) => [level, levels.find((l) => l.stars === level)?.count ?? 0])) as StarsDistribution['stars']
  return { unrated, stars }
}

/** A bar per level: unrated, 1★ … 5★. */
export function distributionBars(distribution: StarsDistribution, t: Translate): ChartOption {
  const levels = [...STAR_LEVELS].reverse()
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: [t('credit.unrated'), ...levels.map((level) => t('credit.starsShort', { stars: level }))] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('credit.overview.intermediaries'),
        type: 'bar',
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: [distribution.unrated, ...levels.map((level) => distribution.stars[level])],
      },
    ],
  }
}

/** A bar per band of ten points: `0–10` … `90–100` (the last band includes 100). */
export function scoreBandBars(bands: readonly ScoreBand[], t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      name: t('credit.overview.scoreAxis'),
      axisLabel: { interval: 0, fontSize: 11 },
      data: bands.map((band) => `${band.from}–${band.to}`),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('credit.overview.intermediaries'),
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: 'top' },
        data: bands.map((band) => band.count),
      },
    ],
  }
}

/** The series of the monthly trend drawn against counts (the mean job score has its own axis). */
export const TREND_COUNTS = ['ratings', 'lapsed', 'stars_up', 'stars_down', 'sanctions_opened'] as const

/**
 * The last twelve months as lines: ratings given and lapsed, stars up and down and sanctions
 * opened against counts on the left, the mean job score (0–100; a gap where a month has none)
 * against the right axis.
 */
export function monthlyTrend(months: readonly CreditMonth[], t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('credit.overview.countAxis') },
      { type: 'value', min: 0, max: 100, name: t('credit.overview.meanAxis') },
    ],
    series: [
      ...TREND_COUNTS.map((key) => ({
        name: t(`credit.overview.trend.${key}`),
        type: 'line',
        data: months.map((m) => m[key]),
      })),
      {
        name: t('credit.overview.trend.mean_job_score'),
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        lineStyle: { type: 'dashed' },
        data: months.map((m) => m.mean_job_score ?? null),
      },
    ],
  }
}

/** The overview's queue counters in order, each with the queue tab it opens. */
export function queueCounters(queues: CreditQueues): { key: string; tab: string; count: number; overdue: number | null }[] {
  return [
    { key: 'rectifications', tab: 'rectifications', count: queues.rectifications_open, overdue: queues.rectifications_overdue },
    { key: 'proposals', tab: 'proposals', count: queues.proposals, overdue: null },
    { key: 'appeals', tab: 'appeals', count: queues.appeals_open, overdue: queues.appeals_overdue },
  ]
}

/** The indicators any version has scored, in the order first met (newest version first). */
export function knownIndicators(versions: readonly FormulaVersion[]): Indicator[] {
  const seen = new Map<string, Indicator>()
  for (const version of versions) for (const indicator of version.indicators) if (!seen.has(indicator.code)) seen.set(indicator.code, indicator)
  return [...seen.values()]
}

/** The weights' sum, in percent. */
export function weightsTotal(weights: Formula['weights']): number {
  return weights.owner + weights.department + weights.center
}

/**
 * Why a formula form cannot be saved (message key under `credit.formula.errors`), or null: the
 * weights add up to 100, 1–10 indicators, thresholds falling from five stars to two within
 * 0–100, windows within their ranges.
 */
export function formulaError(formula: Formula): 'weights' | 'indicators' | 'thresholds' | 'windows' | null {
  if (weightsTotal(formula.weights) !== 100) return 'weights'
  const count = new Set(formula.indicators).size
  if (count < 1 || count > 10 || count !== formula.indicators.length) return 'indicators'
  const { five, four, three, two } = formula.stars
  if (!(five <= 100 && five > four && four > three && three > two && two > 0)) return 'thresholds'
  const inRange = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max
  if (
    !inRange(formula.window_months, 1, 60) ||
    !inRange(formula.rating_window_working_days, 1, 60) ||
    !inRange(formula.reminder_working_days, 0, formula.rating_window_working_days - 1)
  )
    return 'windows'
  return null
}

/** A copy of a formula to edit, its indicators in the catalogue's order. */
export function formulaForm(formula: Formula, catalogue: readonly Indicator[]): Formula {
  const order = catalogue.map((indicator) => indicator.code)
  return {
    ...formula,
    weights: { ...formula.weights },
    stars: { ...formula.stars },
    indicators: [...formula.indicators].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
  }
}
