// The message catalogues: same keys in both languages, and a text for every code the UI shows.
import { describe, expect, it } from 'vitest'
import {
  AMOUNT_BASES,
  APPLICATION_STATUSES,
  CLAUSE_MODES,
  CLAUSE_STATUSES,
  CREDIT_EVENT_KINDS,
  FILE_PURPOSES,
  JOB_OUTCOMES,
  JOB_TRIGGERS,
  LOCALES,
  NOTIFICATION_CATEGORIES,
  ORGANISATION_KINDS,
  ORGANISATION_STATUSES,
  OUTBOX_STATUSES,
  POLICY_LEVELS,
  RATER_ROLES,
  RATING_STATUSES,
  ROLES,
  SEARCH_KINDS,
  SIZE_CLASSES,
  STAR_CAUSES,
} from '@/api/types'
import { EVENT_COLUMNS } from '@/api/creditEvents'
import { IMPORT_COLUMNS } from '@/api/enterpriseImport'
import { BID_INVALID_REASONS, BID_STATUSES, PROCUREMENT_STATUSES, SELECTION_METHODS } from '@/api/marketplaceTypes'
import { ORDER_STATUSES } from '@/api/serviceStoreTypes'
import { CONDITION_OPS } from '@/utils/conditionTree'
import { STATUS_TAGS } from '@/utils/marketStatus'
import { MENU_ENTRIES } from '@/navigation/menu'
import en from './locales/en'
import zhCN from './locales/zh-CN'

type Tree = { [key: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  )
}

function lookup(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** Every error code of the API contract. */
const API_ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'invalid_query',
  'invalid_path',
  'payload_too_large',
  'not_found',
  'route_not_found',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'csrf_failed',
  'invalid_credentials',
  'account_locked',
  'too_many_attempts',
  'user_disabled',
  'organisation_pending',
  'organisation_rejected',
  'upload_quota_exceeded',
  'uscc_length',
  'uscc_character',
  'uscc_check_character',
  'uscc_taken',
  'email_taken',
  'wrong_password',
  'weak_password',
  'invalid_state',
  'role_not_allowed_for_organisation',
  'not_allowed',
  'invalid_cron',
  'already_claimed',
  'database_unavailable',
  'unsupported_media_type',
  'invalid_body',
  'internal_error',
  'file_too_large',
  'file_type_not_allowed',
  'file_missing',
  'upload_interrupted',
  'invalid_signature',
  'link_expired',
  'profile_version_conflict',
  'profile_region_invalid',
  'profile_industry_invalid',
  'profile_tax_credit_grade_invalid',
  'profile_amount_invalid',
  'profile_employees_invalid',
  'profile_founded_on_invalid',
  'profile_qualification_unknown',
  'profile_qualification_dates',
  'code_taken',
  'sector_not_empty',
  'order_filter_invalid',
  'tag_not_manual',
  'dimension_in_use',
  'policy_issuer_not_department',
  'clause_wrong_state',
  'application_wrong_state',
  'condition_invalid',
  'condition_syntax',
  'condition_too_deep',
  'condition_unknown_field',
  'condition_unknown_operator',
  'condition_operator_mismatch',
  'condition_value_type',
  'condition_tags_not_allowed',
  'condition_unknown_tag',
  'condition_unknown_qualification',
  'service_unknown_tag',
  'service_provider_invalid',
  'service_inactive',
  'order_duplicate',
  'order_wrong_state',
  'order_already_rated',
  'import_cell_invalid',
  'import_name_missing',
  'import_duplicate_row',
  'import_not_enterprise',
  'import_unreadable',
  'import_missing_column',
  'import_too_many_rows',
  'import_has_errors',
  'import_cell_missing',
  'event_kind_unknown',
  'event_intermediary_unknown',
  'event_not_intermediary',
  'event_in_future',
  'event_ends_before_it_occurs',
  'event_reference_taken',
  'application_duplicate',
  'application_window_closed',
  'application_not_eligible',
  'application_materials_missing',
  'clause_mode_mismatch',
  'file_purpose_mismatch',
  'file_already_attached',
  'bidder_delisted',
  'bidder_unqualified',
  'bid_price_outside_fee_range',
  'bid_price_above_ceiling',
  'bidder_avoided',
  'bidder_not_eligible',
  'bid_after_deadline',
  'procurement_wrong_state',
  'project_code_invalid',
  'project_code_taken',
  'division_code_invalid',
  'division_outside_code',
  'budget_outside_fee_range',
  'deadline_too_soon',
  'procurement_terms_fixed',
  'qualification_type_unknown',
  'qualification_level_unknown',
  'fee_range_invalid',
  'subject_invalid',
  'weights_invalid',
  'avoidance_reason_missing',
  'bid_days_invalid',
  'bid_withdrawn',
  'bid_not_stale',
  'bids_sealed',
  'selection_method_mismatch',
  'marks_invalid',
  'justification_not_needed',
  'justification_missing',
  'objection_not_bidder',
  'objection_period_over',
  'objection_answered',
  'contract_wrong_state',
  'contract_terms_invalid',
  'delivery_file_missing',
  'reason_missing',
  'statistics_range_invalid',
  'clock_not_adjustable',
  'rating_scores_invalid',
  'rating_comment_missing',
  'rating_given',
  'rating_window_closed',
  'credit_formula_invalid',
  'service_type_department_invalid',
]

