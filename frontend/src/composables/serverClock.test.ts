// The server's clock as the browser knows it: the offset each response's `X-Qifu-Now` tells
// (the latest wins; missing or unreadable headers change nothing), and `serverNow()` by it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { recordServerNow, serverNow, serverOffset } from './serverClock'

const DAY = 86_400_000

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-03-02T09:00:00Z'))
})

afterEach(() => {
  recordServerNow(new Date().toISOString())
  vi.useRealTimers()
})

describe('the server clock', () => {
  it('is the browser’s clock until a response tells otherwise', () => {
    expect(serverOffset.value).toBe(0)
    expect(serverNow().toISOString()).toBe('2026-03-02T09:00:00.000Z')
  })

  it('runs ahead by what a response told, and keeps running', () => {
    expect(recordServerNow('2026-03-05T09:00:00.000Z')).toBe(true)
    expect(serverOffset.value).toBe(3 * DAY)
    expect(serverNow().toISOString()).toBe('2026-03-05T09:00:00.000Z')
    vi.advanceTimersByTime(1500)
    expect(serverNow().toISOString()).toBe('2026-03-05T09:00:01.500Z')
  })

  it('measures from when the response arrived, and keeps the latest, behind as well as ahead', () => {
    recordServerNow('2026-03-05T09:00:00.000Z')
    expect(recordServerNow('2026-03-02T08:59:58.750Z', Date.parse('2026-03-02T08:59:59.000Z'))).toBe(true)
    expect(serverOffset.value).toBe(-250)
    expect(serverNow().toISOString()).toBe('2026-03-02T08:59:59.750Z')
    recordServerNow('2026-03-02T17:00:00+08:00')
    expect(serverOffset.value).toBe(0)
  })

  it('ignores a missing or unreadable header', () => {
    recordServerNow('2026-03-04T09:00:00.000Z')
    for (const header of [null, undefined, '', ' ', 'yesterday', '2026-03-05', '1772442000000', 'Thu, 05 Mar 2026 09:00:00 GMT', '2026-13-45T25:00:00Z', '2026-03-05T09:00:00']) {
      expect(recordServerNow(header), String(header)).toBe(false)
    }
    expect(serverNow().toISOString()).toBe('2026-03-04T09:00:00.000Z')
  })
})
