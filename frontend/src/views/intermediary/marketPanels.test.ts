// @vitest-environment jsdom
// The intermediary's procurement panels and contract drawer with the API mocked: the sealed bid
// form (checks before sending, translated refusals, re-confirmation), and the stages the browser
// test cannot reach on the real clock — the result after closing, the justification of an
// abnormally low bid, objections during the notice, and the contract's confirmation and deliveries.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, reactive, type App, type Component } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/client'
import * as files from '@/api/files'
import * as market from '@/api/marketplace'
import type { Contract, Delivery, MyBid, Objection, Procurement } from '@/api/marketplaceTypes'
import { i18n } from '@/i18n'
import { routes } from '@/router/routes'
import BidPanel from './BidPanel.vue'
import ContractDrawer from './ContractDrawer.vue'
import ResultPanel from './ResultPanel.vue'

vi.mock('@/api/marketplace')
vi.mock('@/api/files', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/files')>()),
  purposeLimits: vi.fn(async () => []),
  fileMetadata: vi.fn(),
  fileLink: vi.fn(),
  uploadFile: vi.fn(),
}))

const api = vi.mocked(market)
const fileApi = vi.mocked(files)
const ME = 'org-me'
let app: App | null = null

function bid(overrides: Partial<MyBid> = {}): MyBid {
  return {
    id: 'bid-1',
    price_fen: 5_000_000,
    promised_working_days: 15,
    proposal: '技术方案',
    proposal_file_id: null,
    proposal_digest: null,
    status: 'active',
    terms_version: 1,
    placed_at: '2026-12-01T02:00:00Z',
    abnormally_low: false,
    justification: null,
    justification_decision: null,
    invalid_reason: null,
    ...overrides,
  }
}

function procurement(overrides: Partial<Procurement> = {}): Procurement {
  return {
    id: 'p-1',
    title: '产业园竣工测绘',
    scope: '一期厂房',
    status: 'published',
    project: { id: 'pr-1', name: '产业园', code: '2026-330281-47-01-000001', division_code: '330281', investment_fen: 1, description: '', created_at: '2026-11-01T00:00:00Z' },
    owner: { id: 'org-owner', name: '杭州演示智能科技有限公司' },
    service_types: [],
    package_id: null,
    package_name_zh: null,
    package_name_en: null,
    service_type_id: null,
    budget_ceiling_fen: 8_000_000,
    fee_min_fen: 1_000_000,
    fee_max_fen: 10_000_000,
    required_qualifications: [],
    selection_method: 'lowest_price',
    weight_price: 50,
    weight_proposal: 30,
    weight_credit: 20,
    min_valid_bids: 3,
    bidding_working_days: 5,
    service_working_days: 20,
    terms_version: 1,
    published_at: '2026-12-01T01:00:00Z',
    bid_deadline: '2099-12-08T15:59:59Z',
    closed_at: null,
    seed_commitment: null,
    awarded_at: null,
    notice_ends_at: null,
    winner: null,
    end_reason: null,
    avoided: null,
    my_bid: null,
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-01T00:00:00Z',
    ...overrides,
  }
}

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: 'd-1',
    summary: '成果报告',
    file_id: 'f-1',
    digest: 'ab'.repeat(32),
    submitted_at: '2026-12-10T02:00:00Z',
    decision: null,
    reason: null,
    decided_at: null,
    ...overrides,
  }
}

function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    id: 'c-1',
    procurement_id: 'p-1',
    procurement_title: '产业园竣工测绘',
    procurement_status: 'awarded',
    amount_fen: 6_200_000,
    working_days: 15,
    status: 'proposed',
    owner_confirmed_at: '2026-12-08T02:00:00Z',
    intermediary_confirmed_at: null,
    signed_at: null,
    due_at: null,
    delivered_at: null,
    accepted_at: null,
    late: false,
    overdue: false,
    deliveries: [],
    ...overrides,
  }
}

/** Mounts a component with Element Plus, the catalogues and the app's routes; `props` may be reactive. */
async function mount(component: Component, props: Record<string, unknown>) {
  const host = document.createElement('div')
  document.body.append(host)
  const router = createRouter({ history: createMemoryHistory(), routes })
  app = createApp({ render: () => h(component, { ...props }) })
  app.use(ElementPlus).use(i18n).use(createPinia()).use(router).mount(host)
  await settle()
  return host
}

async function settle() {
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await nextTick()
  }
}

/** Element Plus shows a form item's error after a short debounce. */
async function formErrors() {
  await new Promise((resolve) => setTimeout(resolve, 150))
  await settle()
}

const byTestId = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => byTestId(testid)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

