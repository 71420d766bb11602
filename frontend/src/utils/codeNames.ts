// Catalogue entries named by a code, Chinese and English names and a place in the order (tag
// dimensions, service sectors): the shape their dialogs edit and how it is sent.

export interface CodeNames {
  code: string
  name_zh: string
  name_en: string
  position: number
}

/** The entry as sent: code and names without surrounding blanks. */
export function trimmedCodeNames(entry: CodeNames): CodeNames {
  return {
    code: entry.code.trim(),
    name_zh: entry.name_zh.trim(),
    name_en: entry.name_en.trim(),
    position: entry.position,
  }
}

/** The next place at the end of an ordered list (1 for an empty one). */
export function nextPosition(entries: readonly { position: number }[]): number {
  return Math.max(0, ...entries.map((e) => e.position)) + 1
}
