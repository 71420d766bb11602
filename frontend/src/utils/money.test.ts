// Fen and 元 both ways, exactly.
import { describe, expect, it } from 'vitest'
import { fenToYuanInput, formatFen, isYuanOrBlank, yuanToFen } from './money'

describe('formatFen', () => {
  it('shows yuan with thousands separators and two decimals', () => {
    expect(formatFen(0)).toBe('0.00')
    expect(formatFen(5)).toBe('0.05')
    expect(formatFen(123_456_789)).toBe('1,234,567.89')
    expect(formatFen(50_000_000)).toBe('500,000.00')
    expect(formatFen(-1050)).toBe('-10.50')
  })
})

describe('yuanToFen', () => {
  it('parses the decimal string without float drift', () => {
    expect(yuanToFen('0.29')).toBe(29)
    expect(yuanToFen('1.00')).toBe(100)
    expect(yuanToFen('4500000')).toBe(450_000_000)
    expect(yuanToFen('12,345.6')).toBe(1_234_560)
    expect(yuanToFen(' 8 ')).toBe(800)
    expect(yuanToFen('19.99')).toBe(1999)
    expect(yuanToFen('3.')).toBe(300)
  })

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '-1', '1.234', '1e5', '.5', '90071992547409.92']) {
      expect(yuanToFen(text), text).toBeNull()
    }
  })

  it('round-trips with the input text', () => {
    for (const fen of [0, 1, 10, 99, 100, 123_456_789, 300_000_000]) {
      expect(yuanToFen(fenToYuanInput(fen))).toBe(fen)
    }
    expect(fenToYuanInput(300_000_000)).toBe('3000000')
    expect(fenToYuanInput(1999)).toBe('19.99')
    expect(fenToYuanInput(null)).toBe('')
  })

  it('treats a blank input as no amount', () => {
    expect(isYuanOrBlank('  ')).toBe(true)
    expect(isYuanOrBlank('1.5')).toBe(true)
    expect(isYuanOrBlank('1.555')).toBe(false)
  })
})