async function type(element: HTMLInputElement | HTMLTextAreaElement | null, value: string) {
  expect(element).not.toBeNull()
  element!.value = value
  element!.dispatchEvent(new Event('input'))
  await settle()
}

async function click(testid: string) {
  const element = byTestId(testid)
  expect(element, testid).not.toBeNull()
  element!.click()
  await settle()
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  vi.resetAllMocks()
  fileApi.purposeLimits.mockResolvedValue([])
  api.listObjections.mockResolvedValue([])
})

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('the sealed bid panel', () => {
  it('says bids are sealed and checks the price against the ceiling before sending', async () => {
    await mount(BidPanel, { procurement: procurement() })
    expect(text('bid-sealed-note')).toContain('看不到报价内容')
    expect(text('bid-price-range')).toContain('10,000.00 元 – 80,000.00 元')
    await type(document.querySelector('[data-testid="bid-price"]'), '90000')
    await type(byTestId('bid-days')!.querySelector('input'), '15')
    await click('bid-submit')
    await formErrors()
    expect(text('bid-form')).toContain('报价不能高于最高限价 80,000.00 元')
    expect(api.placeBid).not.toHaveBeenCalled()
    // Fixing it clears the message as it is typed.
    await type(document.querySelector('[data-testid="bid-price"]'), '50000')
    await formErrors()
    expect(text('bid-form')).not.toContain('最高限价 80,000.00 元')
  })

  it('places the bid in fen with the days and proposal, and shows a refusal translated', async () => {
    api.placeBid.mockRejectedValueOnce(new ApiError(422, 'bidder_unqualified', 'no valid qualification'))
    api.placeBid.mockResolvedValueOnce(bid({ price_fen: 4_800_050 }))
    let changed: MyBid | null = null
    await mount(BidPanel, { procurement: procurement(), onChanged: (value: MyBid) => (changed = value) })
    await type(document.querySelector('[data-testid="bid-price"]'), '48000.5')
    await type(byTestId('bid-days')!.querySelector('input'), '12')
    await type(document.querySelector('[data-testid="bid-proposal"]'), '  三人驻场  ')
    await click('bid-submit')
    expect(api.placeBid).toHaveBeenLastCalledWith('p-1', {
      price_fen: 4_800_050,
      promised_working_days: 12,
      proposal: '三人驻场',
      proposal_file_id: null,
    })
    expect(text('bid-error')).toBe('贵机构没有本采购要求的有效资质（可能已过期）')
    expect(changed).toBeNull()
    await click('bid-submit')
    expect(changed).toMatchObject({ price_fen: 4_800_050 })
  })

  it('asks to re-confirm a bid made stale by changed terms', async () => {
    api.confirmBid.mockResolvedValue(bid())
    let changed: MyBid | null = null
    await mount(BidPanel, {
      procurement: procurement({ terms_version: 2, my_bid: bid({ status: 'stale' }) }),
      onChanged: (value: MyBid) => (changed = value),
    })
    expect(text('bid-stale')).toContain('第 2 版')
    expect(text('bid-status')).toBe('待重新确认')
    expect(text('bid-current-price')).toBe('50,000.00 元')
    await click('bid-reconfirm')
    expect(api.confirmBid).toHaveBeenCalledWith('p-1')
    expect(changed).toMatchObject({ status: 'active' })
  })

  it('withdraws after confirmation, and offers the form again', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    api.withdrawBid.mockResolvedValue(bid({ status: 'withdrawn' }))
    // As the page does: the changed bid goes back into the procurement.
    const props: Record<string, unknown> = reactive({
      procurement: procurement({ my_bid: bid() }),
      onChanged: (value: MyBid) => (props.procurement = { ...(props.procurement as Procurement), my_bid: value }),
    })
    await mount(BidPanel, props)
    expect(byTestId('bid-form')).toBeNull()
    await click('bid-withdraw')
    expect(api.withdrawBid).toHaveBeenCalledWith('p-1')
    expect(text('bid-status')).toBe('已撤回')
    expect(text('bid-withdrawn-note')).toContain('截止前可以重新报价')
    expect(byTestId('bid-form')).not.toBeNull()
    expect((document.querySelector('[data-testid="bid-price"]') as HTMLInputElement).value).toBe('50000')
    expect(text('bid-submit')).toBe('提交报价')
  })
})

