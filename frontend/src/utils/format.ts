// Display formatting shared by tables.
import type { Timestamp } from '@/api/types'

/** `2026-03-01 14:05:09`-style local date and time in the given locale. */
export function formatDateTime(value: Timestamp, locale: string): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date)
}
