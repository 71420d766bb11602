// Times in the supermarket (中介超市) and on the enterprise profile are China's, whatever the
// browser's zone: instants shown in Beijing time, today's Beijing date, and the countdown to a
// deadline. `now` is always passed in — the server's clock from `useNow` / `serverNow`
// (`composables/serverClock.ts`), never the browser's.
import type { Timestamp } from '@/api/types'
import { formatDateTime } from '@/utils/format'

/** Deadlines are set and shown in China's time (working days of the Chinese calendar). */
export const BEIJING = 'Asia/Shanghai'

/**
 * `2026/12/04 23:59:59`-style date and time in Beijing (seconds included: deadlines end at
 * 23:59:59.999 of a working day); none is an em dash, an unreadable value is shown as it came.
 */
export function formatBeijing(value: Timestamp | null | undefined, locale: string): string {
  return value ? formatDateTime(value, locale, BEIJING) : '—'
}

/** Today's date in Beijing as `YYYY-MM-DD` (the date qualifications expire by). */
export function beijingDate(now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: BEIJING, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  )
}

export interface Countdown {
  ended: boolean
  days: number
  hours: number
  minutes: number
  seconds: number
  /** Under a day left: shown in red. */
  urgent: boolean
}

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/**
 * The time left until `deadline` (none: never ends) at `now`, in whole days, hours, minutes and
 * seconds; ended at the deadline and after it (not before: the last second's fraction still counts).
 */
export function countdown(deadline: Timestamp | null | undefined, now: Date): Countdown {
  const left = deadline == null ? Infinity : new Date(deadline).getTime() - now.getTime()
  if (!(left > 0)) return { ended: true, days: 0, hours: 0, minutes: 0, seconds: 0, urgent: false }
  if (!Number.isFinite(left)) return { ended: false, days: Infinity, hours: 0, minutes: 0, seconds: 0, urgent: false }
  return {
    ended: false,
    days: Math.floor(left / DAY),
    hours: Math.floor((left % DAY) / HOUR),
    minutes: Math.floor((left % HOUR) / MINUTE),
    seconds: Math.floor((left % MINUTE) / SECOND),
    urgent: left < DAY,
  }
}
