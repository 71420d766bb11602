// Yuan typed by people become exact fen, and fen read back as yuan with two decimals.
import { describe, expect, it } from 'vitest'
import {
  basisPointsToPercent,
  fenToYuanInput,
  formatFen,
  isYuanOrBlank,
  MAX_FEN,
  parseYuan,
  percentToBasisPoints,
} from './money'

describe('parseYuan', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['0.1', 10],
    ['0.29', 29],
    ['1.005', null],
    ['19.99', 1999],
    ['1,234,567.89', 123_456_789],
    ['  500000 ', 50_000_000],
    ['12.', 1200],
    ['007.5', 750],
    ['３００', 30_000],
    ['2000000元', 200_000_000],
    ['10000000000000', MAX_FEN],
    ['12,345.6', 1_234_560],
    ['3.', 300],
    ['4500000', 450_000_000],
  ])('reads %j as %j fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen)
  })

  it.each(['', ' ', '-1', 'abc', '1e5', '.5', '1.2.3', '10000000000000.01', '99999999999999'])(
    'refuses %j',
    (text) => {
      expect(parseYuan(text)).toBeNull()
    },
  )

  it('has no floating-point drift on amounts that are not exact in binary', () => {
    expect(parseYuan('0.07')).toBe(7)
    expect(parseYuan('1.15')).toBe(115)
    expect(parseYuan('4.35')).toBe(435)
    expect(parseYuan('9007199254.99')).toBe(900_719_925_499)
  })
})

describe('fenToYuanInput', () => {
  it('writes the shortest exact yuan', () => {
    expect(fenToYuanInput(0)).toBe('0')
    expect(fenToYuanInput(100)).toBe('1')
    expect(fenToYuanInput(150)).toBe('1.5')
    expect(fenToYuanInput(123_456)).toBe('1234.56')
    expect(fenToYuanInput(7)).toBe('0.07')
    expect(fenToYuanInput(1999)).toBe('19.99')
    expect(fenToYuanInput(300_000_000)).toBe('3000000')
  })

  it('leaves the input empty for no amount', () => {
    expect(fenToYuanInput(null)).toBe('')
    expect(fenToYuanInput(undefined)).toBe('')
  })

  it('round-trips through parseYuan', () => {
    for (const fen of [0, 1, 7, 10, 99, 100, 115, 123_456_789, 300_000_000, MAX_FEN]) {
      expect(parseYuan(fenToYuanInput(fen))).toBe(fen)
    }
  })
})

describe('isYuanOrBlank', () => {
  it('accepts a blank input or an amount, nothing else', () => {
    expect(isYuanOrBlank('  ')).toBe(true)
    expect(isYuanOrBlank('1.5')).toBe(true)
    expect(isYuanOrBlank('1,000元')).toBe(true)
    expect(isYuanOrBlank('1.555')).toBe(false)
    expect(isYuanOrBlank('-3')).toBe(false)
  })
})

describe('formatFen', () => {
  it('shows yuan with separators and two decimals', () => {
    expect(formatFen(123_456_789, 'zh-CN')).toBe('1,234,567.89 元')
    expect(formatFen(50_000_000, 'en')).toBe('¥500,000.00')
    expect(formatFen(5, 'en')).toBe('¥0.05')
    expect(formatFen(MAX_FEN, 'zh-CN')).toBe('10,000,000,000,000.00 元')
    expect(formatFen(0, 'zh-CN')).toBe('0.00 元')
    expect(formatFen(-1050, 'zh-CN')).toBe('-10.50 元')
  })

  it('shows a dash for no amount', () => {
    expect(formatFen(null, 'zh-CN')).toBe('—')
    expect(formatFen(undefined, 'en')).toBe('—')
  })
})

describe('percentages', () => {
  it('become basis points exactly', () => {
    expect(percentToBasisPoints('10')).toBe(1000)
    expect(percentToBasisPoints('2.5%')).toBe(250)
    expect(percentToBasisPoints('0.01')).toBe(1)
    expect(percentToBasisPoints('100')).toBe(10_000)
  })

  it('refuse rates outside 0.01% to 100%', () => {
    expect(percentToBasisPoints('0')).toBeNull()
    expect(percentToBasisPoints('100.01')).toBeNull()
    expect(percentToBasisPoints('0.001')).toBeNull()
    expect(percentToBasisPoints('')).toBeNull()
  })

  it('read back as the digits typed', () => {
    expect(basisPointsToPercent(1000)).toBe('10')
    expect(basisPointsToPercent(250)).toBe('2.5')
  })
})
