// The owner's procurement rules: project codes, the wizard's checks step by step (budget within
// the fee range, weights adding up to 100, at least three bidding working days), the request it
// sends, the lifecycle timeline with its side exits, the owner's actions and the evaluation
// helpers.
import { describe, expect, it } from 'vitest'
import type { Procurement, ServiceType, ServiceTypePackage } from '@/api/marketplaceTypes'
import {
  awaitsJustificationDecision,
  biddingClosed,
  completeMarks,
  divisionOfProjectCode,
  emptyProcurementForm,
  firstInvalidStep,
  hasAward,
  isDivisionCode,
  isProjectCode,
  ownerActions,
  procurementForm,
  procurementRequest,
  scorePoints,
  statusTimeline,
  subjectFeeRange,
  subjectTimeLimit,
  summedFeeRange,
  validateStep,
  validBids,
  weightsTotal,
  type ProcurementForm,
} from './procurement'

function serviceType(id: string, min: number, max: number, days = 20): ServiceType {
  return {
    id,
    code: id,
    name_zh: `事项${id}`,
    name_en: `Type ${id}`,
    approval_zh: '',
    approval_en: '',
    qualification: 'engineering_consulting',
    fee_min_fen: min,
    fee_max_fen: max,
    time_limit_working_days: days,
    guide_zh: '',
    guide_en: '',
    active: true,
    position: 1,
  }
}

const eia = serviceType('eia', 2_000_000, 50_000_000, 30)
const survey = serviceType('survey', 500_000, 3_000_000, 10)
const pack: ServiceTypePackage = {
  id: 'pack',
  code: 'consulting',
  name_zh: '咨询类',
  name_en: 'Consulting',
  description_zh: '',
  description_en: '',
  service_types: [eia, survey],
  fee_min_fen: 2_500_000,
  fee_max_fen: 53_000_000,
}

/** A complete, valid lowest-price form for the EIA service type. */
function validForm(changes: Partial<ProcurementForm> = {}): ProcurementForm {
  return {
    ...emptyProcurementForm('project-1'),
    service_type_id: 'eia',
    title: '某项目环境影响评价',
    budget_ceiling_fen: 10_000_000,
    service_working_days: 30,
    ...changes,
  }
}

const range = { min_fen: eia.fee_min_fen, max_fen: eia.fee_max_fen }

describe('project codes', () => {
  it.each([
    ['2026-330106-04-01-000123', true],
    [' 2026-330106-04-01-000123 ', true],
    ['1999-330106-04-01-000123', false],
    ['2026-33010-04-01-000123', false],
    ['2026-330106-4-01-000123', false],
    ['2026-330106-04-01-00012A', false],
    ['2026330106040100 0123', false],
    ['', false],
  ])('%s is a project code: %s', (code, ok) => {
    expect(isProjectCode(code)).toBe(ok)
  })

  it('takes the division from the project code and checks typed divisions', () => {
    expect(divisionOfProjectCode('2026-330106-04-01-000123')).toBe('330106')
    expect(divisionOfProjectCode('2026-3301-04-01-000123')).toBeNull()
    expect(isDivisionCode('330106')).toBe(true)
    expect(isDivisionCode('33010')).toBe(false)
    expect(isDivisionCode('33010a')).toBe(false)
  })
})

