// The code-and-names entries (tag dimensions, service sectors) as their shared dialog sends them.
import { describe, expect, it } from 'vitest'
import { nextPosition, trimmedCodeNames } from './codeNames'

describe('code and names entries', () => {
  it('are sent without surrounding blanks', () => {
    expect(trimmedCodeNames({ code: ' law ', name_zh: ' 法治 ', name_en: 'Legal ', position: 3 })).toEqual({
      code: 'law',
      name_zh: '法治',
      name_en: 'Legal',
      position: 3,
    })
  })

  it('go at the end of the order by default', () => {
    expect(nextPosition([])).toBe(1)
    expect(nextPosition([{ position: 4 }, { position: 2 }])).toBe(5)
  })
})
