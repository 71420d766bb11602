// Durations of job runs and file sizes in the unit that fits, in the UI language.
import { describe, expect, it } from 'vitest'
import { formatBytes, formatDuration } from './format'

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

describe('formatBytes', () => {
  it('picks bytes, kilobytes, megabytes or gigabytes (binary multiples)', () => {
    expect(formatBytes(61, 'en')).toBe('61 bytes')
    expect(formatBytes(12_800, 'en')).toBe('12.5 kB')
    expect(formatBytes(20 * 1024 * 1024, 'en')).toBe('20 MB')
    expect(formatBytes(3 * 1024 ** 4, 'en')).toBe('3,072 GB')
  })

  it('uses Chinese units in Chinese', () => {
    expect(formatBytes(61, 'zh-CN')).toBe('61字节')
    expect(formatBytes(200 * 1024 * 1024, 'zh-CN')).toBe('200 MB')
  })
})
