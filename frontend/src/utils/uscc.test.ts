// The USCC check against real codes, generated codes and each kind of failure.
import { describe, expect, it } from 'vitest'
import { USCC_ALPHABET, randomUscc, usccCheckCharacter, usccError } from './uscc'

/** A deterministic pseudo-random sequence, so generated codes are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('usccError', () => {
  it('accepts codes published on real business licences', () => {
    // Huawei Technologies, Tencent (Shenzhen), Alibaba (China) Network Technology.
    for (const code of ['914403001922038216', '9144030071526726XG', '91330100799655058B']) {
      expect(usccError(code)).toBeNull()
    }
  })

  it('accepts every code generated with the check-character algorithm', () => {
    const random = seeded(2026)
    for (let i = 0; i < 500; i++) expect(usccError(randomUscc(random))).toBeNull()
  })

  it('computes the check character as 31 minus the weighted sum mod 31, with 31 becoming 0', () => {
    // Sum for all-zero body is 0, so the check value is 31, written as '0'.
    expect(usccCheckCharacter('00000000000000000')).toBe('0')
    // A single '1' in the first position weighs 1: check value 30, the alphabet's last character.
    expect(usccCheckCharacter('10000000000000000')).toBe('Y')
    // '1' in the second position weighs 3: check value 28.
    expect(usccCheckCharacter('01000000000000000')).toBe(USCC_ALPHABET[28])
  })

  it.each([
    ['', 'empty'],
    ['91440300192203821', '17 characters'],
    ['9144030019220382166', '19 characters'],
  ])('rejects %j (%s) as the wrong length', (code) => {
    expect(usccError(code)).toBe('uscc_length')
  })

  it.each(['I', 'O', 'S', 'V', 'Z', 'a', '-', ' '])('rejects the character %j', (bad) => {
    const code = `91440300192203821${bad}`
    expect(usccError(code)).toBe('uscc_character')
    expect(usccError(`${bad}${code.slice(1)}`)).toBe('uscc_character')
  })

  it('rejects a wrong check character', () => {
    expect(usccError('914403001922038217')).toBe('uscc_check_character')
    // The example once given in a brief: its check character should be W, not T.
    expect(usccError('91330106MA2B0D5A4T')).toBe('uscc_check_character')
    expect(usccError('91330106MA2B0D5A4W')).toBeNull()
  })

  it('detects any single changed character in a valid code', () => {
    const code = '9144030071526726XG'
    for (let position = 0; position < code.length; position++) {
      for (const replacement of USCC_ALPHABET) {
        if (replacement === code[position]) continue
        const changed = code.slice(0, position) + replacement + code.slice(position + 1)
        expect(usccError(changed), changed).toBe('uscc_check_character')
      }
    }
  })
})

describe('randomUscc', () => {
  it('makes 18-character enterprise codes registered in Hangzhou', () => {
    const code = randomUscc(seeded(7))
    expect(code).toHaveLength(18)
    expect(code.startsWith('91330100')).toBe(true)
  })
})
