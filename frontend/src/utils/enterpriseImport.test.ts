// The import dialog's pure rules: the stage a report stands for, errors in file order and in words.
import { describe, expect, it } from 'vitest'
import type { ImportReport, ImportRowError } from '@/api/enterpriseImport'
import { badRowCount, importStage, rowErrorText, savedRows, sortedErrors } from './enterpriseImport'

const report = (mode: ImportReport['mode'], applied: boolean): ImportReport => ({
  mode,
  format: 'csv',
  total_rows: 3,
  valid_rows: 2,
  applied,
  created: 0,
  updated: 0,
  unchanged: 0,
  errors: [],
})

const error = (row: number, column: string | null, code = 'import_cell_invalid'): ImportRowError => ({
  row,
  column,
  code,
  message: '`abc` is not a whole number',
})

describe('importStage', () => {
  it('tells a check from a refused and a saved import', () => {
    expect(importStage(report('check', false))).toBe('checked')
    expect(importStage(report('all', false))).toBe('refused')
    expect(importStage(report('all', true))).toBe('saved')
    expect(importStage(report('valid_rows', true))).toBe('saved')
  })
})

describe('savedRows', () => {
  it('counts the updated and unchanged rows of a saved import, the created ones among them', () => {
    expect(savedRows({ ...report('valid_rows', true), created: 1, updated: 1, unchanged: 2 })).toBe(3)
    expect(savedRows({ ...report('all', false), updated: 0, unchanged: 0 })).toBe(0)
  })
})

describe('sortedErrors', () => {
  it('orders by row, then row-wide errors, then columns in the file order', () => {
    const sorted = sortedErrors([error(4, 'employees'), error(3, 'contacts'), error(3, 'uscc'), error(3, null), error(3, 'odd')])
    expect(sorted.map((e) => `${e.row}:${e.column}`)).toEqual(['3:null', '3:uscc', '3:contacts', '3:odd', '4:employees'])
  })

  it('counts the rows with errors', () => {
    expect(badRowCount([error(3, 'uscc'), error(3, 'name'), error(5, null)])).toBe(2)
    expect(badRowCount([])).toBe(0)
  })
})

describe('rowErrorText', () => {
  const texts: Record<string, string> = { import_cell_invalid: '单元格内容无效', uscc_check_character: '校验位错误' }
  const translate = (code: string) => texts[code] ?? null

  it('adds the server detail to a generic cell error only', () => {
    expect(rowErrorText(error(2, 'employees'), translate)).toEqual({
      problem: '单元格内容无效',
      detail: '`abc` is not a whole number',
    })
    expect(rowErrorText(error(2, 'uscc', 'uscc_check_character'), translate)).toEqual({ problem: '校验位错误', detail: null })
  })

  it('falls back to the server message for a code without a text', () => {
    expect(rowErrorText(error(2, 'uscc', 'something_new'), translate)).toEqual({
      problem: '`abc` is not a whole number',
      detail: null,
    })
  })
})

describe('sortedErrors with another file’s columns', () => {
  it('orders columns by the given list', () => {
    const sorted = sortedErrors([error(2, 'occurred_on'), error(2, 'kind'), error(2, 'uscc')], ['uscc', 'kind', 'source', 'occurred_on'])
    expect(sorted.map((e) => e.column)).toEqual(['uscc', 'kind', 'occurred_on'])
  })
})
