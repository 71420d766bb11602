// Pure rules of the external feedback events (外部信用信息): an adjustment in signed points, the
// import's saved rows, the file template, which events are in force, and the formula's rules
// for them (checked as the server checks them).
import { EVENT_COLUMNS } from '@/api/creditEvents'
import { CREDIT_EVENT_KINDS, type EventImportReport, type EventRules, type ScoreExplanation } from '@/api/types'

/** The Chinese column labels the server reads (it also takes the keys and English labels). */
export const EVENT_TEMPLATE_HEADERS: Record<(typeof EVENT_COLUMNS)[number], string> = {
  uscc: '统一社会信用代码',
  kind: '事件类型',
  source: '来源',
  reference: '编号',
  occurred_on: '发生日期',
  ends_on: '结束日期',
  description: '说明',
}

/**
 * The import template: a CSV file of the header row alone, with a byte-order mark so that Excel
 * opens it as UTF-8.
 */
export function eventTemplateCsv(): string {
  return `\uFEFF${EVENT_COLUMNS.map((column) => EVENT_TEMPLATE_HEADERS[column]).join(',')}\r\n`
}

/** Points from hundredths with their sign (−10, +5, −2.5, 0); a true minus sign. */
export function signedPoints(hundredths: number): string {
  const points = Number((Math.abs(hundredths) / 100).toFixed(2)).toString()
  if (hundredths > 0) return `+${points}`
  if (hundredths < 0) return `\u2212${points}`
  return '0'
}

/** How many rows a saved event import wrote or found already stored (none unless applied). */
export function eventSavedRows(report: Pick<EventImportReport, 'applied' | 'created' | 'updated' | 'unchanged'>): number {
  return report.applied ? report.created + report.updated + report.unchanged : 0
}

/** The ids of the events a score's explanation counts (those in force when it was computed). */
export function eventsInForce(explanation: Pick<ScoreExplanation, 'events'> | null | undefined): Set<string> {
  return new Set((explanation?.events ?? []).map((event) => event.event_id))
}

/** The rules a formula saved before events existed reads as (no adjustment, 12 months), as the server. */
const NEUTRAL_RULES: EventRules = Object.fromEntries(CREDIT_EVENT_KINDS.map((kind) => [kind, { points: 0, months: 12 }])) as EventRules

/** A copy of a formula's event rules to edit. */
export function eventRulesForm(rules: EventRules | null | undefined): EventRules {
  const source = rules ?? NEUTRAL_RULES
  return Object.fromEntries(CREDIT_EVENT_KINDS.map((kind) => [kind, { ...source[kind] }])) as EventRules
}

/** Whether each kind adjusts by a whole −100 to 100 points for a whole 1 to 60 months. */
export function eventRulesValid(rules: EventRules): boolean {
  return CREDIT_EVENT_KINDS.every((kind) => {
    const { points, months } = rules[kind]
    return Number.isInteger(points) && points >= -100 && points <= 100 && Number.isInteger(months) && months >= 1 && months <= 60
  })
}