describe('the result after closing', () => {
  it('asks for a justification of an abnormally low bid under evaluation and sends it', async () => {
    api.justifyBid.mockResolvedValue(bid({ abnormally_low: true, justification: '复用既有控制网成果' }))
    let changed: MyBid | null = null
    await mount(ResultPanel, {
      procurement: procurement({ status: 'evaluating', closed_at: '2026-12-09T00:00:00Z', my_bid: bid({ abnormally_low: true }) }),
      organisationId: ME,
      onChanged: (value: MyBid) => (changed = value),
    })
    expect(text('result-stage')).toBe('报价已截止，业主正在评审。')
    expect(text('result-abnormally-low')).toBe('异常低价')
    expect(text('justification')).toContain('请提交异常低价书面说明')
    await click('justification-submit')
    await formErrors()
    expect(text('justification')).toContain('请填写书面说明')
    expect(api.justifyBid).not.toHaveBeenCalled()
    await type(document.querySelector('[data-testid="justification-input"]'), '复用既有控制网成果')
    await click('justification-submit')
    expect(api.justifyBid).toHaveBeenCalledWith('p-1', '复用既有控制网成果')
    expect(changed).toMatchObject({ justification: '复用既有控制网成果' })
  })

  it('shows a refused justification translated, and the owner’s decision once made', async () => {
    api.justifyBid.mockRejectedValue(new ApiError(422, 'justification_not_needed', 'not needed'))
    await mount(ResultPanel, {
      procurement: procurement({ status: 'evaluating', my_bid: bid({ abnormally_low: true }) }),
      organisationId: ME,
    })
    await type(document.querySelector('[data-testid="justification-input"]'), '说明')
    await click('justification-submit')
    await formErrors()
    expect(text('justification')).toContain('只有评审中的异常低价报价需要书面说明')
    app?.unmount()
    document.body.innerHTML = ''
    await mount(ResultPanel, {
      procurement: procurement({
        status: 'awarded',
        my_bid: bid({ abnormally_low: true, status: 'rejected', justification_decision: 'rejected', invalid_reason: 'abnormally_low_rejected' }),
      }),
      organisationId: ME,
    })
    expect(byTestId('justification')).toBeNull()
    expect(text('justification-decision')).toBe('业主未采纳贵机构的异常低价说明。')
    expect(text('result-invalid-reason')).toBe('异常低价的书面说明未被业主采纳')
  })

  it('during the notice shows the winner, my objections with their answers, and raises one', async () => {
    const answered: Objection = {
      id: 'o-1',
      reason: '中选机构资质等级不符',
      status: 'dismissed',
      answer: '经核查符合要求',
      raised_at: '2026-12-09T02:00:00Z',
      answered_at: '2026-12-09T06:00:00Z',
    }
    api.listObjections.mockResolvedValue([answered])
    api.raiseObjection.mockResolvedValue({ ...answered, id: 'o-2', reason: '价格计算有误', status: 'open', answer: null, answered_at: null })
    await mount(ResultPanel, {
      procurement: procurement({
        status: 'notice',
        selection_method: 'random_draw',
        closed_at: '2026-12-09T00:00:00Z',
        notice_ends_at: '2099-12-12T15:59:59Z',
        winner: { id: 'org-other', name: '绍兴越城工程测量事务所' },
        my_bid: bid(),
      }),
      organisationId: ME,
    })
    expect(text('result-stage')).toContain('中选结果公示中，公示期至')
    expect(text('result-winner')).toContain('绍兴越城工程测量事务所')
    expect(text('result-lost')).toBe('未中选')
    expect(byTestId('result-draw-proof')?.getAttribute('href')).toBe('/public/draws/p-1')
    expect(api.listObjections).toHaveBeenCalledWith('p-1')
    const shown = document.querySelectorAll('[data-testid="objection"]')
    expect(shown).toHaveLength(1)
    expect(shown[0]!.textContent).toContain('异议不成立')
    expect(text('objection-answer')).toContain('经核查符合要求')
    await type(document.querySelector('[data-testid="objection-input"]'), '价格计算有误')
    await click('objection-submit')
    expect(api.raiseObjection).toHaveBeenCalledWith('p-1', '价格计算有误')
    expect(document.querySelectorAll('[data-testid="objection"]')).toHaveLength(2)
  })

  it('refuses an objection after the period with the translated reason', async () => {
    api.raiseObjection.mockRejectedValue(new ApiError(422, 'objection_period_over', 'over'))
    await mount(ResultPanel, {
      procurement: procurement({ status: 'notice', notice_ends_at: '2099-12-12T15:59:59Z', winner: { id: 'x', name: '甲' }, my_bid: bid() }),
      organisationId: ME,
    })
    await type(document.querySelector('[data-testid="objection-input"]'), '异议')
    await click('objection-submit')
    await formErrors()
    expect(text('objections')).toContain('异议须在结果公示期内提出')
  })

  it('tells the winner it won and leads to its contracts; no objection form after the notice', async () => {
    await mount(ResultPanel, {
      procurement: procurement({ status: 'awarded', notice_ends_at: '2026-12-04T15:59:59Z', winner: { id: ME, name: '本机构' }, my_bid: bid() }),
      organisationId: ME,
    })
    expect(text('result-won')).toBe('贵机构中选')
    expect(byTestId('result-to-contracts')?.getAttribute('href')).toBe('/intermediary/contracts')
    expect(byTestId('objection-input')).toBeNull()
  })

  it('explains a failed procurement and a bid set aside for a refusal code', async () => {
    await mount(ResultPanel, {
      procurement: procurement({
        status: 'failed',
        end_reason: 'too_few_valid_bids',
        my_bid: bid({ status: 'rejected', invalid_reason: 'bidder_unqualified' }),
      }),
      organisationId: ME,
    })
    expect(text('result-stage')).toBe('本次采购流标：有效报价不足 3 家。')
    expect(text('result-bid-status')).toBe('无效')
    expect(text('result-invalid-reason')).toBe('投标机构没有本采购要求的有效资质（可能已过期）')
  })
})

