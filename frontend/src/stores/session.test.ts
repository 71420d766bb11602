// @vitest-environment jsdom
// The session probe: skipped without cookies, done once, a 401 meaning signed out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSessionStore } from './session'

const fetchMock = vi.fn<typeof fetch>()
const me = { id: 'u1', email: 'a@b.cn', display_name: '张三', role: 'enterprise', locale: 'zh-CN', status: 'active' }

function setCsrfCookie(present: boolean) {
  document.cookie = present ? 'qifu_csrf=t; path=/' : 'qifu_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.stubGlobal('fetch', fetchMock)
  fetchMock.mockReset()
})

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfCookie(false)
})

describe('session store', () => {
  it('asks nothing when there is no session cookie pair', async () => {
    setCsrfCookie(false)
    const session = useSessionStore()
    await session.ensureLoaded()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(session.user).toBeNull()
  })

  it('loads the current user once per page load', async () => {
    setCsrfCookie(true)
    fetchMock.mockImplementation(async () => new Response(JSON.stringify(me), { status: 200 }))
    const session = useSessionStore()
    await session.ensureLoaded()
    await session.ensureLoaded()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(session.user?.display_name).toBe('张三')
  })

  it('treats a 401 as signed out, and retries after a server failure', async () => {
    setCsrfCookie(true)
    const session = useSessionStore()
    fetchMock.mockImplementation(async () => new Response('', { status: 503 }))
    await session.ensureLoaded()
    expect(session.user).toBeNull()
    fetchMock.mockImplementation(
      async () => new Response(JSON.stringify({ error: { code: 'session_expired', message: 'x' } }), { status: 401 }),
    )
    await session.ensureLoaded()
    await session.ensureLoaded()
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(session.user).toBeNull()
  })
})
