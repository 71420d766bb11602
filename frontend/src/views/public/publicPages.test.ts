// @vitest-environment jsdom
// The public pages with the API mocked: the draw proof recomputed in the page (verified, tampered,
// not revealed yet) and the result notices filtered to those in notice, open by the server's clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App, type Component } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import * as market from '@/api/marketplace'
import type { DrawProof, PublicNotice } from '@/api/marketplaceTypes'
import { recordServerNow } from '@/composables/serverClock'
import { i18n } from '@/i18n'
import { routes } from '@/router/routes'
import { canonicalBidders, drawCommitment, drawOrder } from '@/utils/drawProof'
import DrawProofView from './DrawProofView.vue'
import PublicNoticesView from './PublicNoticesView.vue'

vi.mock('@/api/marketplace')

const api = vi.mocked(market)
const PROCUREMENT = '6f1c2b9e-3d4a-4c8e-9b2f-1a2b3c4d5e6f'
const SEED = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('')
const BIDDERS = ['91330782MA2E9RT04Y', '91330100MA2B3C4D5N', '91330212MA2H5W3N6H', '91330110MA27XY8K1P', '91330106MA2GL0P7X7']
let app: App | null = null

async function proof(): Promise<DrawProof> {
  const order = await drawOrder(SEED, BIDDERS)
  return {
    algorithm: 'qifu-draw-v1',
    procurement_id: PROCUREMENT,
    commitment: await drawCommitment(PROCUREMENT, SEED),
    seed: SEED,
    bidders: canonicalBidders(BIDDERS),
    order,
    winner: order[0]!,
    algorithm_description: 'qifu-draw-v1 (random draw, 随机抽取)\n1. …',
  }
}

async function settle() {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await nextTick()
  }
}

async function mount(component: Component, props: Record<string, unknown> = {}) {
  const host = document.createElement('div')
  document.body.append(host)
  const router = createRouter({ history: createMemoryHistory(), routes })
  app = createApp({ render: () => h(component, props) })
  app.use(ElementPlus).use(i18n).use(createPinia()).use(router).mount(host)
  await settle()
  return host
}

/** Waits for the in-browser verification (WebCrypto digests run off the main thread) to finish. */
async function verified() {
  for (let i = 0; i < 200; i += 1) {
    const verdict = document.querySelector<HTMLElement>('[data-testid="draw-verdict"]')?.dataset.verdict
    if (verdict && verdict !== 'running') return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await nextTick()
}

const byTestId = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => byTestId(testid)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  vi.resetAllMocks()
})

afterEach(() => {
  recordServerNow(new Date().toISOString())
  app?.unmount()
  app = null
  document.body.innerHTML = ''
})

describe('the draw proof page', () => {
  it('verifies a correct proof in the browser and shows the drawn order', async () => {
    api.drawProof.mockResolvedValue(await proof())
    await mount(DrawProofView, { id: PROCUREMENT })
    await verified()
    expect(api.drawProof).toHaveBeenCalledWith(PROCUREMENT)
    expect(byTestId('draw-verdict')?.dataset.verdict).toBe('ok')
    expect(text('draw-verdict')).toContain('在您的浏览器中验证通过')
    expect(text('draw-commitment')).toBe('5a764e0703a50f8b1a5b2570556dd55ddff2eb18867238b87c0a5e29e3c903a8')
    expect(text('draw-winner')).toBe('91330110MA27XY8K1P')
    const order = [...document.querySelectorAll('[data-testid="draw-order"] li .mono')].map((li) => li.textContent?.trim())
    expect(order).toEqual(['91330110MA27XY8K1P', '91330782MA2E9RT04Y', '91330212MA2H5W3N6H', '91330106MA2GL0P7X7', '91330100MA2B3C4D5N'])
    expect(byTestId('draw-download')?.getAttribute('href')).toBe(`/api/v1/public/procurements/${PROCUREMENT}/draw-proof`)
  })

  it('fails a proof whose order was tampered with, saying why and what it should be', async () => {
    const tampered = await proof()
    ;[tampered.order[1], tampered.order[2]] = [tampered.order[2]!, tampered.order[1]!]
    api.drawProof.mockResolvedValue(tampered)
    await mount(DrawProofView, { id: PROCUREMENT })
    await verified()
    expect(byTestId('draw-verdict')?.dataset.verdict).toBe('failed')
    expect(byTestId('draw-verdict')?.dataset.reason).toBe('order_mismatch')
    expect(text('draw-failure-reason')).toBe('重算的抽取顺序与公示的顺序不一致')
    expect(document.querySelectorAll('[data-testid="draw-order"] li.differs')).toHaveLength(2)
  })

  it('fails a seed that does not match the commitment', async () => {
    api.drawProof.mockResolvedValue({ ...(await proof()), commitment: '00'.repeat(32) })
    await mount(DrawProofView, { id: PROCUREMENT })
    await verified()
    expect(byTestId('draw-verdict')?.dataset.reason).toBe('commitment_mismatch')
    expect(text('draw-failure-reason')).toBe('种子与报价前公布的承诺值不符')
  })

  it('before the deadline shows only the commitment and waits for the seed', async () => {
    api.drawProof.mockResolvedValue({ ...(await proof()), seed: '', bidders: [], order: [], winner: null })
    await mount(DrawProofView, { id: PROCUREMENT })
    await verified()
    expect(byTestId('draw-verdict')?.dataset.verdict).toBe('pending')
    expect(text('draw-seed-hidden')).toBe('报价截止后公开')
    expect(byTestId('draw-order')).toBeNull()
  })
})

describe('the result notices', () => {
  const notice: PublicNotice = {
    procurement_id: PROCUREMENT,
    title: '产业园竣工测绘',
    owner: '杭州演示智能科技有限公司',
    service_types: ['竣工测绘'],
    service_types_en: ['Completion survey'],
    selection_method: 'random_draw',
    winner: '绍兴越城工程测量事务所',
    winner_uscc: '91330100MA2B3C4D5N',
    price_fen: 6_200_000,
    budget_ceiling_fen: 8_000_000,
    awarded_at: '2026-12-01T01:46:00Z',
    notice_ends_at: '2099-12-04T15:59:59Z',
    status: 'notice',
  }

  it('lists results with the winner, the price and the draw proof, and filters to those in notice', async () => {
    api.publicNotices.mockResolvedValue({ items: [notice], total: 1, page: 1, per_page: 20 })
    await mount(PublicNoticesView)
    expect(api.publicNotices).toHaveBeenLastCalledWith({ in_notice: false, page: 1, per_page: 20 })
    expect(text('notice-winner')).toBe('绍兴越城工程测量事务所')
    expect(text('notice-price')).toBe('62,000.00 元')
    expect(text('notice-open')).toBe('公示至 2099/12/04 23:59:59')
    expect(byTestId('notice-draw-proof')?.getAttribute('href')).toBe(`/public/draws/${PROCUREMENT}`)
    byTestId('notices-in-notice')!.click()
    await settle()
    expect(api.publicNotices).toHaveBeenLastCalledWith({ in_notice: true, page: 1, per_page: 20 })
  })
  it('shows a notice closed once the server’s clock has passed its end, whatever the browser’s says', async () => {
    api.publicNotices.mockResolvedValue({ items: [notice], total: 1, page: 1, per_page: 20 })
    recordServerNow('2100-01-01T00:00:00.000Z')
    await mount(PublicNoticesView)
    expect(byTestId('notice-open')).toBeNull()
    expect(text('notice-closed')).toBe('公示期已结束')
  })
})
