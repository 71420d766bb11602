// Bulk export and import of enterprise profiles for the centre (`/enterprises/export`,
// `/enterprises/import`, `src/enterprises/bulk.rs`). An import sends the file's bytes as the raw
// request body, so it uses `fetch` directly, following `client.ts`'s conventions (same-origin
// cookies, CSRF header, error contract, lost sessions).
import { recordServerNow, SERVER_NOW_HEADER } from '@/composables/serverClock'
import { apiUrl, CSRF_COOKIE, CSRF_HEADER, readCookie, toApiError } from './client'
import type { QueryOf, Schemas } from './types'

export type ExportFormat = NonNullable<QueryOf<'export_profiles'>['format']>
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const satisfies readonly ExportFormat[]

/** `check` only reports; `all` saves every row or nothing; `valid_rows` saves the valid ones. */
export type ImportMode = Schemas['ImportMode']
export const IMPORT_MODES = ['check', 'all', 'valid_rows'] as const satisfies readonly ImportMode[]

/** The columns of the file, in the order an export writes them (their keys). */
export const IMPORT_COLUMNS = [
  'uscc',
  'name',
  'legal_representative',
  'registered_capital_yuan',
  'revenue_yuan',
  'total_assets_yuan',
  'founded_on',
  'region_code',
  'industry_code',
  'employees',
  'rd_spending_yuan',
  'tax_credit_grade',
  'qualifications',
  'contacts',
] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** One bad cell (or a whole row when `column` is null); `column` is one of `IMPORT_COLUMNS`. */
export type ImportRowError = Schemas['RowError']
export type ImportReport = Schemas['ImportReport']

/** The download link of all profiles as an Excel workbook or a CSV file (an attachment). */
export const exportUrl = (format: ExportFormat) => apiUrl('/enterprises/export', { format })

/** What the picker offers; the server tells the formats apart by the bytes. */
export const IMPORT_EXTENSIONS = '.xlsx,.csv'

/** Whether a file's name says it is one of the importable formats. */
export function isImportFile(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name.trim())
}

/**
 * The report in an import's response: the body of a 200, and also of a 422
 * `import_has_errors` (mode `all` with any bad row: nothing saved, the report beside the error).
 * Null for any other failure, which is an error to throw.
 */
export function reportOf<R = ImportReport>(status: number, body: unknown): R | null {
  if (status >= 200 && status < 300) return body as R
  const refused = body as { error?: { code?: unknown }; report?: unknown } | null
  if (status === 422 && refused?.error?.code === 'import_has_errors' && refused.report) {
    return refused.report as R
  }
  return null
}

/**
 * Sends a file's bytes to an import endpoint (`path` under the API) in one mode and answers the
 * report (with `applied: false` when mode `all` was refused for bad rows). Fails with an
 * `ApiError` for an unreadable file, a missing required column, too many rows or a file over 10 MB.
 */
export async function sendImport<R>(path: string, file: Blob, mode: ImportMode): Promise<R> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/octet-stream',
  }
  const language = globalThis.document?.documentElement.lang
  if (language) headers['Accept-Language'] = language
  const csrf = readCookie(CSRF_COOKIE)
  if (csrf) headers[CSRF_HEADER] = csrf
  const response = await fetch(apiUrl(path, { mode }), {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    // The file itself: its bytes go out as they are, under the header's content type.
    body: file,
  })
  recordServerNow(response.headers.get(SERVER_NOW_HEADER))
  const body: unknown = await response.json().catch(() => null)
  const report = reportOf<R>(response.status, body)
  if (report) return report
  throw toApiError(response.status, response.statusText, body, response.headers.get('Retry-After'))
}

/** Imports enterprise profiles from a file in one mode (see `sendImport`). */
export const importProfiles = (file: Blob, mode: ImportMode) => sendImport<ImportReport>('/enterprises/import', file, mode)
