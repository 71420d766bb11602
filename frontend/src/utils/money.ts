// Money: the API stores integer fen (分); people read and type yuan (元). Conversions work on
// the decimal digits as text and on integers, never on floating-point yuan, so nothing drifts.

/** The most a profile or clause amount may be: 10^15 fen (as the backend allows). */
export const MAX_FEN = 1_000_000_000_000_000

/**
 * Yuan typed by a person (`1,234.5`, `１２３`, ` 88 `) as integer fen, or null when it is not an
 * amount: at most two decimals, not negative, at most `MAX_FEN`. Thousands separators and
 * full-width digits are accepted; an empty text is null.
 */
export function parseYuan(text: string): number | null {
  const normalised = text
    .trim()
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '')
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(normalised)
  if (!match) return null
  const yuan = match[1]!.replace(/^0+(?=\d)/, '')
  const cents = (match[2] ?? '').padEnd(2, '0')
  // Compare as text first: a huge number of digits must not go through a lossy Number.
  if (yuan.length > 14) return null
  const fen = Number(yuan) * 100 + Number(cents)
  return fen <= MAX_FEN ? fen : null
}

/** Whether the text is empty or an amount `parseYuan` accepts. */
export function isYuanOrBlank(text: string): boolean {
  return text.trim() === '' || parseYuan(text) !== null
}

/**
 * Fen as yuan digits for an input: `123456` → `1234.56`, `100` → `1`, `150` → `1.5`; no amount
 * is an empty input.
 */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  if (cents === 0) return `${sign}${yuan}`
  const decimals = String(cents).padStart(2, '0').replace(/0$/, '')
  return `${sign}${yuan}.${decimals}`
}

/**
 * Fen for reading: yuan with thousands separators and two decimals in the UI language, with the
 * unit, e.g. `¥1,234.56` / `1,234.56 元`. Null and undefined read as an em dash.
 */
export function formatFen(fen: number | null | undefined, locale: string): string {
  if (fen === null || fen === undefined) return '—'
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(yuan)
  const amount = `${sign}${grouped}.${cents}`
  return locale.startsWith('zh') ? `${amount} 元` : `¥${amount}`
}

/** A rate typed as a percentage (`10`, `2.5`) in basis points (1/10000), or null unless 0.01–100%. */
export function percentToBasisPoints(text: string): number | null {
  // A percentage with two decimals is hundredths of a percent: the same digits as yuan to fen.
  const bp = parseYuan(text.replace(/[%％]$/, ''))
  return bp !== null && bp >= 1 && bp <= 10_000 ? bp : null
}

/** Basis points as the percentage digits for an input: `1000` → `10`, `250` → `2.5`. */
export const basisPointsToPercent = (bp: number): string => fenToYuanInput(bp)
