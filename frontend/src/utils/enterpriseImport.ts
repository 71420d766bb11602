// Pure rules of the import dialogs (enterprise profiles, credit events): what an import's report
// means, and each bad cell in words (its column's label and its code's text, with the server's
// detail where that helps).
import { IMPORT_COLUMNS, type ImportReport, type ImportRowError } from '@/api/enterpriseImport'

/** Where an import stands after a response: only checked, refused (mode `all`), or saved. */
export type ImportStage = 'checked' | 'refused' | 'saved'

export function importStage(report: Pick<ImportReport, 'applied' | 'mode'>): ImportStage {
  if (report.applied) return 'saved'
  return report.mode === 'check' ? 'checked' : 'refused'
}

/**
 * The errors by row, then by the column's place in the file's order (`columns`, the profile
 * columns unless given; row-wide errors first, unknown columns last).
 */
export function sortedErrors(errors: readonly ImportRowError[], columns: readonly string[] = IMPORT_COLUMNS): ImportRowError[] {
  const place = (column: string | null | undefined) =>
    column == null ? -1 : columns.indexOf(column) + 1 || columns.length + 1
  return [...errors].sort((a, b) => a.row - b.row || place(a.column) - place(b.column))
}

/**
 * How many rows were saved: each valid row is either updated or unchanged, and a created
 * enterprise is counted among those too (so `created` is a part of this number, not beside it).
 */
export function savedRows(report: ImportReport): number {
  return report.applied ? report.updated + report.unchanged : 0
}

/** How many rows have at least one error. */
export function badRowCount(errors: readonly ImportRowError[]): number {
  return new Set(errors.map((error) => error.row)).size
}

/** Codes whose text is generic, so the server's detail (which quotes the cell) is shown too. */
const DETAILED_CODES = new Set(['import_cell_invalid'])

/**
 * One error in words: `problem` is the code's translation (`translate` answers null for a code
 * it has no text for: then the server's message), `detail` the server's message when it adds
 * to the translation.
 */
export function rowErrorText(
  error: ImportRowError,
  translate: (code: string) => string | null,
): { problem: string; detail: string | null } {
  const text = translate(error.code)
  if (text === null) return { problem: error.message, detail: null }
  return { problem: text, detail: DETAILED_CODES.has(error.code) ? error.message : null }
}
