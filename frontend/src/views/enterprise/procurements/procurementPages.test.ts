// @vitest-environment jsdom
// The owner's procurement page after bidding closed, against canned API answers (the real clock
// cannot reach these states in the browser tests): while bidding is open nothing about bids is
// asked for or shown; afterwards every bid with its bidder, price in yuan, credit and flags, and
// the selection step of each method (direct pick, proposal marks with score cards and formula,
// an abnormally low leader's justification, the random draw's public proof); the public notice
// with an objection answered; the contract's terms changed and confirmed; deliveries accepted
// or returned.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, ref, type App, type Component } from 'vue'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '@/api/client'
import { fileLink } from '@/api/files'
import * as market from '@/api/marketplace'
import type { Contract, EvaluatedBid, Evaluation, Procurement, ServiceType } from '@/api/marketplaceTypes'
import { recordServerNow } from '@/composables/serverClock'
import { i18n } from '@/i18n'
import ProcurementContract from './ProcurementContract.vue'
import ProcurementDetailView from './ProcurementDetailView.vue'
import ProcurementEvaluation from './ProcurementEvaluation.vue'
import ProcurementNotice from './ProcurementNotice.vue'
import ProcurementWizard from './ProcurementWizard.vue'

vi.mock('@/api/marketplace', () => ({
  listServiceTypes: vi.fn(),
  listServiceTypePackages: vi.fn(),
  listIntermediaries: vi.fn(),
  createProcurement: vi.fn(),
  updateProcurement: vi.fn(),
  getProcurement: vi.fn(),
  listProjects: vi.fn(),
  listQualificationTypes: vi.fn(),
  marketplaceRules: vi.fn(),
  listQuestions: vi.fn(),
  answerQuestion: vi.fn(),
  getEvaluation: vi.fn(),
  pickBid: vi.fn(),
  markProposals: vi.fn(),
  decideJustification: vi.fn(),
  listObjections: vi.fn(),
  answerObjection: vi.fn(),
  getContract: vi.fn(),
  proposeContractTerms: vi.fn(),
  confirmContract: vi.fn(),
  decideDelivery: vi.fn(),
  publishProcurement: vi.fn(),
  cancelProcurement: vi.fn(),
  republishProcurement: vi.fn(),
  workingDayDeadline: vi.fn(),
}))
vi.mock('@/api/files', () => ({ fileLink: vi.fn() }))

const api = vi.mocked(market)
let app: App | null = null

const EIA: ServiceType = {
  id: 'eia',
  code: 'environmental_impact_assessment',
  name_zh: '环境影响评价',
  name_en: 'Environmental impact assessment',
  approval_zh: '建设项目环境影响评价文件审批',
  approval_en: '',
  qualification: 'environmental_impact_assessment',
  fee_min_fen: 1_000_000,
  fee_max_fen: 40_000_000,
  time_limit_working_days: 30,
  guide_zh: '成果为环境影响报告书（表）。',
  guide_en: '',
  active: true,
  position: 5,
}

const party = (n: number) => ({ id: `org-${n}`, name: ['浙江绿源环境科技有限公司', '杭州清波环保咨询有限公司', '宁波海天环境评价中心'][n]! })

function bid(n: number, priceFen: number, changes: Partial<EvaluatedBid> = {}): EvaluatedBid {
  return {
    id: `bid-${n}`,
    price_fen: priceFen,
    promised_working_days: 20 + n,
    proposal: '',
    proposal_file_id: null,
    proposal_digest: null,
    status: 'active',
    terms_version: 1,
    placed_at: '2026-12-03T02:10:00Z',
    abnormally_low: false,
    justification: null,
    justification_decision: null,
    invalid_reason: null,
    bidder: party(n),
    bidder_uscc: `91330100MA2D0000${n}X`,
    proposal_score: null,
    credit: { score: n === 1 ? null : 88, stars: n === 1 ? null : 4, delisted: false },
    ...changes,
  }
}

