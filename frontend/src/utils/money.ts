// Money: the API keeps integer fen (分); people read and type 元. Conversions go through the
// decimal digits, never through floating point, so 0.1 + 0.2 never happens to an amount.

/** `1234567` fen → `12,345.67` (thousands separators, always two decimals). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const digits = String(Math.abs(Math.trunc(fen))).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${yuan}.${digits.slice(-2)}`
}

/** Fen as the text an amount input starts with: `1234500` → `12345`, `1234567` → `12345.67`. */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const formatted = formatFen(fen).replace(/,/g, '')
  return formatted.endsWith('.00') ? formatted.slice(0, -3) : formatted
}

const YUAN = /^(\d+)(?:\.(\d{0,2}))?$/

/**
 * 元 as typed (`12,345.6`, ` 8 `) → fen (`1234560`, `800`); null when it is not a non-negative
 * amount with at most two decimals, or too large to count exactly.
 */
export function yuanToFen(text: string): number | null {
  const match = YUAN.exec(text.trim().replace(/[,，\s]/g, ''))
  if (!match) return null
  const fen = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null
}

/** Whether the text is empty or an amount `yuanToFen` accepts. */
export function isYuanOrBlank(text: string): boolean {
  return text.trim() === '' || yuanToFen(text) !== null
}
