// The profile form's model and its conversions: the API's fen become 元 text the user edits and
// back (exactly), region codes a cascade path, industry codes a section and a division; blank
// texts become null. Also the words for a history entry's changed fields.
import type {
  Contact,
  HeldQualification,
  Locale,
  ProfileFields,
  ProfileRequest,
  ProfileResponse,
  QualificationKind,
  Region,
  VerificationStatus,
} from '@/api/types'
import { industryCode, industryName, nameIn, regionName, regionPath, splitIndustry } from './classifications'
import type { Translate, Vocabulary } from './explanation'
import { fenToYuanInput, formatFen, parseYuan } from './money'

export const AMOUNT_FIELDS = ['registered_capital', 'revenue', 'total_assets', 'rd_spending'] as const
export type AmountField = (typeof AMOUNT_FIELDS)[number]

export interface QualificationRow {
  kind: string
  certificate_no: string
  obtained_on: string | null
  expires_on: string | null
}

export interface ContactRow {
  name: string
  title: string
  phone: string
  email: string
}

export interface ProfileForm extends Record<AmountField, string> {
  legal_representative: string
  founded_on: string | null
  region_path: string[]
  industry_section: string
  industry_division: string
  /** The stored industry code, kept while the division stays the same (it may be finer). */
  industry_code: string | null
  employees: number | null
  /** One of `TAX_CREDIT_GRADES`, or empty. */
  tax_credit_grade: string
  qualifications: QualificationRow[]
  contacts: ContactRow[]
}

export function toForm(profile: ProfileResponse | null, regions: readonly Region[]): ProfileForm {
  const { section, division } = splitIndustry(profile?.industry_code)
  return {
    legal_representative: profile?.legal_representative ?? '',
    founded_on: profile?.founded_on ?? null,
    region_path: regionPath(profile?.region_code, regions),
    industry_section: section,
    industry_division: division,
    industry_code: profile?.industry_code ?? null,
    employees: profile?.employees ?? null,
    tax_credit_grade: profile?.tax_credit_grade ?? '',
    registered_capital: fenToYuanInput(profile?.registered_capital_fen),
    revenue: fenToYuanInput(profile?.revenue_fen),
    total_assets: fenToYuanInput(profile?.total_assets_fen),
    rd_spending: fenToYuanInput(profile?.rd_spending_fen),
    qualifications: (profile?.qualifications ?? []).map((q) => ({
      kind: q.kind,
      certificate_no: q.certificate_no ?? '',
      obtained_on: q.obtained_on ?? null,
      expires_on: q.expires_on ?? null,
    })),
    contacts: (profile?.contacts ?? []).map((c) => ({
      name: c.name,
      title: c.title ?? '',
      phone: c.phone ?? '',
      email: c.email ?? '',
    })),
  }
}

const text = (value: string): string | null => value.trim() || null

/**
 * A qualification row's verification as the server will keep it: the saved one's when kind,
 * certificate number and dates are unchanged; `declared` for a new or edited one (an edit
 * declares it again until it is verified anew).
 */
export function verificationOf(row: QualificationRow, profile: ProfileResponse | null): VerificationStatus {
  if (!profile) return 'declared'
  const certificate = text(row.certificate_no ?? '')
  const index = (profile.qualifications ?? []).findIndex(
    (q) =>
      q.kind === row.kind &&
      q.certificate_no === certificate &&
      q.obtained_on === (row.obtained_on || null) &&
      q.expires_on === (row.expires_on || null),
  )
  return (index >= 0 ? profile.qualification_checks?.[index]?.status : undefined) ?? 'declared'
}

/** The request for the form (amounts already checked to be blank or valid 元). */
export function toRequest(form: ProfileForm, version: number): ProfileRequest {
  const fen = (field: AmountField) => (form[field].trim() ? parseYuan(form[field]) : null)
  return {
    version,
    legal_representative: text(form.legal_representative),
    founded_on: form.founded_on || null,
    region_code: form.region_path.at(-1) ?? null,
    industry_code: industryCode(form.industry_section, form.industry_division, form.industry_code),
    employees: form.employees ?? null,
    tax_credit_grade: form.tax_credit_grade || null,
    registered_capital_fen: fen('registered_capital'),
    revenue_fen: fen('revenue'),
    total_assets_fen: fen('total_assets'),
    rd_spending_fen: fen('rd_spending'),
    qualifications: form.qualifications.map(
      (q): HeldQualification => ({
        kind: q.kind,
        certificate_no: text(q.certificate_no),
        obtained_on: q.obtained_on || null,
        expires_on: q.expires_on || null,
      }),
    ),
    contacts: form.contacts.map(
      (c): Contact => ({ name: c.name.trim(), title: text(c.title), phone: text(c.phone), email: text(c.email) }),
    ),
  }
}

/** Where a qualification stands on `today`: expired, expiring within 90 days, or fine. */
export function expiryState(expiresOn: string | null, today: string): 'expired' | 'soon' | 'valid' {
  if (!expiresOn) return 'valid'
  if (expiresOn < today) return 'expired'
  const soon = new Date(`${today}T00:00:00Z`)
  soon.setUTCDate(soon.getUTCDate() + 90)
  return expiresOn <= soon.toISOString().slice(0, 10) ? 'soon' : 'valid'
}

/** The i18n key naming a profile field in the history (`revenue_fen` → 上年营业收入). */
export const FIELD_LABELS: Record<keyof ProfileFields, string> = {
  legal_representative: 'profile.legalRepresentative',
  registered_capital_fen: 'profile.registeredCapital',
  revenue_fen: 'profile.revenue',
  total_assets_fen: 'profile.totalAssets',
  founded_on: 'profile.foundedOn',
  region_code: 'profile.region',
  industry_code: 'profile.industry',
  employees: 'profile.employees',
  rd_spending_fen: 'profile.rdSpending',
  tax_credit_grade: 'profile.taxCreditGrade',
  qualifications: 'profile.qualifications',
  contacts: 'profile.contacts',
}

function kindName(code: string, kinds: readonly QualificationKind[], locale: Locale): string {
  const kind = kinds.find((k) => k.code === code)
  return kind ? nameIn(kind, locale) : code
}

/** A value a history entry recorded for a field, in words. */
export function describeFieldValue(field: string, value: unknown, vocabulary: Vocabulary, t: Translate): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return t('history.blank')
  }
  const separator = t('explain.listSeparator')
  if (field.endsWith('_fen') && typeof value === 'number') return formatFen(value, vocabulary.locale)
  if (field === 'region_code' && typeof value === 'string') return regionName(value, vocabulary.regions, vocabulary.locale)
  if (field === 'industry_code' && typeof value === 'string') {
    return industryName(value, vocabulary.sections, vocabulary.divisions, vocabulary.locale)
  }
  if (field === 'qualifications' && Array.isArray(value)) {
    return (value as HeldQualification[])
      .map((q) => {
        const name = kindName(q.kind, vocabulary.qualificationKinds, vocabulary.locale)
        return q.expires_on ? t('explain.validUntil', { name, date: q.expires_on }) : name
      })
      .join(separator)
  }
  if (field === 'contacts' && Array.isArray(value)) {
    return (value as Contact[]).map((c) => [c.name, c.title, c.phone].filter(Boolean).join(' ')).join(separator)
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