function procurement(changes: Partial<Procurement> = {}): Procurement {
  return {
    id: 'p1',
    title: '产业园一期环境影响评价',
    scope: '编制环境影响报告书',
    status: 'evaluating',
    project: {
      id: 'project-1',
      name: '智能制造产业园一期',
      code: '2026-330114-34-01-000218',
      division_code: '330114',
      investment_fen: 128_000_000_000,
      description: '',
      created_at: '2026-12-01T00:00:00Z',
    },
    owner: { id: 'o1', name: '业主' },
    service_types: [],
    package_id: null,
    package_name_zh: null,
    package_name_en: null,
    service_type_id: null,
    budget_ceiling_fen: 30_000_000,
    fee_min_fen: 1_000_000,
    fee_max_fen: 40_000_000,
    required_qualifications: [],
    selection_method: 'direct_pick',
    weight_price: 0,
    weight_proposal: 0,
    weight_credit: 0,
    min_valid_bids: 1,
    bidding_working_days: 5,
    service_working_days: 30,
    terms_version: 1,
    published_at: '2026-12-01T02:00:00Z',
    bid_deadline: '2026-12-08T15:59:59.999Z',
    closed_at: '2026-12-08T16:00:05Z',
    seed_commitment: null,
    awarded_at: null,
    notice_ends_at: null,
    winner: null,
    end_reason: null,
    avoided: [],
    my_bid: null,
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-08T16:00:05Z',
    ...changes,
  }
}

function evaluation(bids: EvaluatedBid[], changes: Partial<Evaluation> = {}): Evaluation {
  return { bids, score_cards: [], formula: '', ...changes }
}

/** Mounts a component with Element Plus, the messages and a router, as the app does. */
function mount(component: Component, props: Record<string, unknown>, events: Record<string, (...args: unknown[]) => void> = {}) {
  const host = document.createElement('div')
  document.body.append(host)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/enterprise/procurements', name: 'procurements', component: { render: () => null } },
      { path: '/enterprise/procurements/:id', name: 'procurement-detail', component: { render: () => null } },
      { path: '/:rest(.*)*', component: { render: () => null } },
    ],
  })
  app = createApp({ render: () => h(component, { ...props, ...events }) })
  app.use(ElementPlus).use(i18n).use(router).mount(host)
  return host
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await nextTick()
  }
}
/** Element Plus shows a form item's message after a short debounce. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200))
const byTestId = (host: ParentNode, id: string) => [...host.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)]
const texts = (host: ParentNode, id: string) => byTestId(host, id).map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '')
/** The button (or the element) with the test id, clicked. */
async function click(host: ParentNode, id: string, index = 0) {
  const node = byTestId(host, id)[index]
  expect(node, id).toBeTruthy()
  node!.click()
  await flush()
}
/** Types into the native input or textarea under (or at) the test id. */
async function type(host: ParentNode, id: string, value: string, index = 0) {
  const node = byTestId(host, id)[index]!
  const input = (node.matches('input, textarea') ? node : node.querySelector('input, textarea')) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('change'))
  await flush()
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  vi.clearAllMocks()
  vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
  api.listQuestions.mockResolvedValue([])
  api.listQualificationTypes.mockResolvedValue([])
  api.marketplaceRules.mockResolvedValue({
    min_bidding_working_days: 3,
    min_valid_bids: { direct_pick: 1, random_draw: 3, lowest_price: 3, scored: 3 },
    abnormally_low_percent: 70,
    notice_working_days: 3,
    unrated_credit_score: 60,
  })
  api.listObjections.mockResolvedValue([])
})

