// The marketplace dashboard's chart options, built from `/marketplace/statistics`: jobs per
// service type (bar), jobs per month (line), jobs per status (pie). Pure, so they are unit-tested.
import type { ChartOption } from '@/charts/echarts'
import type { MarketplaceStatistics, ProcurementStatus, SubjectFigures } from '@/api/marketplaceTypes'
import { statusLabelKey } from '@/utils/marketStatus'

type Translate = (key: string) => string

/** A subject's name in the UI language. */
export function subjectName(subject: SubjectFigures, locale: string): string {
  return locale.startsWith('zh') ? subject.name_zh : subject.name_en
}

/** A 0–1 rate as a percentage with one decimal, or an em dash. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`
}

/** Working days with one decimal, or an em dash. */
export function days(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(1)
}

/** Jobs, awarded and failed per service type or package: the ten busiest, busiest on top. */
export function subjectBars(stats: MarketplaceStatistics, locale: string, t: Translate): ChartOption {
  const top = stats.by_subject.slice(0, 10).reverse()
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((s) => subjectName(s, locale)) },
    series: [
      { name: t('marketplaceStats.jobs'), type: 'bar', data: top.map((s) => s.jobs) },
      { name: t('marketplaceStats.awarded'), type: 'bar', data: top.map((s) => s.awarded) },
      { name: t('marketplaceStats.failed'), type: 'bar', data: top.map((s) => s.failed) },
    ],
  }
}

/** Published, awarded and failed jobs per month. */
export function monthLines(stats: MarketplaceStatistics, t: Translate): ChartOption {
  const months = stats.by_month.map((m) => m.month)
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('marketplaceStats.published'), type: 'line', smooth: true, data: stats.by_month.map((m) => m.published) },
      { name: t('marketplaceStats.awarded'), type: 'line', smooth: true, data: stats.by_month.map((m) => m.awarded) },
      { name: t('marketplaceStats.failed'), type: 'line', smooth: true, data: stats.by_month.map((m) => m.failed) },
    ],
  }
}

/** Jobs per status. */
export function statusPie(stats: MarketplaceStatistics, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        data: Object.entries(stats.by_status).map(([status, value]) => ({
          name: t(statusLabelKey('procurement', status as ProcurementStatus)),
          value,
        })),
      },
    ],
  }
}
