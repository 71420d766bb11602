// @vitest-environment jsdom
// One reading of the supermarket's states: the standard terms of 中介超市 practice, the same label
// and colour on every page, and attributes passed on to the tag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, h, type App } from 'vue'
import ElementPlus from 'element-plus'
import { PROCUREMENT_STATUSES } from '@/api/marketplaceTypes'
import { i18n } from '@/i18n'
import { statusLabelKey, statusTagType, type MarketStates, type MarketStatusKind } from '@/utils/marketStatus'
import MarketStatusTag from './MarketStatusTag.vue'

let app: App | null = null

function mount<K extends MarketStatusKind>(kind: K, status: MarketStates[K], attrs: Record<string, unknown> = {}): HTMLElement {
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({ render: () => h(MarketStatusTag, { kind, status, ...attrs }) })
  app.use(ElementPlus).use(i18n).mount(host)
  return host.firstElementChild as HTMLElement
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
})

describe('the supermarket’s states', () => {
  it('read as the standard terms, in Chinese and in English', () => {
    const zh = PROCUREMENT_STATUSES.map((status) => i18n.global.t(statusLabelKey('procurement', status)))
    expect(zh).toEqual(['草稿', '报价中', '评审中', '结果公示中', '待签约', '已签约', '已交付', '已验收', '已取消', '流标'])
    i18n.global.locale.value = 'en'
    expect(i18n.global.t(statusLabelKey('procurement', 'awarded'))).toBe('Awaiting contract')
    expect(i18n.global.t(statusLabelKey('contract', 'signed'))).toBe('Signed')
  })

  it('read the same for a procurement and its contract at the same stage', () => {
    const t = i18n.global.t
    expect(t(statusLabelKey('contract', 'proposed'))).toBe(t(statusLabelKey('procurement', 'awarded')))
    expect(t(statusLabelKey('contract', 'signed'))).toBe(t(statusLabelKey('procurement', 'contracted')))
    expect(t(statusLabelKey('contract', 'delivered'))).toBe(t(statusLabelKey('procurement', 'delivered')))
    expect(t(statusLabelKey('contract', 'accepted'))).toBe(t(statusLabelKey('procurement', 'accepted')))
  })

  it('show as a tag with the label, the colour and the code, passing size and test id on', () => {
    const tag = mount('contract', 'signed', { size: 'small', 'data-testid': 'contract-status' })
    expect(tag.textContent?.trim()).toBe('已签约')
    expect(tag.classList).toContain('el-tag--primary')
    expect(tag.classList).toContain('el-tag--small')
    expect(tag.dataset.status).toBe('signed')
    expect(tag.dataset.testid).toBe('contract-status')
  })

  it('colour a state the front end does not know yet grey', () => {
    expect(statusTagType('procurement', 'archived' as never)).toBe('info')
    expect(statusTagType('objection', 'upheld')).toBe('danger')
    expect(statusTagType('delivery', 'pending')).toBe('warning')
  })
})