afterEach(() => {
  recordServerNow(new Date().toISOString())
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('while bidding is open', () => {
  it('shows the countdown and the sealed notice, and never asks for bids', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'))
    api.getProcurement.mockResolvedValue(procurement({ status: 'published', closed_at: null, selection_method: 'lowest_price' }))
    const host = mount(ProcurementDetailView, { id: 'p1' })
    await flush()
    expect(texts(host, 'procurement-status')).toEqual(['报价中'])
    expect(texts(host, 'procurement-sealed')[0]).toContain('报价密封中')
    expect(texts(host, 'procurement-sealed')[0]).toContain('也看不到报价家数')
    expect(texts(host, 'procurement-deadline')[0]).toContain('2026/12/08 23:59:59')
    expect(texts(host, 'procurement-countdown')[0]).toContain('7 天 13 小时 59 分 59 秒')
    expect(byTestId(host, 'tab-evaluation')).toHaveLength(0)
    expect(byTestId(host, 'evaluation-bids')).toHaveLength(0)
    expect(api.getEvaluation).not.toHaveBeenCalled()
    const steps = byTestId(host, 'procurement-timeline')[0]!.querySelectorAll('[data-state]')
    expect([...steps].map((step) => step.getAttribute('data-state'))).toEqual([
      'finish',
      'process',
      'wait',
      'wait',
      'wait',
      'wait',
      'wait',
      'wait',
    ])
    vi.useRealTimers()
  })

  it('judges the deadline by the server’s clock, days ahead of the browser’s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'))
    api.getProcurement.mockResolvedValue(procurement({ status: 'published', closed_at: null, selection_method: 'lowest_price' }))
    const host = mount(ProcurementDetailView, { id: 'p1' })
    await flush()
    expect(byTestId(host, 'procurement-edit-terms')).toHaveLength(1)

    // A training server moved eight days on: bidding has closed there, whatever this computer says.
    recordServerNow('2026-12-09T02:00:00.000Z')
    await flush()
    expect(texts(host, 'procurement-countdown')).toEqual(['报价已截止，系统正在开标'])
    expect(byTestId(host, 'procurement-edit-terms')).toHaveLength(0)
    expect(byTestId(host, 'procurement-cancel')).toHaveLength(1)
    vi.useRealTimers()
  })

  it('previews the deadline of publishing now from the server’s clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'))
    recordServerNow('2026-12-04T02:00:00.000Z')
    api.getProcurement.mockResolvedValue(procurement({ status: 'draft', closed_at: null, published_at: null, bid_deadline: null }))
    api.workingDayDeadline.mockResolvedValue({ deadline: '2026-12-11T15:59:59.999Z' })
    api.publishProcurement.mockResolvedValue(procurement({ status: 'published', closed_at: null, bid_deadline: '2026-12-11T15:59:59.999Z' }))
    const host = mount(ProcurementDetailView, { id: 'p1' })
    await flush()
    await click(host, 'procurement-publish')
    expect(api.workingDayDeadline).toHaveBeenCalledWith('2026-12-04T02:00:00.000Z', 5)
    expect(vi.mocked(ElMessageBox.confirm).mock.lastCall?.[0]).toContain('2026/12/11 23:59:59')
    expect(api.publishProcurement).toHaveBeenCalledWith('p1')
    vi.useRealTimers()
  })

  it('shows a failed procurement’s steps ending in the failure, with its bids', async () => {
    api.getProcurement.mockResolvedValue(procurement({ status: 'failed', min_valid_bids: 3, selection_method: 'lowest_price' }))
    api.getEvaluation.mockResolvedValue(
      evaluation([bid(1, 18_000_000), bid(2, 21_000_000, { status: 'rejected', invalid_reason: 'bidder_delisted' })]),
    )
    const host = mount(ProcurementDetailView, { id: 'p1' })
    await flush()
    const steps = [...byTestId(host, 'procurement-timeline')[0]!.querySelectorAll('[data-status]')]
    expect(steps.map((step) => [step.getAttribute('data-status'), step.getAttribute('data-state')])).toEqual([
      ['draft', 'finish'],
      ['published', 'finish'],
      ['failed', 'error'],
    ])
    expect(texts(host, 'procurement-end-reason')[0]).toContain('有效报价少于 3 家')
    expect(byTestId(host, 'procurement-republish')).toHaveLength(1)
    expect(texts(host, 'evaluation-invalid-reason')).toEqual(['投标机构已被临时下架'])
  })
})

