// Every error code the server can answer has a message in both languages. The list is the server's
// code table (src/error/codes.rs), written to error-codes.json by `make error-codes`; a Rust test
// fails when that file is stale.
import { describe, expect, it } from 'vitest'
import errorCodes from './error-codes.json'
import en from './locales/en'
import zhCN from './locales/zh-CN'

const codes = errorCodes.codes

const catalogues: [string, Record<string, string>][] = [
  ['zh-CN', zhCN.errors],
  ['en', en.errors],
]

describe('the server’s error codes', () => {
  it('are many and unique', () => {
    expect(codes.length).toBeGreaterThan(100)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it.each(catalogues)('each have a message in %s', (_, messages) => {
    expect(codes.filter((code) => !messages[code]?.trim())).toEqual([])
  })
})
