// Durations of job runs in the unit that fits, in the UI language.
import { describe, expect, it } from 'vitest'
import { formatDuration } from './format'

describe('formatDuration', () => {
  it('picks milliseconds, seconds or minutes', () => {
    expect(formatDuration(850, 'en')).toBe('850 ms')
    expect(formatDuration(2400, 'en')).toBe('2.4 sec')
    expect(formatDuration(210_000, 'en')).toBe('3.5 min')
  })

  it('uses Chinese units in Chinese', () => {
    expect(formatDuration(0, 'zh-CN')).toBe('0毫秒')
    expect(formatDuration(2400, 'zh-CN')).toBe('2.4秒')
  })
})