describe('evaluation', () => {
  it('lists every bid with its bidder, price in yuan, days, credit and status', async () => {
    api.getEvaluation.mockResolvedValue(
      evaluation([bid(0, 19_000_000), bid(1, 18_000_000), bid(2, 21_000_000, { status: 'rejected', invalid_reason: 'terms_changed' })]),
    )
    const host = mount(ProcurementEvaluation, { procurement: procurement() })
    await flush()
    expect(api.getEvaluation).toHaveBeenCalledWith('p1')
    const rows = [...byTestId(host, 'evaluation-bids')[0]!.querySelectorAll('.el-table__body tr')].map((row) =>
      row.textContent!.replace(/\s+/g, ' '),
    )
    // Cheapest first.
    expect(rows[0]).toContain('杭州清波环保咨询有限公司')
    expect(rows[0]).toContain('180,000.00 元')
    expect(rows[0]).toContain('21 个工作日')
    expect(texts(host, 'evaluation-credit')).toEqual(['未评级', '', ''])
    const stars = [...host.querySelectorAll('[data-testid="evaluation-credit"] [data-testid="credit-stars"]')].map((el) => el.getAttribute('data-stars'))
    expect(stars).toEqual(['0', '4', '4'])
    expect(texts(host, 'evaluation-bid-status')).toEqual(['有效', '有效', '无效'])
    expect(texts(host, 'evaluation-invalid-reason')).toEqual(['采购条件变更后未重新确认'])
  })

  it('lets the owner pick one valid bid of a direct pick', async () => {
    api.getEvaluation.mockResolvedValue(evaluation([bid(0, 19_000_000), bid(2, 21_000_000, { status: 'rejected' })]))
    api.pickBid.mockResolvedValue(undefined)
    const changed = vi.fn()
    const host = mount(ProcurementEvaluation, { procurement: procurement() }, { onChanged: changed })
    await flush()
    expect(byTestId(host, 'evaluation-pick')).toHaveLength(1)
    await click(host, 'evaluation-pick')
    expect(vi.mocked(ElMessageBox.confirm).mock.lastCall?.[0]).toContain('浙江绿源环境科技有限公司（报价 190,000.00 元）')
    expect(api.pickBid).toHaveBeenCalledWith('p1', 'bid-0')
    expect(changed).toHaveBeenCalled()
  })

  it('sends a mark for every valid proposal and shows the score cards and the formula', async () => {
    const scored = procurement({ selection_method: 'scored', weight_price: 40, weight_proposal: 40, weight_credit: 20 })
    api.getEvaluation.mockResolvedValue(
      evaluation([bid(0, 19_000_000), bid(1, 18_000_000)], { formula: '总分 = 价格分 × 40% + 方案分 × 40% + 信用分 × 20%' }),
    )
    api.markProposals.mockResolvedValue([
      { bid: 'bid-1', price_score: 10_000, proposal_score: 9000, credit_score: 6000, total: 8800 },
      { bid: 'bid-0', price_score: 9474, proposal_score: 8000, credit_score: 8800, total: 8550 },
    ])
    const host = mount(ProcurementEvaluation, { procurement: scored })
    await flush()
    expect(texts(host, 'evaluation-formula')[0]).toContain('总分 = 价格分 × 40%')

    // Not all marked: nothing is sent.
    await type(host, 'evaluation-mark', '90', 0)
    await click(host, 'evaluation-marks-submit')
    expect(api.markProposals).not.toHaveBeenCalled()

    await type(host, 'evaluation-mark', '80', 1)
    await click(host, 'evaluation-marks-submit')
    expect(api.markProposals).toHaveBeenCalledWith('p1', [
      { bid_id: 'bid-1', mark: 90 },
      { bid_id: 'bid-0', mark: 80 },
    ])
    const cards = byTestId(host, 'evaluation-score-cards')[0]!.textContent!.replace(/\s+/g, ' ')
    expect(cards).toContain('杭州清波环保咨询有限公司')
    expect(texts(host, 'evaluation-score-total')).toEqual(['88.00', '85.50'])
  })

  it('accepts an abnormally low leader’s justification once it is given', async () => {
    const lowest = procurement({ selection_method: 'lowest_price', min_valid_bids: 3 })
    api.getEvaluation.mockResolvedValue(
      evaluation([
        bid(0, 9_000_000, { abnormally_low: true, justification: '可复用既有监测数据' }),
        bid(1, 18_000_000),
        bid(2, 21_000_000),
      ]),
    )
    api.decideJustification.mockResolvedValue('notice')
    const host = mount(ProcurementEvaluation, { procurement: lowest })
    await flush()
    expect(byTestId(host, 'evaluation-abnormally-low')).toHaveLength(1)
    expect(texts(host, 'evaluation-abnormally-low-flag')).toEqual(['异常低价'])
    expect(texts(host, 'evaluation-justification')).toEqual(['可复用既有监测数据'])
    await click(host, 'evaluation-justification-accept')
    expect(api.decideJustification).toHaveBeenCalledWith('p1', 'bid-0', true)
  })

  it('waits for the justification before the owner can decide', async () => {
    api.getEvaluation.mockResolvedValue(evaluation([bid(0, 9_000_000, { abnormally_low: true }), bid(1, 18_000_000)]))
    const host = mount(ProcurementEvaluation, { procurement: procurement({ selection_method: 'lowest_price' }) })
    await flush()
    expect(texts(host, 'evaluation-justification')).toEqual(['尚未提交书面说明'])
    expect(byTestId(host, 'evaluation-justification-accept')[0]!.hasAttribute('disabled')).toBe(true)
    expect(byTestId(host, 'evaluation-justification-reject')[0]!.hasAttribute('disabled')).toBe(true)
  })

  it('links a random draw to its public proof and marks the winner', async () => {
    const drawn = procurement({ selection_method: 'random_draw', status: 'notice', winner: party(2), awarded_at: '2026-12-09T02:00:00Z' })
    api.getEvaluation.mockResolvedValue(evaluation([bid(0, 19_000_000), bid(2, 21_000_000)]))
    const host = mount(ProcurementEvaluation, { procurement: drawn })
    await flush()
    expect(byTestId(host, 'evaluation-draw-proof')[0]!.getAttribute('href')).toBe('/public/draws/p1')
    expect(byTestId(host, 'evaluation-draw-json')[0]!.getAttribute('href')).toBe('/api/v1/public/procurements/p1/draw-proof')
    expect(byTestId(host, 'evaluation-winner')).toHaveLength(1)
    expect(byTestId(host, 'evaluation-pick')).toHaveLength(0)
  })
})

