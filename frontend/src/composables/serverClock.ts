// The server's clock as the browser knows it. Every response carries the application clock's
// instant in an `X-Qifu-Now` header; the API client hands it to `recordServerNow`, which keeps the
// latest offset from the browser's own clock. `serverNow()` is then the server's "now": deadlines,
// objection windows and lateness are judged by it, since a training server's clock may run days
// ahead of the user's (and a user's computer may simply be wrong).
import { readonly, shallowRef } from 'vue'

export const SERVER_NOW_HEADER = 'X-Qifu-Now'

/** RFC 3339 with a zone, as the server writes it (`2026-03-02T09:00:00.000Z`). */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

const offset = shallowRef(0)

/**
 * Milliseconds the server's clock is ahead of the browser's (negative: behind), from the latest
 * response that told; 0 until one has. Reactive, so a clock that jumps shows at once.
 */
export const serverOffset = readonly(offset)

/**
 * Records the instant a response's `X-Qifu-Now` header tells, received at `receivedAt` (the
 * browser's milliseconds). A missing or unreadable header changes nothing; answers whether it
 * was recorded.
 */
export function recordServerNow(header: string | null | undefined, receivedAt: number = Date.now()): boolean {
  if (!header || !RFC_3339.test(header.trim())) return false
  const told = Date.parse(header.trim())
  if (!Number.isFinite(told) || !Number.isFinite(receivedAt)) return false
  offset.value = told - receivedAt
  return true
}

/** The server's current instant, by the browser's clock and the latest known offset. */
export function serverNow(): Date {
  return new Date(Date.now() + offset.value)
}
