// Display formatting shared by tables and lists.
import type { Timestamp } from '@/api/types'

/**
 * `2026-03-01 14:05:09`-style date and time in the given locale, in the browser's zone or in
 * `timeZone`; an unreadable value is shown as it came.
 */
export function formatDateTime(value: Timestamp, locale: string, timeZone?: string): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date)
}

/** A run's duration in the largest fitting unit: `850 ms`, `2.4 s`, `3.5 min` (localised units). */
export function formatDuration(ms: number, locale: string): string {
  const [value, unit] =
    ms < 1000 ? [ms, 'millisecond'] : ms < 60_000 ? [ms / 1000, 'second'] : [ms / 60_000, 'minute']
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(
    value,
  )
}

/** A file size in the largest fitting binary unit: `61 bytes`, `12.5 kB`, `20 MB` (localised). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['kilobyte', 'megabyte', 'gigabyte'] as const
  if (bytes < 1024) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes)
  }
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value)
}