describe('the wizard', () => {
  it('accepts a complete form on every step', () => {
    expect(firstInvalidStep(validForm(), range)).toBeNull()
  })

  it('asks for the project and the chosen service type or package', () => {
    const errors = validateStep('subject', validForm({ project_id: '', service_type_id: '' }), range)
    expect(errors.project_id?.key).toBe('projectRequired')
    expect(errors.subject?.key).toBe('serviceTypeRequired')
    expect(validateStep('subject', validForm({ subject: 'package' }), range).subject?.key).toBe('packageRequired')
  })

  it.each([
    [null, 'budgetRequired'],
    [0, 'budgetRequired'],
    [1_999_999, 'budgetOutsideRange'],
    [50_000_001, 'budgetOutsideRange'],
    [2_000_000, undefined],
    [50_000_000, undefined],
  ])('a budget ceiling of %s fen gives %s', (budget, key) => {
    expect(validateStep('terms', validForm({ budget_ceiling_fen: budget }), range).budget_ceiling_fen?.key).toBe(key)
  })

  it('says the fee range with a budget outside it', () => {
    expect(validateStep('terms', validForm({ budget_ceiling_fen: 1 }), range).budget_ceiling_fen).toEqual({
      key: 'budgetOutsideRange',
      params: { min: 2_000_000, max: 50_000_000 },
    })
  })

  it('asks for a title of at most 200 characters', () => {
    expect(validateStep('terms', validForm({ title: '   ' }), range).title?.key).toBe('titleRequired')
    expect(validateStep('terms', validForm({ title: 'x'.repeat(201) }), range).title?.key).toBe('titleTooLong')
  })

  it('asks for a reason for each avoided intermediary', () => {
    const avoided = [{ intermediary_id: 'i1', name: '某中介', reason: ' ' }]
    expect(validateStep('selection', validForm({ avoided }), range).avoided?.key).toBe('avoidReasonRequired')
    avoided[0]!.reason = '曾为本项目编制可研'
    expect(validateStep('selection', validForm({ avoided }), range)).toEqual({})
  })

  it.each([
    [40, 40, 20, undefined],
    [100, 0, 0, undefined],
    [50, 30, 30, 'weightsSum'],
    [30, 30, 30, 'weightsSum'],
    [120, -10, -10, 'weightRange'],
    [33.5, 33.5, 33, 'weightRange'],
  ])('scored weights %s/%s/%s give %s', (price, proposal, credit, key) => {
    const form = validForm({ selection_method: 'scored', weight_price: price, weight_proposal: proposal, weight_credit: credit })
    expect(validateStep('selection', form, range).weights?.key).toBe(key)
  })

  it('tells the weights total when they do not add up to 100', () => {
    const form = validForm({ selection_method: 'scored', weight_price: 50, weight_proposal: 30, weight_credit: 30 })
    expect(weightsTotal(form)).toBe(110)
    expect(validateStep('selection', form, range).weights?.params).toEqual({ total: 110 })
  })

  it('ignores the weights unless the comparison is scored', () => {
    const form = validForm({ selection_method: 'direct_pick', weight_price: 90, weight_proposal: 90, weight_credit: 90 })
    expect(validateStep('selection', form, range)).toEqual({})
  })

  it.each([
    [2, 'biddingDays'],
    [3, undefined],
    [60, undefined],
    [61, 'biddingDays'],
  ])('%s bidding working days give %s', (days, key) => {
    expect(validateStep('schedule', validForm({ bidding_working_days: days }), range).bidding_working_days?.key).toBe(key)
  })

  it('asks for the service working days', () => {
    expect(validateStep('schedule', validForm({ service_working_days: null }), range).service_working_days?.key).toBe('serviceDays')
    expect(validateStep('schedule', validForm({ service_working_days: 367 }), range).service_working_days?.key).toBe('serviceDays')
  })

  it('finds the first step with a mistake', () => {
    const invalid = firstInvalidStep(validForm({ title: '', bidding_working_days: 1 }), range)
    expect(invalid?.step).toBe('terms')
    expect(Object.keys(invalid!.errors)).toEqual(['title'])
  })

  it('sends one subject, trimmed texts and weights only for a scored comparison', () => {
    const form = validForm({
      title: '  环评  ',
      required_qualifications: ['surveying', 'surveying'],
      avoided: [{ intermediary_id: 'i1', name: '某中介', reason: ' 关联企业 ' }],
    })
    expect(procurementRequest(form)).toEqual({
      project_id: 'project-1',
      service_type_id: 'eia',
      package_id: null,
      title: '环评',
      scope: '',
      budget_ceiling_fen: 10_000_000,
      required_qualifications: ['surveying'],
      avoided: [{ intermediary_id: 'i1', reason: '关联企业' }],
      selection_method: 'lowest_price',
      weight_price: 0,
      weight_proposal: 0,
      weight_credit: 0,
      bidding_working_days: 5,
      service_working_days: 30,
    })
    const scored = procurementRequest(validForm({ subject: 'package', package_id: 'pack', selection_method: 'scored' }))
    expect(scored).toMatchObject({ service_type_id: null, package_id: 'pack', weight_price: 40, weight_proposal: 40, weight_credit: 20 })
  })

  it('takes the fee range and time limit of the type, or the sums and longest of a package', () => {
    const types = [eia, survey]
    expect(subjectFeeRange({ subject: 'service_type', service_type_id: 'survey', package_id: '' }, types, [pack])).toEqual({
      min_fen: 500_000,
      max_fen: 3_000_000,
    })
    expect(subjectFeeRange({ subject: 'package', service_type_id: '', package_id: 'pack' }, types, [pack])).toEqual({
      min_fen: 2_500_000,
      max_fen: 53_000_000,
    })
    expect(subjectTimeLimit({ subject: 'package', service_type_id: '', package_id: 'pack' }, types, [pack])).toBe(30)
    expect(subjectFeeRange({ subject: 'package', service_type_id: '', package_id: 'none' }, types, [pack])).toBeNull()
    expect(summedFeeRange([eia, survey])).toEqual({ min_fen: 2_500_000, max_fen: 53_000_000 })
    expect(summedFeeRange([])).toBeNull()
  })
})