describe('public notice', () => {
  it('shows the winner and the notice end, and answers an objection', async () => {
    const inNotice = procurement({
      status: 'notice',
      winner: party(1),
      awarded_at: '2026-12-09T02:00:00Z',
      notice_ends_at: '2026-12-14T15:59:59.999Z',
    })
    api.listObjections.mockResolvedValue([
      { id: 'ob1', reason: '中选机构工期不合理', status: 'open', answer: null, raised_at: '2026-12-10T03:00:00Z', answered_at: null },
    ])
    api.answerObjection.mockResolvedValue({
      id: 'ob1',
      reason: '中选机构工期不合理',
      status: 'upheld',
      answer: '经核实异议成立',
      raised_at: '2026-12-10T03:00:00Z',
      answered_at: '2026-12-11T03:00:00Z',
    })
    const changed = vi.fn()
    const host = mount(ProcurementNotice, { procurement: inNotice, now: new Date('2026-12-10T00:00:00Z') }, { onChanged: changed })
    await flush()
    expect(texts(host, 'notice-winner')).toEqual(['杭州清波环保咨询有限公司'])
    expect(texts(host, 'notice-ends')).toEqual(['2026/12/14 23:59:59'])
    expect(texts(host, 'objection-status')).toEqual(['待答复'])

    // An answer needs both the decision and its text.
    await click(host, 'objection-submit')
    expect(api.answerObjection).not.toHaveBeenCalled()
    byTestId(host, 'objection-uphold')[0]!.querySelector('input')!.click()
    await flush()
    await type(host, 'objection-answer', '经核实异议成立')
    await click(host, 'objection-submit')
    expect(api.answerObjection).toHaveBeenCalledWith('p1', 'ob1', true, '经核实异议成立')
    expect(changed).toHaveBeenCalled()
  })
})

function contract(changes: Partial<Contract> = {}): Contract {
  return {
    id: 'c1',
    procurement_id: 'p1',
    procurement_title: '产业园一期环境影响评价',
    procurement_status: 'awarded',
    amount_fen: 18_000_000,
    working_days: 21,
    status: 'proposed',
    owner_confirmed_at: null,
    intermediary_confirmed_at: '2026-12-15T02:00:00Z',
    signed_at: null,
    due_at: null,
    delivered_at: null,
    accepted_at: null,
    late: false,
    overdue: false,
    deliveries: [],
    ...changes,
  }
}

