// Beijing time whatever the browser's zone, today's Beijing date, and the countdown to a deadline
// (the cases once tested separately for the owner's and the intermediary's pages).
import { describe, expect, it } from 'vitest'
import { beijingDate, countdown, formatBeijing } from './beijingTime'

describe('Beijing time', () => {
  it('shows an instant in Beijing whatever the browser zone, to the second', () => {
    expect(formatBeijing('2026-12-04T09:00:00Z', 'zh-CN')).toBe('2026/12/04 17:00:00')
    expect(formatBeijing('2026-12-04T15:59:59.999999Z', 'zh-CN')).toBe('2026/12/04 23:59:59')
    expect(formatBeijing('2026-12-04T18:30:00Z', 'en')).toContain('12/05/2026')
  })

  it('shows an em dash for no instant and an unreadable one as it came', () => {
    expect(formatBeijing(null, 'zh-CN')).toBe('—')
    expect(formatBeijing(undefined, 'zh-CN')).toBe('—')
    expect(formatBeijing('not a time', 'zh-CN')).toBe('not a time')
  })

  it('takes the date in Beijing, which is a day ahead late in the UTC evening', () => {
    expect(beijingDate(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04')
    expect(beijingDate(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05')
  })
})

describe('countdown', () => {
  const now = new Date('2026-12-01T00:00:00Z')

  it('splits the time left into days, hours, minutes and seconds', () => {
    expect(countdown('2026-12-03T05:06:07Z', now)).toEqual({
      ended: false,
      days: 2,
      hours: 5,
      minutes: 6,
      seconds: 7,
      urgent: false,
    })
  })

  it('counts whole units down to a deadline at the end of a Beijing working day', () => {
    expect(countdown('2026-12-04T15:59:59.999Z', new Date('2026-12-01T02:00:00Z'))).toEqual({
      ended: false,
      days: 3,
      hours: 13,
      minutes: 59,
      seconds: 59,
      urgent: false,
    })
  })

  it('is urgent under a day, still running in the last fraction of a second, ended at the deadline and after it', () => {
    expect(countdown('2026-12-01T23:59:59Z', now)).toMatchObject({ ended: false, days: 0, hours: 23, urgent: true })
    expect(countdown('2026-12-01T00:00:00.500Z', now)).toEqual({ ended: false, days: 0, hours: 0, minutes: 0, seconds: 0, urgent: true })
    expect(countdown('2026-12-01T00:00:00Z', now)).toMatchObject({ ended: true })
    expect(countdown('2026-11-30T23:00:00Z', now)).toEqual({ ended: true, days: 0, hours: 0, minutes: 0, seconds: 0, urgent: false })
  })

  it('never ends without a deadline', () => {
    expect(countdown(null, now)).toMatchObject({ ended: false, days: Infinity })
  })
})
