// @vitest-environment jsdom
// Request shapes of the service store and profile import/export API modules.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './client'
import { exportUrl, importProfiles, isImportFile, reportOf } from './enterpriseImport'
import * as store from './serviceStore'

const fetchMock = vi.fn<typeof fetch>()
const ID = '0b9d5f1e-3a0e-4c3b-9d51-2f0f4c9a7e11'

function lastRequest(): { method: string; url: string; body: unknown; headers: Record<string, string> } {
  const [url, init] = fetchMock.mock.lastCall ?? []
  return {
    method: init?.method ?? 'GET',
    url: String(url),
    body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
    headers: (init?.headers ?? {}) as Record<string, string>,
  }
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock)
  fetchMock.mockReset()
  fetchMock.mockImplementation(async () => new Response(JSON.stringify({}), { status: 200 }))
})

afterEach(() => vi.unstubAllGlobals())

describe('service store API', () => {
  it('reads the catalogue filtered by sector, text and tag, paged', async () => {
    await store.listSectors()
    expect(lastRequest().url).toBe('/api/v1/service-sectors')
    await store.listServiceItems({ sector_id: ID, q: '贷款', tag: 'growth', page: 2, per_page: 20 })
    expect(lastRequest().url).toBe(
      `/api/v1/service-items?sector_id=${ID}&q=%E8%B4%B7%E6%AC%BE&tag=growth&page=2&per_page=20`,
    )
    await store.listServiceItems({ sector_id: undefined, q: '', include_inactive: true, page: 1, per_page: 100 })
    expect(lastRequest().url).toBe('/api/v1/service-items?include_inactive=true&page=1&per_page=100')
    await store.listPackages()
    expect(lastRequest().url).toBe('/api/v1/service-packages')
  })

  it('keeps the catalogue for the centre', async () => {
    await store.createSector({ code: 'finance', name_zh: '金融服务', name_en: 'Finance', position: 1 })
    expect(lastRequest()).toMatchObject({ method: 'POST', url: '/api/v1/service-sectors', body: { code: 'finance' } })
    const item = {
      sector_id: ID,
      title: 't',
      description: '',
      provider_id: ID,
      target_tags: [],
      sla_working_days: 5,
      materials: [],
      active: false,
    }
    await store.updateServiceItem(ID, item)
    expect(lastRequest()).toMatchObject({ method: 'PUT', url: `/api/v1/service-items/${ID}`, body: item })
    await store.createPackage({ title: 'p', description: '', item_ids: [ID] })
    expect(lastRequest()).toMatchObject({ method: 'POST', url: '/api/v1/service-packages', body: { item_ids: [ID] } })
  })

  it('edits and deletes sectors and packages for the centre', async () => {
    fetchMock.mockImplementation(async () => new Response(null, { status: 204 }))
    const sector = { code: 'law', name_zh: '法治服务', name_en: 'Legal', position: 2 }
    await store.updateSector(ID, sector)
    expect(lastRequest()).toMatchObject({ method: 'PUT', url: `/api/v1/service-sectors/${ID}`, body: sector })
    await store.deleteSector(ID)
    expect(lastRequest()).toMatchObject({ method: 'DELETE', url: `/api/v1/service-sectors/${ID}` })
    const pack = { title: 'p', description: 'd', item_ids: [ID] }
    await store.updatePackage(ID, pack)
    expect(lastRequest()).toMatchObject({ method: 'PUT', url: `/api/v1/service-packages/${ID}`, body: pack })
    await store.deletePackage(ID)
    expect(lastRequest()).toMatchObject({ method: 'DELETE', url: `/api/v1/service-packages/${ID}` })
  })

  it('shows the refusal to delete a sector items belong to', async () => {
    const refusal = { error: { code: 'sector_not_empty', message: '1 service items belong to this sector' } }
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(refusal), { status: 409 }))
    await expect(store.deleteSector(ID)).rejects.toMatchObject({ status: 409, code: 'sector_not_empty' })
  })

  it('filters order lists by item, sector, dates, overdue and text', async () => {
    await store.providerOrders({ item_id: ID, sector_id: ID, from: '2026-03-01', to: '2026-03-31', overdue: true, q: '合同', page: 1, per_page: 20 })
    expect(lastRequest().url).toBe(
      `/api/v1/service-orders?item_id=${ID}&sector_id=${ID}&from=2026-03-01&to=2026-03-31&overdue=true&q=%E5%90%88%E5%90%8C&page=1&per_page=20`,
    )
  })

  it('recommends, orders, cancels and rates for the enterprise', async () => {
    await store.serviceRecommendations()
    expect(lastRequest().url).toBe('/api/v1/enterprises/me/service-recommendations?limit=10')
    await store.placeOrder(ID, '需要尽快')
    expect(lastRequest()).toMatchObject({ method: 'POST', url: `/api/v1/service-items/${ID}/orders`, body: { note: '需要尽快' } })
    await store.myOrders({ status: 'completed', page: 1, per_page: 20 })
    expect(lastRequest().url).toBe('/api/v1/enterprises/me/service-orders?status=completed&page=1&per_page=20')
    await store.cancelOrder(ID)
    expect(lastRequest()).toMatchObject({ method: 'POST', url: `/api/v1/service-orders/${ID}/cancel`, body: {} })
    await store.rateOrder(ID, 5, '很好')
    expect(lastRequest()).toMatchObject({ url: `/api/v1/service-orders/${ID}/rate`, body: { rating: 5, comment: '很好' } })
  })

  it('serves orders for the provider', async () => {
    await store.providerOrders({ page: 1, per_page: 20 })
    expect(lastRequest().url).toBe('/api/v1/service-orders?page=1&per_page=20')
    await store.acceptOrder(ID)
    expect(lastRequest()).toMatchObject({ method: 'POST', url: `/api/v1/service-orders/${ID}/accept` })
    await store.declineOrder(ID, '超出范围')
    expect(lastRequest()).toMatchObject({ url: `/api/v1/service-orders/${ID}/decline`, body: { note: '超出范围' } })
    await store.completeOrder(ID, '已办结')
    expect(lastRequest()).toMatchObject({ url: `/api/v1/service-orders/${ID}/complete`, body: { note: '已办结' } })
  })
})

