// @vitest-environment jsdom
// The deadline shown in Beijing time, counting down each second, red under a day, closed after.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App } from 'vue'
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
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('DeadlineCountdown', () => {
  it('counts the last seconds down in Beijing time, then says closed', async () => {
    const host = mount('2026-12-08T15:59:59Z')
    expect(part(host, 'deadline-at')).toBe('2026/12/08 23:59 北京时间')
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
})
