// Human messages for API failures: error codes become i18n texts, falling back to the
// server's English `message`; some codes are attached to the form field they concern.
import { ApiError } from '@/api/client'
import { i18n } from './index'

/** Codes that describe one input, shown under that field rather than above the form. */
const FIELD_OF_CODE: Record<string, string> = {
  uscc_length: 'uscc',
  uscc_character: 'uscc',
  uscc_check_character: 'uscc',
  uscc_taken: 'uscc',
  email_taken: 'email',
  weak_password: 'password',
  wrong_password: 'current_password',
  invalid_cron: 'cron',
  profile_region_invalid: 'region_code',
  profile_industry_invalid: 'industry_code',
  profile_tax_credit_grade_invalid: 'tax_credit_grade',
  profile_employees_invalid: 'employees',
  profile_founded_on_invalid: 'founded_on',
  profile_qualification_unknown: 'qualifications',
  profile_qualification_dates: 'qualifications',
  application_materials_missing: 'materials',
  rating_scores_invalid: 'scores',
  rating_comment_missing: 'comment',
}

/**
 * The one field a specific refusal names in `error.fields` (e.g. `profile_amount_invalid` on
 * `revenue_fen`): its translated code is shown under that field. Not for `validation_failed`,
 * whose fields carry their own messages.
 */
function singleField(error: ApiError): string | null {
  const names = Object.keys(error.fields)
  return error.code !== 'validation_failed' && names.length === 1 && translateCode(error.code) ? names[0]! : null
}

function translateCode(code: string, params: Record<string, unknown> = {}): string | null {
  const key = `errors.${code}`
  return i18n.global.te(key) ? i18n.global.t(key, params) : null
}

/** One line describing any error thrown by an API call, in the UI language. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60))
    return (
      translateCode(error.code, { minutes }) ??
      (error.code.startsWith('http_')
        ? i18n.global.t('errors.unknown', { status: error.status })
        : error.message)
    )
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return i18n.global.t('errors.network')
  return error instanceof Error ? error.message : String(error)
}

/**
 * Per-field messages of a failed submission: the server's `error.fields` (first message of each,
 * translated when it is itself an error code) plus the field a field-specific code belongs to.
 * `renames` maps a code's or server field's name to the form's own field name.
 */
export function fieldErrors(error: unknown, renames: Record<string, string> = {}): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  const result: Record<string, string> = {}
  for (const [field, messages] of Object.entries(error.fields)) {
    const first = messages[0]
    if (first) result[renames[field] ?? field] = translateCode(first) ?? first
  }
  const field = FIELD_OF_CODE[error.code] ?? singleField(error)
  if (field) result[renames[field] ?? field] = errorMessage(error)
  return result
}

/** Whether the error is fully explained by a message under one field. */
export function isFieldError(error: unknown): boolean {
  return error instanceof ApiError && (error.code in FIELD_OF_CODE || singleField(error) !== null)
}