describe('contract and deliveries', () => {
  it('lets the owner change the proposed amount and days, then confirm', async () => {
    api.getContract.mockResolvedValue(contract())
    api.proposeContractTerms.mockResolvedValue(contract({ amount_fen: 17_500_000, working_days: 25, intermediary_confirmed_at: null }))
    api.confirmContract.mockResolvedValue(contract({ amount_fen: 17_500_000, working_days: 25, owner_confirmed_at: '2026-12-16T02:00:00Z' }))
    const host = mount(ProcurementContract, { procurement: procurement({ status: 'awarded', winner: party(1) }) })
    await flush()
    expect(texts(host, 'contract-amount')).toEqual(['180,000.00 元'])
    expect(texts(host, 'contract-status')).toEqual(['待签约'])

    // Above the budget ceiling (300,000 yuan): refused before sending.
    await type(host, 'contract-amount-input', '300000.01')
    await click(host, 'contract-terms-save')
    expect(api.proposeContractTerms).not.toHaveBeenCalled()

    await type(host, 'contract-amount-input', '175000')
    await type(host, 'contract-days-input', '25')
    await click(host, 'contract-terms-save')
    expect(api.proposeContractTerms).toHaveBeenCalledWith('p1', 17_500_000, 25)
    expect(texts(host, 'contract-amount')).toEqual(['175,000.00 元'])

    await click(host, 'contract-confirm')
    expect(api.confirmContract).toHaveBeenCalledWith('p1')
    expect(texts(host, 'contract-waiting')).toEqual(['您已确认，等待中介机构确认'])
  })

  it('shows a late delivery, downloads its file and accepts it', async () => {
    const delivered = contract({
      status: 'delivered',
      late: true,
      owner_confirmed_at: '2026-12-15T03:00:00Z',
      signed_at: '2026-12-15T03:00:00Z',
      due_at: '2027-01-14T15:59:59.999Z',
      delivered_at: '2027-01-18T02:00:00Z',
      deliveries: [
        {
          id: 'd1',
          summary: '环境影响报告书（报批稿）',
          file_id: 'f1',
          digest: 'b'.repeat(64),
          submitted_at: '2027-01-18T02:00:00Z',
          decision: null,
          reason: null,
          decided_at: null,
        },
      ],
    })
    api.getContract.mockResolvedValue(delivered)
    api.decideDelivery.mockResolvedValue({ ...delivered, status: 'accepted', accepted_at: '2027-01-19T02:00:00Z' })
    // The download follows a signed link, which jsdom cannot open.
    const follow = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    vi.mocked(fileLink).mockResolvedValue({ url: '/api/v1/files/f1/download?sig=x', expires_at: '2027-01-19T03:00:00Z' })
    const host = mount(ProcurementContract, { procurement: procurement({ status: 'delivered', winner: party(1) }) })
    await flush()
    expect(texts(host, 'contract-late')).toEqual(['逾期'])
    expect(texts(host, 'contract-delivery-decision')).toEqual(['待验收'])
    await click(host, 'contract-delivery-download')
    expect(fileLink).toHaveBeenCalledWith('f1')
    expect(follow).toHaveBeenCalled()
    await click(host, 'contract-accept')
    expect(api.decideDelivery).toHaveBeenCalledWith('p1', true)
  })

  it('returns a delivery with a reason', async () => {
    api.getContract.mockResolvedValue(
      contract({
        status: 'delivered',
        deliveries: [
          { id: 'd1', summary: '送审稿', file_id: null, digest: 'a'.repeat(64), submitted_at: '2027-01-10T02:00:00Z', decision: null, reason: null, decided_at: null },
        ],
      }),
    )
    api.decideDelivery.mockResolvedValue(contract({ status: 'signed' }))
    const host = mount(ProcurementContract, { procurement: procurement({ status: 'delivered' }) })
    await flush()
    await click(host, 'contract-return')
    await type(document.body, 'reason-input', '地下水章节缺少监测点位图')
    await click(document.body, 'reason-confirm')
    expect(api.decideDelivery).toHaveBeenCalledWith('p1', false, '地下水章节缺少监测点位图')
  })

  it('flags a signed contract late once the server’s clock passes its due time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-18T02:00:00Z'))
    const signed = contract({ status: 'signed', owner_confirmed_at: '2026-12-16T02:00:00Z', signed_at: '2026-12-16T02:00:00Z', due_at: '2026-12-20T15:59:59.999Z' })
    api.getContract.mockResolvedValue(signed)
    const host = mount(ProcurementContract, { procurement: procurement({ status: 'contracted', winner: party(1) }) })
    await flush()
    expect(byTestId(host, 'contract-late')).toHaveLength(0)
    recordServerNow('2026-12-21T02:00:00.000Z')
    await flush()
    expect(texts(host, 'contract-late')).toEqual(['逾期'])
    vi.useRealTimers()
  })

  it('says there is no contract yet before the notice ends', async () => {
    api.getContract.mockRejectedValue(new ApiError(404, 'not_found', 'contract not found'))
    const host = mount(ProcurementContract, { procurement: procurement({ status: 'notice' }) })
    await flush()
    expect(host.textContent).toContain('公示期结束后生成合同')
  })
})

