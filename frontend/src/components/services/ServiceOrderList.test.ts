// @vitest-environment jsdom
// The order list page with the API mocked: it first asks for an unfiltered page, and its filter
// controls (overdue, text, reset, a sector dropping the service of the old one) narrow the query
// the server answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import * as store from '@/api/serviceStore'
import type { ServiceOrder, ServiceOrderQuery } from '@/api/serviceStoreTypes'
import type { Page } from '@/api/types'
import { i18n } from '@/i18n'
import ServiceOrderList from './ServiceOrderList.vue'

vi.mock('@/api/serviceStore')

const api = vi.mocked(store)
let app: App | null = null
const fetchPage = vi.fn<(query: ServiceOrderQuery) => Promise<Page<ServiceOrder>>>()

async function settle() {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await nextTick()
  }
}

async function mount() {
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({ render: () => h(ServiceOrderList, { fetchPage, side: 'provider', counterpart: 'enterprise' }) })
  app.use(ElementPlus).use(i18n).use(createPinia()).mount(host)
  await settle()
  return host
}

beforeEach(() => {
  fetchPage.mockReset()
  fetchPage.mockResolvedValue({ items: [], total: 0, page: 1, per_page: 20 } as unknown as Page<ServiceOrder>)
  api.listSectors.mockResolvedValue([{ id: 's1', code: 'finance', name_zh: '金融服务', name_en: 'Finance', position: 1 }])
  api.listServiceItems.mockResolvedValue({ items: [], total: 0, page: 1, per_page: 100 } as never)
})

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
})

describe('the order list', () => {
  it('asks first for an unfiltered page', async () => {
    await mount()
    expect(fetchPage).toHaveBeenCalledTimes(1)
    expect(fetchPage.mock.lastCall?.[0]).toEqual({
      status: undefined,
      sector_id: undefined,
      item_id: undefined,
      from: undefined,
      to: undefined,
      overdue: undefined,
      q: undefined,
      page: 1,
      per_page: 20,
    })
  })

  it('narrows to overdue orders and to a text, and resets', async () => {
    const host = await mount()
    host.querySelector<HTMLInputElement>('[data-testid="orders-filter-overdue"] input')!.click()
    await settle()
    expect(fetchPage.mock.lastCall?.[0]).toMatchObject({ overdue: true, page: 1 })

    // Element Plus puts the test id on the input itself.
    const search = host.querySelector<HTMLInputElement>('input[data-testid="orders-search"]')!
    search.value = ' 合同 '
    search.dispatchEvent(new Event('input'))
    search.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await settle()
    expect(fetchPage.mock.lastCall?.[0]).toMatchObject({ overdue: true, q: '合同' })

    host.querySelector<HTMLButtonElement>('[data-testid="orders-filter-reset"]')!.click()
    await settle()
    expect(fetchPage.mock.lastCall?.[0]).toMatchObject({ overdue: undefined, q: undefined })
  })
})

describe('the sector filter', () => {
  async function choose(host: HTMLElement, testId: string, label: string) {
    host.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!.click()
    await settle()
    const option = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
      (o) => o.textContent?.trim() === label && o.offsetParent !== undefined,
    )
    option!.click()
    await settle()
  }

  it('drops the service chosen in the old sector before it searches', async () => {
    api.listSectors.mockResolvedValue([
      { id: 's1', code: 'finance', name_zh: '金融服务', name_en: 'Finance', position: 1 },
      { id: 's2', code: 'law', name_zh: '法治服务', name_en: 'Law', position: 2 },
    ])
    api.listServiceItems.mockResolvedValue({ items: [{ id: 'i1', title: '首贷续贷对接', title_en: 'Loans' }], total: 1, page: 1, per_page: 100 } as never)
    const host = await mount()
    await choose(host, 'orders-filter-item', '首贷续贷对接')
    expect(fetchPage.mock.lastCall?.[0]).toMatchObject({ item_id: 'i1' })
    await choose(host, 'orders-filter-sector', '法治服务')
    expect(fetchPage.mock.lastCall?.[0]).toMatchObject({ sector_id: 's2', item_id: undefined })
  })
})