describe('the contract drawer', () => {
  it('confirms a proposed contract after asking', async () => {
    const proposed = contract()
    api.getContract.mockResolvedValue(proposed)
    api.confirmContract.mockResolvedValue(contract({ intermediary_confirmed_at: '2026-12-08T03:00:00Z' }))
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    let changed: Contract | null = null
    await mount(ContractDrawer, { modelValue: true, contract: proposed, onChanged: (value: Contract) => (changed = value) })
    expect(api.getContract).toHaveBeenCalledWith('p-1')
    expect(text('contract-status')).toBe('待签约')
    expect(text('contract-amount')).toBe('62,000.00 元')
    await click('contract-confirm')
    expect(confirm.mock.calls[0]![0]).toContain('62,000.00 元')
    expect(api.confirmContract).toHaveBeenCalledWith('p-1')
    expect(changed).toMatchObject({ intermediary_confirmed_at: '2026-12-08T03:00:00Z' })
    expect(byTestId('contract-confirm')).toBeNull()
    expect(text('contract-waiting-owner')).toBe('贵机构已确认，等待业主确认')
  })

  it('shows a returned delivery with its reason and the late flag, and resubmits with a file', async () => {
    const returned = contract({
      status: 'signed',
      intermediary_confirmed_at: '2026-12-08T03:00:00Z',
      signed_at: '2026-12-08T03:00:00Z',
      due_at: '2026-12-29T15:59:59Z',
      late: true,
      deliveries: [delivery({ decision: 'returned', reason: '分户图缺第 3 层', decided_at: '2026-12-11T02:00:00Z' })],
    })
    api.getContract.mockResolvedValue(returned)
    fileApi.fileMetadata.mockResolvedValue({ id: 'f-1', name: '成果.pdf', size: 10, content_type: 'application/pdf', sha256: '', purpose: 'delivery_result', created_at: '' })
    fileApi.uploadFile.mockResolvedValue({ id: 'f-2', name: '成果v2.pdf', size: 12, content_type: 'application/pdf', sha256: '', purpose: 'delivery_result', created_at: '' })
    api.deliverResult.mockResolvedValue(
      contract({ ...returned, status: 'delivered', deliveries: [...returned.deliveries, delivery({ id: 'd-2', submitted_at: '2026-12-12T02:00:00Z' })] }),
    )
    await mount(ContractDrawer, { modelValue: true, contract: returned })
    expect(text('contract-late')).toBe('逾期')
    expect(text('delivery-returned')).toContain('分户图缺第 3 层')
    expect(text('delivery-submit')).toBe('重新提交成果')
    expect(text('delivery-decision')).toBe('已退回')
    expect(text('delivery-reason')).toBe('退回理由：分户图缺第 3 层')

    await type(document.querySelector('[data-testid="delivery-summary"]'), '已补充第 3 层分户图')
    await click('delivery-submit')
    await formErrors()
    expect(text('delivery-form')).toContain('请上传成果文件或填写其 SHA-256 摘要')
    expect(api.deliverResult).not.toHaveBeenCalled()

    const input = document.querySelector<HTMLInputElement>('[data-testid="delivery-form"] [data-testid="file-upload-input"]')!
    Object.defineProperty(input, 'files', { value: [new File(['%PDF-1.7'], '成果v2.pdf', { type: 'application/pdf' })], configurable: true })
    input.dispatchEvent(new Event('change'))
    await settle()
    await click('delivery-submit')
    expect(api.deliverResult).toHaveBeenCalledWith('p-1', { summary: '已补充第 3 层分户图', file_id: 'f-2' })
    expect(text('contract-status')).toBe('已交付')
    expect(byTestId('delivery-form')).toBeNull()
    expect(document.querySelectorAll('[data-testid="delivery"]')).toHaveLength(2)
  })
})
