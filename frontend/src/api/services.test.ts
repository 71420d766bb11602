// @vitest-environment jsdom
// Request shapes of the notification, scheduler, outbox and search API modules.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as notifications from './notifications'
import * as outbox from './outbox'
import * as scheduler from './scheduler'
import { search } from './search'

const fetchMock = vi.fn<typeof fetch>()

/** Method, URL and JSON body of the last request. */
function lastRequest(): { method: string; url: string; body: unknown } {
  const [url, init] = fetchMock.mock.lastCall ?? []
  return {
    method: init?.method ?? 'GET',
    url: String(url),
    body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
  }
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock)
  fetchMock.mockReset()
  fetchMock.mockImplementation(async () => new Response(JSON.stringify({}), { status: 200 }))
})

afterEach(() => vi.unstubAllGlobals())

describe('notifications API', () => {
  it('lists the inbox, all or unread only, paged', async () => {
    await notifications.listNotifications({ unread: true, page: 2, per_page: 20 })
    expect(lastRequest()).toEqual({ method: 'GET', url: '/api/v1/notifications?unread=true&page=2&per_page=20', body: undefined })
    await notifications.listNotifications({ unread: false, page: 1, per_page: 5 })
    expect(lastRequest().url).toBe('/api/v1/notifications?unread=false&page=1&per_page=5')
    await notifications.listNotifications({ page: 1, per_page: 5 })
    expect(lastRequest().url).toBe('/api/v1/notifications?page=1&per_page=5')
  })

  it('asks for the unread count and marks one or all read', async () => {
    fetchMock.mockResolvedValueOnce(new Response('{"count":3}', { status: 200 }))
    await expect(notifications.unreadCount()).resolves.toEqual({ count: 3 })
    expect(lastRequest()).toEqual({ method: 'GET', url: '/api/v1/notifications/unread-count', body: undefined })
    await notifications.markRead('0b9d5f1e-3a0e-4c3b-9d51-2f0f4c9a7e11')
    expect(lastRequest()).toEqual({
      method: 'POST',
      url: '/api/v1/notifications/0b9d5f1e-3a0e-4c3b-9d51-2f0f4c9a7e11/read',
      body: {},
    })
    await notifications.markAllRead()
    expect(lastRequest()).toEqual({ method: 'POST', url: '/api/v1/notifications/read-all', body: {} })
  })

  it('reads and writes the e-mail preferences', async () => {
    await notifications.getPreferences()
    expect(lastRequest()).toEqual({ method: 'GET', url: '/api/v1/notifications/preferences', body: undefined })
    await notifications.setPreferences([{ category: 'approvals', email: false }])
    expect(lastRequest()).toEqual({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      body: { preferences: [{ category: 'approvals', email: false }] },
    })
  })
})

describe('scheduler API', () => {
  it('lists jobs and a job’s runs', async () => {
    await scheduler.listJobs()
    expect(lastRequest()).toEqual({ method: 'GET', url: '/api/v1/scheduler/jobs', body: undefined })
    await scheduler.listJobRuns('purge_sessions', { page: 3, per_page: 50 })
    expect(lastRequest().url).toBe('/api/v1/scheduler/jobs/purge_sessions/runs?page=3&per_page=50')
  })

  it('pauses, resumes and runs a job, and changes its expression', async () => {
    fetchMock.mockImplementation(async () => new Response(null, { status: 204 }))
    await scheduler.pauseJob('purge_sessions')
    expect(lastRequest()).toEqual({ method: 'POST', url: '/api/v1/scheduler/jobs/purge_sessions/pause', body: {} })
    await scheduler.resumeJob('purge_sessions')
    expect(lastRequest()).toEqual({ method: 'POST', url: '/api/v1/scheduler/jobs/purge_sessions/resume', body: {} })
    await scheduler.updateJobCron('verify_audit_chain', '0 0 4 * * *')
    expect(lastRequest()).toEqual({
      method: 'PUT',
      url: '/api/v1/scheduler/jobs/verify_audit_chain',
      body: { cron: '0 0 4 * * *' },
    })
    fetchMock.mockImplementation(async () => new Response('{"outcome":"succeeded"}', { status: 200 }))
    await expect(scheduler.runJob('verify_audit_chain')).resolves.toEqual({ outcome: 'succeeded' })
    expect(lastRequest()).toEqual({ method: 'POST', url: '/api/v1/scheduler/jobs/verify_audit_chain/run', body: {} })
  })

  it('escapes job names in paths', async () => {
    await scheduler.listJobRuns('a/b c', { page: 1, per_page: 20 })
    expect(lastRequest().url).toBe('/api/v1/scheduler/jobs/a%2Fb%20c/runs?page=1&per_page=20')
  })
})

describe('outbox API', () => {
  it('lists by status and re-queues a message', async () => {
    await outbox.listOutbox({ status: 'dead', page: 1, per_page: 20 })
    expect(lastRequest()).toEqual({ method: 'GET', url: '/api/v1/outbox?status=dead&page=1&per_page=20', body: undefined })
    await outbox.listOutbox({ page: 1, per_page: 20 })
    expect(lastRequest().url).toBe('/api/v1/outbox?page=1&per_page=20')
    await outbox.requeueMessage('5f7c1a52-8d3e-4b6a-9c1f-0e2d3c4b5a69')
    expect(lastRequest()).toEqual({
      method: 'POST',
      url: '/api/v1/outbox/5f7c1a52-8d3e-4b6a-9c1f-0e2d3c4b5a69/requeue',
      body: {},
    })
  })
})

describe('search API', () => {
  it('sends the words, the kind when chosen, and the page', async () => {
    await search({ q: '企服 科技', kind: 'organisation', page: 1, per_page: 20 })
    expect(lastRequest().url).toBe(
      '/api/v1/search?q=%E4%BC%81%E6%9C%8D+%E7%A7%91%E6%8A%80&kind=organisation&page=1&per_page=20',
    )
    await search({ q: 'qifu', page: 2, per_page: 50 })
    expect(lastRequest().url).toBe('/api/v1/search?q=qifu&page=2&per_page=50')
  })
})