/** A stored procurement in the given status. */
function procurement(changes: Partial<Procurement> = {}): Procurement {
  return {
    id: 'p1',
    title: '某项目环境影响评价',
    scope: '',
    status: 'draft',
    project: {
      id: 'project-1',
      name: '某产业园',
      code: '2026-330106-04-01-000123',
      division_code: '330106',
      investment_fen: 1,
      description: '',
      created_at: '2026-12-01T00:00:00Z',
    },
    owner: { id: 'o1', name: '业主' },
    service_types: [eia],
    package_id: null,
    package_name_zh: null,
    package_name_en: null,
    service_type_id: null,
    budget_ceiling_fen: 10_000_000,
    fee_min_fen: eia.fee_min_fen,
    fee_max_fen: eia.fee_max_fen,
    required_qualifications: [],
    selection_method: 'lowest_price',
    weight_price: 0,
    weight_proposal: 0,
    weight_credit: 0,
    min_valid_bids: 3,
    bidding_working_days: 5,
    service_working_days: 30,
    terms_version: 1,
    published_at: null,
    bid_deadline: null,
    closed_at: null,
    seed_commitment: null,
    awarded_at: null,
    notice_ends_at: null,
    winner: null,
    end_reason: null,
    avoided: [{ intermediary: { id: 'i1', name: '某中介' }, reason: '关联企业' }],
    my_bid: null,
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-01T00:00:00Z',
    ...changes,
  }
}

describe('a stored procurement in the wizard', () => {
  it('comes back as the form it was made from', () => {
    const form = procurementForm(procurement())
    expect(form).toMatchObject({
      project_id: 'project-1',
      subject: 'service_type',
      service_type_id: 'eia',
      avoided: [{ intermediary_id: 'i1', name: '某中介', reason: '关联企业' }],
      weight_price: 40,
    })
    expect(procurementForm(procurement({ package_id: 'pack', service_types: [eia, survey] }))).toMatchObject({
      subject: 'package',
      package_id: 'pack',
      service_type_id: '',
    })
    expect(
      procurementForm(procurement({ selection_method: 'scored', weight_price: 30, weight_proposal: 50, weight_credit: 20 })),
    ).toMatchObject({ weight_price: 30, weight_proposal: 50, weight_credit: 20 })
  })
})

