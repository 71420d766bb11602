// @vitest-environment jsdom
// The deadline shown in Beijing time, counting down each second, red under a day, closed after —
// by the server's clock, which may be days away from the browser's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App } from 'vue'
import { recordServerNow } from '@/composables/serverClock'
import { i18n } from '@/i18n'
import DeadlineCountdown from './DeadlineCountdown.vue'

let app: App | null = null

function mount(deadline: string | null) {
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({ render: () => h(DeadlineCountdown, { deadline }) })
  app.use(i18n).mount(host)
  return host
}

const part = (host: HTMLElement, testid: string) => host.querySelector(`[data-testid="${testid}"]`)?.textContent?.replace(/\s+/g, ' ').trim()

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-12-08T15:59:57Z'))
})

afterEach(() => {
  recordServerNow(new Date().toISOString())
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('DeadlineCountdown', () => {
  it('counts the last seconds down in Beijing time, then says closed', async () => {
    const host = mount('2026-12-08T15:59:59Z')
    expect(part(host, 'deadline-at')).toBe('2026/12/08 23:59:59 北京时间')
    expect(part(host, 'deadline-left')).toBe('剩余 0 小时 0 分 2 秒')
    expect(host.querySelector('.countdown')!.classList.contains('urgent')).toBe(true)
    vi.advanceTimersByTime(1000)
    await nextTick()
    expect(part(host, 'deadline-left')).toBe('剩余 0 小时 0 分 1 秒')
    vi.advanceTimersByTime(1000)
    await nextTick()
    expect(part(host, 'deadline-left')).toBe('已截止')
    expect(host.querySelector('[data-testid="deadline-countdown"]')!.getAttribute('data-ended')).toBe('true')
  })

  it('shows days, hours and minutes further out, and says when there is no deadline', () => {
    expect(part(mount('2026-12-11T18:10:00Z'), 'deadline-left')).toBe('剩余 3 天 2 小时 10 分')
    app?.unmount()
    expect(part(mount(null), 'deadline-left')).toBe('未设截止时间')
  })

  it('has passed when the server’s clock is three days ahead, though the browser’s says two are left', () => {
    recordServerNow('2026-12-11T15:59:57.000Z')
    const host = mount('2026-12-10T16:00:00Z')
    expect(part(host, 'deadline-left')).toBe('已截止')
    expect(host.querySelector('[data-testid="deadline-countdown"]')!.getAttribute('data-ended')).toBe('true')
  })

  it('follows the server’s clock at once when a response shows it has moved', async () => {
    const host = mount('2026-12-10T16:00:00Z')
    expect(part(host, 'deadline-left')).toBe('剩余 2 天 0 小时 0 分')
    recordServerNow('2026-12-10T15:59:00.000Z')
    await nextTick()
    expect(part(host, 'deadline-left')).toBe('剩余 0 小时 1 分 0 秒')
    vi.advanceTimersByTime(60_000)
    await nextTick()
    expect(part(host, 'deadline-left')).toBe('已截止')
  })
})