describe('the wizard with a stored procurement', () => {
  const draft = () =>
    procurement({
      status: 'draft',
      closed_at: null,
      published_at: null,
      bid_deadline: null,
      service_types: [EIA],
      selection_method: 'scored',
      weight_price: 30,
      weight_proposal: 50,
      weight_credit: 20,
      avoided: [{ intermediary: party(2), reason: '关联企业' }],
    })

  beforeEach(() => {
    api.listServiceTypes.mockResolvedValue([EIA])
    api.listServiceTypePackages.mockResolvedValue([])
    api.listIntermediaries.mockResolvedValue([])
  })

  /** Opens the wizard on the procurement, as the pages do (closed first, then shown). */
  async function open(p: Procurement) {
    const saved = vi.fn()
    const visible = ref(false)
    const host = document.createElement('div')
    document.body.append(host)
    app = createApp({
      render: () =>
        h(ProcurementWizard, {
          modelValue: visible.value,
          'onUpdate:modelValue': (value: boolean) => (visible.value = value),
          procurement: p,
          projects: [p.project],
          onSaved: saved,
        }),
    })
    app.use(ElementPlus).use(i18n).mount(host)
    visible.value = true
    await flush()
    return { saved, visible }
  }

  it('shows the service type with its fee range and time limit, and saves the draft as it was', async () => {
    api.updateProcurement.mockResolvedValue(draft())
    const { saved } = await open(draft())
    expect(texts(document.body, 'wizard-fee-range')).toEqual(['10,000.00 元 – 400,000.00 元'])
    expect(texts(document.body, 'wizard-time-limit')).toEqual(['30 个工作日'])
    await click(document.body, 'wizard-save')
    expect(api.updateProcurement).toHaveBeenCalledWith('p1', {
      project_id: 'project-1',
      service_type_id: 'eia',
      package_id: null,
      title: '产业园一期环境影响评价',
      scope: '编制环境影响报告书',
      budget_ceiling_fen: 30_000_000,
      required_qualifications: [],
      avoided: [{ intermediary_id: 'org-2', reason: '关联企业' }],
      selection_method: 'scored',
      weight_price: 30,
      weight_proposal: 50,
      weight_credit: 20,
      bidding_working_days: 5,
      service_working_days: 30,
    })
    expect(saved).toHaveBeenCalled()
  })

  it('stops on the step of a mistake, and shows a refusal of the server under its field', async () => {
    const { saved } = await open(draft())
    await click(document.body, 'wizard-next')
    await type(document.body, 'wizard-budget', '500000')
    await click(document.body, 'wizard-save')
    await settle()
    expect(api.updateProcurement).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('最高限价须在收费区间 10,000.00 元 – 400,000.00 元 之内')

    await type(document.body, 'wizard-budget', '200000')
    api.updateProcurement.mockRejectedValue(new ApiError(422, 'deadline_too_soon', 'too soon'))
    await click(document.body, 'wizard-save')
    await settle()
    expect(saved).not.toHaveBeenCalled()
    // The schedule step, with the message under the bidding days.
    expect(byTestId(document.body, 'wizard-bidding-days')).toHaveLength(1)
    expect(document.body.textContent).toContain('报价期不足规定的最少工作日')
  })

  it('warns that placed bids must be re-confirmed before changing a published one', async () => {
    const published = { ...draft(), status: 'published' as const, published_at: '2026-12-01T02:00:00Z', bid_deadline: '2026-12-08T15:59:59.999Z' }
    api.updateProcurement.mockResolvedValue(published)
    await open(published)
    expect(texts(document.body, 'wizard-published-warning')[0]).toContain('已提交的报价须由投标机构重新确认')
    await click(document.body, 'wizard-save')
    expect(vi.mocked(ElMessageBox.confirm).mock.lastCall?.[0]).toContain('重新确认')
    expect(api.updateProcurement).toHaveBeenCalledWith('p1', expect.objectContaining({ selection_method: 'scored' }))
  })
})
