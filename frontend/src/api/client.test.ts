// @vitest-environment jsdom
// The API client: cookies and CSRF header, query strings, the error contract, lost sessions, the
// server clock each response tells.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { recordServerNow, serverNow } from '@/composables/serverClock'
import { ApiError, api, onUnauthenticated, readCookie } from './client'

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

const fetchMock = vi.fn<typeof fetch>()

function lastRequest(): { url: string; init: RequestInit; headers: Record<string, string> } {
  const [url, init] = fetchMock.mock.lastCall ?? []
  return { url: String(url), init: init ?? {}, headers: (init?.headers ?? {}) as Record<string, string> }
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock)
  fetchMock.mockReset()
  document.cookie = 'qifu_csrf=csrf%2Dvalue-42; path=/'
  document.cookie = 'other=1; path=/'
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.cookie = 'qifu_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
  onUnauthenticated(() => {})
})

describe('api client', () => {
  it('reads a cookie by name and decodes it', () => {
    expect(readCookie('qifu_csrf')).toBe('csrf-value-42')
    expect(readCookie('missing')).toBeNull()
  })

  it('sends the CSRF cookie as X-CSRF-Token on requests that change state', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(200, { ok: true }))
    await api.post('/users/1/enable', {})
    expect(lastRequest().headers['X-CSRF-Token']).toBe('csrf-value-42')
    await api.put('/me', { display_name: 'x', locale: 'en' })
    expect(lastRequest().headers['X-CSRF-Token']).toBe('csrf-value-42')
    expect(lastRequest().init.method).toBe('PUT')
    expect(lastRequest().init.body).toBe('{"display_name":"x","locale":"en"}')
    expect(lastRequest().headers['Content-Type']).toBe('application/json')
  })

  it('sends no CSRF header on GET, and same-origin credentials always', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [] }))
    await api.get('/users', { role: 'department', page: 2, per_page: 20, organisation_id: undefined, actor: '' })
    const { url, init, headers } = lastRequest()
    expect(url).toBe('/api/v1/users?role=department&page=2&per_page=20')
    expect(headers['X-CSRF-Token']).toBeUndefined()
    expect(init.credentials).toBe('same-origin')
  })

  it('asks for the UI language the app keeps on <html lang>', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(200, { items: [] }))
    document.documentElement.lang = 'en'
    await api.get('/notifications')
    expect(lastRequest().headers['Accept-Language']).toBe('en')
    document.documentElement.lang = 'zh-CN'
    await api.get('/notifications')
    expect(lastRequest().headers['Accept-Language']).toBe('zh-CN')
  })

  it('sends no CSRF header when there is no CSRF cookie', async () => {
    document.cookie = 'qifu_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await expect(api.post('/auth/logout')).resolves.toBeUndefined()
    expect(lastRequest().headers['X-CSRF-Token']).toBeUndefined()
  })

  it('turns the error contract into an ApiError with code, message and fields', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, {
        error: {
          code: 'validation_failed',
          message: 'Invalid input',
          fields: { email: ['must be an email'], password: ['too short'] },
        },
      }),
    )
    const error = await api.post('/auth/register', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid input',
      fields: { email: ['must be an email'], password: ['too short'] },
      retryAfter: null,
    })
  })

  it('reads Retry-After on throttling', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(429, { error: { code: 'account_locked', message: 'Locked' } }, { 'Retry-After': '300' }),
    )
    const error = await api.post('/auth/login', {}).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 429, code: 'account_locked', retryAfter: 300, fields: {} })
  })

  it('gives a body outside the contract an http_<status> code', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const error = await api.get('/me').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway' })
  })

  it('reports a 401 as a lost session unless the call opted out', async () => {
    const lost = vi.fn()
    onUnauthenticated(lost)
    fetchMock.mockImplementation(async () =>
      jsonResponse(401, { error: { code: 'session_expired', message: 'Session expired' } }),
    )
    await expect(api.get('/users')).rejects.toMatchObject({ code: 'session_expired' })
    expect(lost).toHaveBeenCalledTimes(1)
    await expect(api.post('/auth/login', {}, { allowUnauthenticated: true })).rejects.toBeInstanceOf(ApiError)
    expect(lost).toHaveBeenCalledTimes(1)
  })

  it('records the server clock every response tells, errors included, and keeps it when one does not', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'))
    try {
      fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [] }, { 'X-Qifu-Now': '2026-03-05T09:00:00.000Z' }))
      await api.get('/procurements')
      expect(serverNow().toISOString()).toBe('2026-03-05T09:00:00.000Z')

      fetchMock.mockResolvedValueOnce(
        jsonResponse(409, { error: { code: 'bid_after_deadline', message: 'Closed' } }, { 'X-Qifu-Now': '2026-03-06T09:00:00.000Z' }),
      )
      await expect(api.post('/procurements/p1/bids', {})).rejects.toMatchObject({ code: 'bid_after_deadline' })
      expect(serverNow().toISOString()).toBe('2026-03-06T09:00:00.000Z')

      fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
      await api.post('/auth/logout')
      fetchMock.mockResolvedValueOnce(jsonResponse(200, {}, { 'X-Qifu-Now': 'not a time' }))
      await api.get('/me')
      expect(serverNow().toISOString()).toBe('2026-03-06T09:00:00.000Z')
    } finally {
      recordServerNow(new Date().toISOString())
      vi.useRealTimers()
    }
  })
})
