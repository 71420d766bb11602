import { describe, expect, it } from 'vitest'
import type { MarketplaceStatistics, SubjectFigures } from '@/api/marketplaceTypes'
import { days, monthLines, percent, statusPie, subjectBars, subjectName } from './marketplaceStats'

const figures = {
  jobs: 0,
  closed: 0,
  awarded: 0,
  failed: 0,
  cancelled: 0,
  failure_rate: null,
  avg_working_days_to_award: null,
  avg_working_days_to_delivery: null,
  avg_price_fen: null,
  avg_ceiling_fen: null,
  saving_rate: null,
}

function subject(code: string, jobs: number): SubjectFigures {
  return { ...figures, kind: 'service_type', id: code, code, name_zh: `事项${code}`, name_en: `Type ${code}`, jobs, awarded: 1, failed: 0 }
}

const stats: MarketplaceStatistics = {
  from: '2025-12-01T00:00:00Z',
  to: '2026-12-01T00:00:00Z',
  overall: { ...figures, jobs: 12 },
  by_subject: Array.from({ length: 12 }, (_, i) => subject(`t${i}`, 12 - i)),
  by_month: [
    { month: '2026-10', published: 4, awarded: 2, failed: 1 },
    { month: '2026-11', published: 8, awarded: 5, failed: 0 },
  ],
  by_status: { accepted: 5, failed: 1, published: 6 },
}

const t = (key: string) => key

describe('marketplace dashboard', () => {
  it('shows the ten busiest subjects, busiest on top', () => {
    const option = subjectBars(stats, 'zh-CN', t) as { yAxis: { data: string[] }; series: { data: number[] }[] }
    expect(option.yAxis.data).toHaveLength(10)
    expect(option.yAxis.data.at(-1)).toBe('事项t0')
    expect(option.series[0]!.data.at(-1)).toBe(12)
  })

  it('draws a line per measure over the months', () => {
    const option = monthLines(stats, t) as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(option.xAxis.data).toEqual(['2026-10', '2026-11'])
    expect(option.series.map((s) => s.data)).toEqual([[4, 8], [2, 5], [1, 0]])
  })

  it('names each status slice', () => {
    const option = statusPie(stats, t) as { series: { data: { name: string; value: number }[] }[] }
    expect(option.series[0]!.data).toContainEqual({ name: 'marketplace.status.procurement.failed', value: 1 })
  })

  it('formats rates, days and names, with a dash for nothing', () => {
    expect(percent(0.253)).toBe('25.3%')
    expect(percent(null)).toBe('—')
    expect(days(4)).toBe('4.0')
    expect(days(undefined)).toBe('—')
    expect(subjectName(stats.by_subject[0]!, 'en')).toBe('Type t0')
  })
})
