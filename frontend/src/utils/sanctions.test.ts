import { describe, expect, it } from 'vitest'
import { SANCTION_STATUSES, type SanctionKind, type SanctionStatus } from '@/api/types'
import {
  appealDecisionError,
  appealDecisionRequest,
  appealDecisions,
  appealedTargets,
  appealFilter,
  inForce,
  queueTab,
  ratingAppealable,
  reportable,
  sanctionActions,
  sanctionAppealable,
  sanctionFilter,
} from './sanctions'

const CODES = ['service_quality', 'timeliness']

describe('the regulators’ queues', () => {
  it('reads the tab from the URL, the rectifications when unknown', () => {
    expect(queueTab('appeals')).toBe('appeals')
    expect(queueTab('proposals')).toBe('proposals')
    expect(queueTab('nonsense')).toBe('rectifications')
    expect(queueTab(undefined)).toBe('rectifications')
    expect(queueTab(['appeals'])).toBe('rectifications')
  })

  it('lists rectifications of the chosen status, proposals awaiting confirmation and delistings in force', () => {
    expect(sanctionFilter('rectifications')).toEqual({ kind: 'rectification', status: undefined })
    expect(sanctionFilter('rectifications', 'reported')).toEqual({ kind: 'rectification', status: 'reported' })
    expect(sanctionFilter('proposals')).toEqual({ kind: 'delisting', status: 'proposed' })
    expect(sanctionFilter('delisted', 'open')).toEqual({ kind: 'delisting', status: 'delisted' })
  })

  it('lists open appeals unless another status is chosen', () => {
    expect(appealFilter()).toEqual({ status: 'open' })
    expect(appealFilter('overturned')).toEqual({ status: 'overturned' })
  })
})

describe('a sanction’s decisions', () => {
  it.each<[SanctionKind, SanctionStatus, string[]]>([
    ['rectification', 'open', ['escalate']],
    ['rectification', 'reported', ['close', 'escalate']],
    ['rectification', 'closed', []],
    ['rectification', 'escalated', []],
    ['rectification', 'dismissed', []],
    ['delisting', 'proposed', ['confirm', 'dismiss']],
    ['delisting', 'delisted', ['reinstate']],
    ['delisting', 'reinstated', []],
    ['delisting', 'dismissed', []],
  ])('a %s %s allows %j', (kind, status, actions) => {
    expect(sanctionActions({ kind, status })).toEqual(actions)
  })

  it('counts open, reported, proposed and delisted as in force, nothing else', () => {
    const inForceStatuses = SANCTION_STATUSES.filter((status) => inForce({ status }))
    expect(inForceStatuses).toEqual(['open', 'reported', 'proposed', 'delisted'])
  })

  it('takes a report only on an open rectification', () => {
    expect(reportable({ kind: 'rectification', status: 'open' })).toBe(true)
    expect(reportable({ kind: 'rectification', status: 'reported' })).toBe(false)
    expect(reportable({ kind: 'delisting', status: 'open' })).toBe(false)
  })
})

describe('what an intermediary may appeal', () => {
  const appealed = appealedTargets([
    { rating_id: 'r1', sanction_id: null },
    { rating_id: null, sanction_id: 's1' },
  ])

  it('remembers the ratings and sanctions appealed already', () => {
    expect([...appealed].sort()).toEqual(['r1', 's1'])
  })

  it('a given rating that still counts and was not appealed', () => {
    expect(ratingAppealable({ id: 'r2', status: 'rated', overturned: false }, appealed)).toBe(true)
    expect(ratingAppealable({ id: 'r1', status: 'rated', overturned: false }, appealed)).toBe(false)
    expect(ratingAppealable({ id: 'r2', status: 'rated', overturned: true }, appealed)).toBe(false)
    expect(ratingAppealable({ id: 'r2', status: 'open', overturned: false }, appealed)).toBe(false)
    expect(ratingAppealable({ id: 'r2', status: 'lapsed', overturned: false }, appealed)).toBe(false)
  })

  it('a sanction in force that was not appealed', () => {
    expect(sanctionAppealable({ id: 's2', status: 'delisted' }, appealed)).toBe(true)
    expect(sanctionAppealable({ id: 's2', status: 'open' }, appealed)).toBe(true)
    expect(sanctionAppealable({ id: 's1', status: 'open' }, appealed)).toBe(false)
    expect(sanctionAppealable({ id: 's2', status: 'closed' }, appealed)).toBe(false)
  })
})

describe('an appeal decision', () => {
  it('adjusts scores only of a rating', () => {
    expect(appealDecisions({ rating_id: 'r1' })).toEqual(['upheld', 'overturned', 'adjusted'])
    expect(appealDecisions({ rating_id: null })).toEqual(['upheld', 'overturned'])
  })

  it('needs a reason, and every indicator scored 1–5 when adjusting', () => {
    expect(appealDecisionError('upheld', '  ', CODES, {})).toBe('reasonMissing')
    expect(appealDecisionError('overturned', '返工系业主原因', CODES, {})).toBeNull()
    expect(appealDecisionError('adjusted', '核实后更正', CODES, { service_quality: 4 })).toBe('scoresMissing')
    expect(appealDecisionError('adjusted', '核实后更正', CODES, { service_quality: 4, timeliness: 0 })).toBe('scoresMissing')
    expect(appealDecisionError('adjusted', '核实后更正', CODES, { service_quality: 4, timeliness: 6 })).toBe('scoresMissing')
    expect(appealDecisionError('adjusted', '核实后更正', CODES, { service_quality: 4, timeliness: 3 })).toBeNull()
  })

  it('sends the reason trimmed, and the formula’s indicators only when adjusting', () => {
    expect(appealDecisionRequest('overturned', ' 理由 ', CODES, { service_quality: 2 })).toEqual({ decision: 'overturned', reason: '理由' })
    expect(appealDecisionRequest('adjusted', '理由', CODES, { service_quality: 4, timeliness: 3, retired: 1 })).toEqual({
      decision: 'adjusted',
      reason: '理由',
      scores: { service_quality: 4, timeliness: 3 },
    })
  })
})