const catalogues: [string, Tree][] = [
  ['zh-CN', zhCN],
  ['en', en],
]

describe('message catalogues', () => {
  it('have exactly the same keys in Chinese and English', () => {
    const zhKeys = keys(zhCN).sort()
    const enKeys = keys(en).sort()
    expect(zhKeys.filter((key) => !enKeys.includes(key))).toEqual([])
    expect(enKeys.filter((key) => !zhKeys.includes(key))).toEqual([])
  })

  it.each(catalogues)('%s has no empty message', (_, messages) => {
    expect(keys(messages).filter((key) => !lookup(messages, key)?.trim())).toEqual([])
  })

  it.each(catalogues)('%s translates every API error code', (_, messages) => {
    expect(API_ERROR_CODES.filter((code) => !lookup(messages, `errors.${code}`))).toEqual([])
  })

  it.each(catalogues)('%s names every value the API sends, language and menu entry', (_, messages) => {
    const needed = [
      ...ROLES.map((role) => `roles.${role}`),
      ...ORGANISATION_KINDS.map((kind) => `organisationKinds.${kind}`),
      ...ORGANISATION_STATUSES.map((status) => `organisationStatuses.${status}`),
      ...NOTIFICATION_CATEGORIES.map((category) => `notificationCategories.${category}`),
      ...JOB_OUTCOMES.flatMap((outcome) => [`jobOutcomes.${outcome}`, `jobRunResults.${outcome}`]),
      ...JOB_TRIGGERS.map((trigger) => `jobTriggers.${trigger}`),
      ...OUTBOX_STATUSES.map((status) => `outboxStatuses.${status}`),
      ...SEARCH_KINDS.map((kind) => `searchKinds.${kind}`),
      ...FILE_PURPOSES.map((purpose) => `filePurposes.${purpose}`),
      ...SIZE_CLASSES.map((size) => `sizeClasses.${size}`),
      ...POLICY_LEVELS.map((level) => `policyLevels.${level}`),
      ...CLAUSE_MODES.map((mode) => `clauseModes.${mode}`),
      ...CLAUSE_STATUSES.map((status) => `clauseStatuses.${status}`),
      ...AMOUNT_BASES.map((basis) => `amountBases.${basis}`),
      ...APPLICATION_STATUSES.map((status) => `applicationStatuses.${status}`),
      ...CONDITION_OPS.map((op) => `conditionEditor.ops.${op}`),
      ...ORDER_STATUSES.map((status) => `serviceStore.orderStatuses.${status}`),
      ...PROCUREMENT_STATUSES.map((status) => `marketplace.status.procurement.${status}`),
      ...BID_STATUSES.map((status) => `marketplace.status.bid.${status}`),
      ...Object.entries(STATUS_TAGS).flatMap(([kind, tags]) => Object.keys(tags).map((status) => `marketplace.status.${kind}.${status}`)),
      ...SELECTION_METHODS.map((method) => `marketplace.method.${method}`),
      ...BID_INVALID_REASONS.map((reason) => `marketplace.bidReason.${reason}`),
      ...IMPORT_COLUMNS.map((column) => `enterpriseImport.columns.${column}`),
      ...RATER_ROLES.map((rater) => `credit.raterRoles.${rater}`),
      ...RATING_STATUSES.map((status) => `credit.ratingStatuses.${status}`),
      ...STAR_CAUSES.map((cause) => `credit.starCauses.${cause}`),
      ...CREDIT_EVENT_KINDS.map((kind) => `creditEvents.kinds.${kind}`),
      ...EVENT_COLUMNS.map((column) => `creditEvents.columns.${column}`),
      ...LOCALES.map((locale) => `locale.${locale}`),
      ...Object.values(MENU_ENTRIES).map((entry) => entry.label),
    ]
    expect(needed.filter((key) => !lookup(messages, key))).toEqual([])
  })

  /**
   * The supermarket's words that every page shares, each with its one home: a map elsewhere that
   * owns at least `least` of one of its sets of keys is a second wording of the same thing.
   */
  const SHARED_VOCABULARIES: { home: string; sets: string[][]; least?: number; notNames?: string[] }[] = [
    {
      home: 'marketplace.status.',
      sets: [
        ['draft', 'published', 'evaluating', 'notice'],
        ['active', 'stale', 'withdrawn'],
        ['proposed', 'signed'],
        ['open', 'upheld', 'dismissed'],
      ],
    },
    {
      home: 'marketplace.method',
      sets: [[...SELECTION_METHODS]],
      least: 2,
      // The wizard's explanation of each method to the owner, not its name.
      notNames: ['procurementOwner.methodHints'],
    },
    {
      home: 'marketplace.bidReason',
      // The reasons only a set-aside bid has; the eligibility codes are also refusals in `errors`.
      sets: [['terms_changed', 'abnormally_low_rejected', 'objection_upheld']],
      least: 2,
    },
  ]

  it.each(catalogues)('%s names the supermarket’s states, methods and set-aside reasons in one place only', (_, messages) => {
    const elsewhere: string[] = []
    const walk = (tree: Tree, path: string) => {
      for (const [key, value] of Object.entries(tree)) {
        if (typeof value === 'string') continue
        const here = `${path}${key}`
        const owned = Object.keys(value)
        for (const { home, sets, least, notNames = [] } of SHARED_VOCABULARIES) {
          if (here.startsWith(home) || notNames.includes(here)) continue
          const copies = sets.some((set) => set.filter((word) => owned.includes(word)).length >= (least ?? set.length))
          if (copies) elsewhere.push(`${here} (belongs in ${home})`)
        }
        walk(value, `${here}.`)
      }
    }
    walk(messages, '')
    expect(elsewhere).toEqual([])
  })

  it('keeps interpolation placeholders the same in both languages', () => {
    const placeholders = (text: string | undefined) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of keys(zhCN)) {
      expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(zhCN, key)))
    }
  })

  it('has every key the source names literally (t(\'…\'))', () => {
    const sources = import.meta.glob(['/src/**/*.vue', '/src/**/*.ts', '!/src/**/*.test.ts', '!/src/i18n/locales/**'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>
    const missing = Object.entries(sources).flatMap(([file, text]) =>
      [...text.matchAll(/\bte?\(\s*'([A-Za-z_]+(?:\.[A-Za-z_]+)+)'/g)]
        .map((match) => match[1]!)
        .filter((key) => !lookup(zhCN, key))
        .map((key) => `${file}: ${key}`),
    )
    expect(missing).toEqual([])
  })

  it('has the map of every key the source builds at run time (t(`….${…}`))', () => {
    const sources = import.meta.glob(['/src/**/*.vue', '/src/**/*.ts', '!/src/**/*.test.ts', '!/src/i18n/locales/**'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>
    const isMap = (path: string) => {
      let node: string | Tree | undefined = zhCN
      for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined
      return typeof node === 'object'
    }
    const missing = Object.entries(sources).flatMap(([file, text]) =>
      [...text.matchAll(/`([A-Za-z_]+(?:\.[A-Za-z_]+)*)\.\$\{/g)]
        .map((match) => match[1]!)
        .filter((prefix) => /^[a-z]/.test(prefix) && prefix.includes('.') && !isMap(prefix))
        .map((prefix) => `${file}: ${prefix}`),
    )
    expect(missing).toEqual([])
  })

  it('shows the lockout message with its waiting time in Chinese', () => {
    expect(zhCN.errors.account_locked).toBe('账户已锁定，请 {minutes} 分钟后再试')
  })
})