describe('profile import and export API', () => {
  const report = { mode: 'check', total_rows: 2, valid_rows: 1, applied: false, errors: [{ row: 3 }] }

  it('links the export as xlsx or csv', () => {
    expect(exportUrl('xlsx')).toBe('/api/v1/enterprises/export?format=xlsx')
    expect(exportUrl('csv')).toBe('/api/v1/enterprises/export?format=csv')
  })

  it('accepts .xlsx and .csv files by name', () => {
    expect(isImportFile('企业.XLSX')).toBe(true)
    expect(isImportFile('a.csv')).toBe(true)
    expect(isImportFile('a.xls')).toBe(false)
    expect(isImportFile('csv')).toBe(false)
  })

  it('sends the raw bytes with the CSRF header and reads the report', async () => {
    document.cookie = 'qifu_csrf=token-1'
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(report), { status: 200 }))
    const file = new Blob(['统一社会信用代码\r\n'], { type: 'text/csv' })
    await expect(importProfiles(file, 'check')).resolves.toEqual(report)
    const sent = lastRequest()
    expect(sent.method).toBe('POST')
    expect(sent.url).toBe('/api/v1/enterprises/import?mode=check')
    expect(sent.headers['Content-Type']).toBe('application/octet-stream')
    expect(sent.headers['X-CSRF-Token']).toBe('token-1')
    expect(sent.body).toBe(file)
  })

  it('reads the report of a refused import of all rows', async () => {
    const refused = { error: { code: 'import_has_errors', message: '1 rows have errors' }, report: { ...report, mode: 'all' } }
    expect(reportOf(422, refused)).toEqual(refused.report)
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(refused), { status: 422 }))
    await expect(importProfiles(new Blob(['x']), 'all')).resolves.toMatchObject({ mode: 'all', applied: false })
  })

  it('throws other refusals as API errors', async () => {
    expect(reportOf(400, { error: { code: 'import_unreadable' } })).toBeNull()
    expect(reportOf(422, { error: { code: 'validation_failed' } })).toBeNull()
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { code: 'import_missing_column', message: 'no uscc' } }), { status: 400 }),
    )
    const failure = await importProfiles(new Blob(['x']), 'check').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).code).toBe('import_missing_column')
  })
})