describe('the status timeline', () => {
  it('marks the steps done before the current one and waits after it', () => {
    const steps = statusTimeline(procurement({ status: 'notice' }))
    expect(steps.map((s) => s.status)).toEqual([
      'draft',
      'published',
      'evaluating',
      'notice',
      'awarded',
      'contracted',
      'delivered',
      'accepted',
    ])
    expect(steps.map((s) => s.state)).toEqual(['finish', 'finish', 'finish', 'process', 'wait', 'wait', 'wait', 'wait'])
  })

  it('shows an accepted procurement all done', () => {
    expect(new Set(statusTimeline(procurement({ status: 'accepted' })).map((s) => s.state))).toEqual(new Set(['success']))
  })

  it.each([
    ['a cancelled draft', { status: 'cancelled' as const }, ['draft', 'cancelled']],
    ['cancelled while published', { status: 'cancelled' as const, published_at: 'x' }, ['draft', 'published', 'cancelled']],
    [
      'cancelled while evaluating',
      { status: 'cancelled' as const, published_at: 'x', closed_at: 'y' },
      ['draft', 'published', 'evaluating', 'cancelled'],
    ],
    ['failed at closing', { status: 'failed' as const, published_at: 'x', closed_at: 'y' }, ['draft', 'published', 'failed']],
  ])('ends %s with its exit as an error', (_, changes, expected) => {
    const steps = statusTimeline(procurement(changes))
    expect(steps.map((s) => s.status)).toEqual(expected)
    expect(steps.at(-1)?.state).toBe('error')
    expect(steps.slice(0, -1).every((s) => s.state === 'finish')).toBe(true)
  })

  it('knows when bids and the award can be shown', () => {
    expect(biddingClosed(procurement({ status: 'published', closed_at: null }))).toBe(false)
    expect(biddingClosed(procurement({ status: 'evaluating', closed_at: 'x' }))).toBe(true)
    expect(biddingClosed(procurement({ status: 'cancelled', published_at: 'x', closed_at: null }))).toBe(false)
    expect(hasAward(procurement({ status: 'evaluating', awarded_at: null }))).toBe(false)
    expect(hasAward(procurement({ status: 'notice', awarded_at: 'x' }))).toBe(true)
  })
})

describe('the owner’s actions', () => {
  const now = new Date('2026-12-02T00:00:00Z')

  it.each([
    ['draft', null, ['edit', 'publish', 'cancel']],
    ['published', '2026-12-04T15:59:59Z', ['editTerms', 'cancel']],
    ['published', '2026-12-01T15:59:59Z', ['cancel']],
    ['evaluating', null, ['cancel']],
    ['failed', null, ['republish', 'cancel']],
    ['cancelled', null, ['republish']],
    ['notice', null, []],
    ['accepted', null, []],
  ] as const)('%s (deadline %s) offers %j', (status, deadline, actions) => {
    expect(ownerActions({ status, bid_deadline: deadline }, now)).toEqual(actions)
  })
})

describe('evaluation', () => {
  const bid = (
    status: 'active' | 'rejected',
    low = false,
    decision: 'accepted' | 'rejected' | null = null,
  ) => ({
    status,
    abnormally_low: low,
    justification_decision: decision,
  })

  it('keeps the valid bids and finds abnormally low ones waiting for a decision', () => {
    expect(validBids([bid('active'), bid('rejected')])).toHaveLength(1)
    expect(awaitsJustificationDecision(bid('active', true))).toBe(true)
    expect(awaitsJustificationDecision(bid('active', true, 'accepted'))).toBe(false)
    expect(awaitsJustificationDecision(bid('rejected', true))).toBe(false)
    expect(awaitsJustificationDecision(bid('active'))).toBe(false)
  })

  it('sends marks only when every valid bid has a whole mark from 0 to 100', () => {
    expect(completeMarks({ a: 80, b: 0 }, ['a', 'b'])).toEqual([
      { bid_id: 'a', mark: 80 },
      { bid_id: 'b', mark: 0 },
    ])
    expect(completeMarks({ a: 80 }, ['a', 'b'])).toBeNull()
    expect(completeMarks({ a: 80, b: null }, ['a', 'b'])).toBeNull()
    expect(completeMarks({ a: 101 }, ['a'])).toBeNull()
    expect(completeMarks({}, [])).toBeNull()
  })

  it('shows scores in points', () => {
    expect(scorePoints(8750)).toBe('87.50')
    expect(scorePoints(10000)).toBe('100.00')
  })
})
