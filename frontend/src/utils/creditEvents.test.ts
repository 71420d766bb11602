// The events' pure rules: signed adjustments, saved rows, the template, in force, the formula's rules.
import { describe, expect, it } from 'vitest'
import type { EventRules } from '@/api/types'
import { eventRulesForm, eventRulesValid, eventSavedRows, eventsInForce, eventTemplateCsv, signedPoints } from './creditEvents'

describe('signedPoints', () => {
  it('signs adjustments with a true minus and drops needless decimals', () => {
    expect(signedPoints(-1000)).toBe('−10')
    expect(signedPoints(500)).toBe('+5')
    expect(signedPoints(-250)).toBe('−2.5')
    expect(signedPoints(-1234)).toBe('−12.34')
    expect(signedPoints(0)).toBe('0')
  })
})

describe('eventSavedRows', () => {
  it('counts created, updated and unchanged events of a saved import only', () => {
    expect(eventSavedRows({ applied: true, created: 2, updated: 1, unchanged: 3 })).toBe(6)
    expect(eventSavedRows({ applied: false, created: 0, updated: 0, unchanged: 0 })).toBe(0)
  })
})

describe('eventTemplateCsv', () => {
  it('is the Chinese header row, in the file order, after a byte-order mark', () => {
    expect(eventTemplateCsv()).toBe('\uFEFF统一社会信用代码,事件类型,来源,编号,发生日期,结束日期,说明\r\n')
  })
})

describe('eventsInForce', () => {
  it('names the explanation’s events, none without one', () => {
    const explanation = {
      events: [
        { event_id: 'a', kind: 'tax_arrears', source: 's', reference: 'r', occurred_on: '2026-01-01', ends_on: '2027-01-01', adjustment_hundredths: -1000 },
      ],
    } as const
    expect([...eventsInForce({ events: [...explanation.events] })]).toEqual(['a'])
    expect(eventsInForce(null).size).toBe(0)
  })
})

describe('event rules', () => {
  const rules: EventRules = {
    tax_arrears: { points: -10, months: 12 },
    abnormal_operation: { points: -15, months: 12 },
    administrative_penalty: { points: -20, months: 24 },
    upheld_complaint: { points: -5, months: 12 },
    commendation: { points: 5, months: 12 },
  }

  it('copies the rules so that editing leaves the base alone, neutral rules for a formula without', () => {
    const form = eventRulesForm(rules)
    form.tax_arrears.points = -30
    expect(rules.tax_arrears.points).toBe(-10)
    expect(eventRulesForm(undefined).commendation).toEqual({ points: 0, months: 12 })
  })

  it('takes −100 to 100 whole points for 1 to 60 whole months', () => {
    expect(eventRulesValid(rules)).toBe(true)
    expect(eventRulesValid({ ...rules, commendation: { points: 100, months: 60 } })).toBe(true)
    expect(eventRulesValid({ ...rules, tax_arrears: { points: -101, months: 12 } })).toBe(false)
    expect(eventRulesValid({ ...rules, tax_arrears: { points: -10, months: 0 } })).toBe(false)
    expect(eventRulesValid({ ...rules, tax_arrears: { points: -10, months: 61 } })).toBe(false)
    expect(eventRulesValid({ ...rules, tax_arrears: { points: 2.5, months: 12 } })).toBe(false)
  })
})
