// @vitest-environment jsdom
// The unread count behind the bell: refreshed from the server, and again after marking read.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useNotificationsStore } from './notifications'

const fetchMock = vi.fn<typeof fetch>()
let unread = 2

beforeEach(() => {
  setActivePinia(createPinia())
  vi.stubGlobal('fetch', fetchMock)
  unread = 2
  fetchMock.mockReset()
  fetchMock.mockImplementation(async (input) => {
    const url = String(input)
    if (url.endsWith('/unread-count')) return new Response(JSON.stringify({ count: unread }), { status: 200 })
    if (url.endsWith('/read-all')) {
      const updated = unread
      unread = 0
      return new Response(JSON.stringify({ updated }), { status: 200 })
    }
    unread -= 1
    return new Response('{}', { status: 200 })
  })
})

afterEach(() => vi.unstubAllGlobals())

describe('notifications store', () => {
  it('takes the unread count from the server', async () => {
    const store = useNotificationsStore()
    expect(store.unread).toBe(0)
    await store.refresh()
    expect(store.unread).toBe(2)
  })

  it('counts again after marking one or all read', async () => {
    const store = useNotificationsStore()
    await store.markRead('n1')
    expect(store.unread).toBe(1)
    await expect(store.markAllRead()).resolves.toBe(1)
    expect(store.unread).toBe(0)
    expect(fetchMock.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`)).toEqual([
      'POST /api/v1/notifications/n1/read',
      'GET /api/v1/notifications/unread-count',
      'POST /api/v1/notifications/read-all',
      'GET /api/v1/notifications/unread-count',
    ])
  })
})
