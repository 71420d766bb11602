// Explanations of conditions in words: the server explains each comparison in the condition's
// text form (`employees >= 20`, `region within "3301"`, `revenue >= 3000000元`) with the
// enterprise's value in the same notation; this turns both into a sentence in the UI language
// (从业人数不低于 20 / 注册地属于 浙江省杭州市), naming regions, industries, qualifications and tags.
import {
  SIZE_CLASSES,
  type IndustryDivision,
  type IndustrySection,
  type Locale,
  type QualificationKind,
  type Region,
  type Tag,
  type TestOutcome,
} from '@/api/types'
import { industryName, nameIn, regionName } from './classifications'
import { formatFen, parseYuan } from './money'

/** A translation function (vue-i18n's `t`). */
export type Translate = (key: string, params?: Record<string, unknown>) => string

/** What the sentences name things with; every table may be empty (codes are shown as they are). */
export interface Vocabulary {
  locale: Locale
  /** The condition registry's labels by field name (`employees` → 从业人数). */
  fieldLabels: Record<string, { label_zh: string; label_en: string }>
  regions: readonly Region[]
  sections: readonly IndustrySection[]
  divisions: readonly IndustryDivision[]
  qualificationKinds: readonly QualificationKind[]
  tags: readonly Tag[]
}

export const OPS = ['=', '!=', '>', '>=', '<', '<=', 'between', 'in', 'within', 'has'] as const
export type Op = (typeof OPS)[number]

/** A comparison read back from its text form; operands unquoted. */
export interface Requirement {
  field: string
  op: Op
  operands: string[]
}

const TOKEN = /"((?:[^"\\]|\\.)*)"|([^\s,[\]]+)/g

/** Quoted strings unescaped, bare words as they are, list brackets and commas dropped. */
function operandTokens(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!))
}

/** `employees >= 20` → field, operator and operands; null when the text is not one comparison. */
export function parseRequirement(text: string): Requirement | null {
  const match = /^\s*([a-z_]+)\s+(>=|<=|!=|=|>|<|between|in|within|has)\s+(.+?)\s*$/.exec(text)
  if (!match) return null
  return { field: match[1]!, op: match[2] as Op, operands: operandTokens(match[3]!) }
}

const MONEY_FIELDS = ['registered_capital', 'revenue', 'total_assets', 'rd_spending']

/** One value of a field in words: 元 amounts, region and industry names, qualification and tag names. */
export function formatValue(field: string, value: string, vocabulary: Vocabulary, t: Translate): string {
  const { locale } = vocabulary
  if (MONEY_FIELDS.includes(field)) {
    const fen = parseYuan(value)
    return fen === null ? value : formatFen(fen, locale)
  }
  switch (field) {
    case 'years_since_founding':
      return t('explain.years', { years: value })
    case 'region':
      return regionName(value, vocabulary.regions, locale)
    case 'industry':
      return industryName(value, vocabulary.sections, vocabulary.divisions, locale)
    case 'size_class':
      return (SIZE_CLASSES as readonly string[]).includes(value) ? t(`sizeClasses.${value}`) : value
    case 'qualifications': {
      const kind = vocabulary.qualificationKinds.find((k) => k.code === value)
      return kind ? nameIn(kind, locale) : value
    }
    case 'tags': {
      const tag = vocabulary.tags.find((candidate) => candidate.code === value)
      return tag ? nameIn(tag, locale) : value
    }
    default:
      return value
  }
}

export function fieldLabel(field: string, vocabulary: Vocabulary): string {
  const labels = vocabulary.fieldLabels[field]
  if (!labels) return field
  return vocabulary.locale === 'en' ? labels.label_en : labels.label_zh
}

const OP_KEYS: Record<Op, string> = {
  '=': 'eq',
  '!=': 'ne',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  between: 'between',
  in: 'in',
  within: 'within',
  has: 'has',
}

/** A requirement as a sentence (注册地属于 浙江省杭州市); the text form itself when it cannot be read. */
export function describeRequirement(text: string, vocabulary: Vocabulary, t: Translate): string {
  const requirement = parseRequirement(text)
  if (!requirement) return text
  const { field, op, operands } = requirement
  const values = operands.map((value) => formatValue(field, value, vocabulary, t))
  return t(`explain.ops.${OP_KEYS[op]}`, {
    field: fieldLabel(field, vocabulary),
    value: values[0] ?? '',
    low: values[0] ?? '',
    high: values[1] ?? '',
    values: values.join(t('explain.listSeparator')),
  })
}

/**
 * The enterprise's value in words: qualifications listed with their expiry (`tech_sme(→2026-03-31)`),
 * "not filled in" when the profile lacks it.
 */
export function describeActual(
  field: string,
  actual: string | null | undefined,
  vocabulary: Vocabulary,
  t: Translate,
): string {
  if (actual == null || actual === '' || actual === '-') return t('explain.missing')
  if (field === 'qualifications') {
    return actual
      .split(', ')
      .map((held) => {
        const match = /^(.+)\(→(\d{4}-\d{2}-\d{2})\)$/.exec(held)
        if (!match) return formatValue(field, held, vocabulary, t)
        return t('explain.validUntil', { name: formatValue(field, match[1]!, vocabulary, t), date: match[2] })
      })
      .join(t('explain.listSeparator'))
  }
  return formatValue(field, actual, vocabulary, t)
}

/** Whether the comparison sits under an odd number of `not`s, so it must be false to count. */
export function isNegated(path: string): boolean {
  return path.split('.').filter((segment) => segment === 'not').length % 2 === 1
}

/** Whether the comparison is one alternative of an `any(...)`: one of them is enough. */
export function isAlternative(path: string): boolean {
  return path.split('.').filter((segment) => !segment.startsWith('not')).at(-1)?.startsWith('any[') ?? false
}

/** One comparison ready to show: whether it helps the condition, what is required, what the enterprise has. */
export interface DescribedOutcome {
  path: string
  /** The comparison holds the way the condition needs it (true under a `not` when it is false). */
  satisfied: boolean
  requirement: string
  actual: string
  negated: boolean
  alternative: boolean
}

export function describeOutcome(outcome: TestOutcome, vocabulary: Vocabulary, t: Translate): DescribedOutcome {
  const negated = isNegated(outcome.path)
  const requirement = describeRequirement(outcome.requirement, vocabulary, t)
  return {
    path: outcome.path,
    satisfied: outcome.met !== negated,
    requirement: negated ? t('explain.not', { requirement }) : requirement,
    // A tag is held or not: the server gives no value for it.
    actual:
      outcome.field === 'tags'
        ? t(outcome.met ? 'explain.hasTag' : 'explain.lacksTag')
        : describeActual(outcome.field, outcome.actual, vocabulary, t),
    negated,
    alternative: isAlternative(outcome.path),
  }
}
