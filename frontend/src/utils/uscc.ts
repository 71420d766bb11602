// Unified social credit code (统一社会信用代码, GB 32100-2015) validation.
// The same algorithm as the backend's `Uscc::parse`: 18 characters from a 31-character
// alphabet, the 18th being a weighted mod-31 check character over the first 17.
// Failures carry the API's error codes so client and server messages share i18n keys.

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export const USCC_LENGTH = 18

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

export type UsccError = 'uscc_length' | 'uscc_character' | 'uscc_check_character'

/** Returns why `code` is not a valid USCC, or `null` when it is valid. */
export function usccError(code: string): UsccError | null {
  if (code.length !== USCC_LENGTH) return 'uscc_length'
  if ([...code].some((c) => !USCC_ALPHABET.includes(c))) return 'uscc_character'
  return usccCheckCharacter(code.slice(0, USCC_LENGTH - 1)) === code[USCC_LENGTH - 1]
    ? null
    : 'uscc_check_character'
}

/** The check character for the first 17 characters of a code (which must be in the alphabet). */
export function usccCheckCharacter(body: string): string {
  if (body.length !== USCC_LENGTH - 1) throw new RangeError('a USCC body has 17 characters')
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const value = USCC_ALPHABET.indexOf(body.charAt(i))
    if (value < 0) throw new RangeError(`not a USCC character: ${body.charAt(i)}`)
    sum += value * WEIGHTS[i]!
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31)
}

/** A random valid code for an enterprise registered in Hangzhou (prefix `91330100`); for tests and demos. */
export function randomUscc(random: () => number = Math.random): string {
  let body = '91330100'
  while (body.length < USCC_LENGTH - 1) {
    body += USCC_ALPHABET.charAt(Math.floor(random() * USCC_ALPHABET.length))
  }
  return body + usccCheckCharacter(body)
}
