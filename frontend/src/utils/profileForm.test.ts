// The profile form model to and from the API, and a history entry's values in words.
import { beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import type { ProfileResponse, Region } from '@/api/types'
import type { Vocabulary } from './explanation'
import { describeFieldValue, expiryState, toForm, toRequest, verificationOf } from './profileForm'

const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {})

const REGIONS: Region[] = [
  { code: '330000', name_zh: '浙江省', name_en: 'Zhejiang Province', level: 'province' },
  { code: '330100', name_zh: '杭州市', name_en: 'Hangzhou City', level: 'city' },
  { code: '330106', name_zh: '西湖区', name_en: 'Xihu District', level: 'county' },
]

const PROFILE: ProfileResponse = {
  enterprise_id: 'e',
  name: '杭州演示智能科技有限公司',
  uscc: '91330100MA2D000011',
  legal_representative: '张三',
  registered_capital_fen: 1_000_000_000,
  revenue_fen: 4_500_000_019,
  total_assets_fen: null,
  founded_on: '2019-05-20',
  region_code: '330106',
  industry_code: 'I6513',
  employees: 120,
  rd_spending_fen: 300_000_000,
  tax_credit_grade: 'A',
  qualifications: [{ kind: 'tech_sme', certificate_no: null, obtained_on: '2025-04-01', expires_on: '2026-03-31' }],
  contacts: [{ name: '李四', title: '财务总监', phone: null, email: null }],
  size_class: 'small',
  region_name: '浙江省杭州市西湖区',
  version: 3,
  updated_at: '2026-03-01T00:00:00Z',
  qualification_checks: [
    {
      id: 'q',
      kind: 'tech_sme',
      name_zh: '科技型中小企业',
      name_en: 'Technology-based SME',
      certificate_no: null,
      expires_on: '2026-03-31',
      status: 'verified',
      verifier: '演示区科学技术局',
      verified_at: '2026-03-02T00:00:00Z',
      note: null,
    },
  ],
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('toForm and toRequest', () => {
  it('round-trips a saved profile exactly, fen included', () => {
    const form = toForm(PROFILE, REGIONS)
    expect(form.region_path).toEqual(['330000', '330100', '330106'])
    expect(form.revenue).toBe('45000000.19')
    expect(form.total_assets).toBe('')
    expect([form.industry_section, form.industry_division]).toEqual(['I', '65'])
    const request = toRequest(form, PROFILE.version)
    const { enterprise_id, name, uscc, size_class, region_name, updated_at, qualification_checks, ...fields } = PROFILE
    expect(request).toEqual(fields)
  })

  it('starts blank before the first save and sends nulls for blanks', () => {
    const form = toForm(null, REGIONS)
    form.revenue = ' 12,000.5 '
    form.region_path = ['330000']
    form.industry_section = 'I'
    form.contacts.push({ name: ' 王五 ', title: '', phone: '', email: '' })
    expect(toRequest(form, 0)).toMatchObject({
      version: 0,
      legal_representative: null,
      revenue_fen: 1_200_050,
      region_code: '330000',
      industry_code: null,
      tax_credit_grade: null,
      contacts: [{ name: '王五', title: null, phone: null, email: null }],
    })
  })

  it('takes the chosen division’s code when the division changes', () => {
    const form = toForm(PROFILE, REGIONS)
    form.industry_division = '64'
    expect(toRequest(form, 3).industry_code).toBe('I64')
  })
})

describe('verificationOf', () => {
  it('keeps the saved status of an unchanged qualification and declares an edited or new one', () => {
    const form = toForm(PROFILE, REGIONS)
    const [row] = form.qualifications
    expect(verificationOf(row!, PROFILE)).toBe('verified')
    expect(verificationOf({ ...row!, expires_on: '2027-03-31' }, PROFILE)).toBe('declared')
    expect(verificationOf({ ...row!, certificate_no: 'GR2026' }, PROFILE)).toBe('declared')
    expect(verificationOf({ kind: 'high_tech_enterprise', certificate_no: '', obtained_on: null, expires_on: null }, PROFILE)).toBe('declared')
    expect(verificationOf(row!, null)).toBe('declared')
  })
})

describe('expiryState', () => {
  it('tells expired, expiring within 90 days and valid apart', () => {
    expect(expiryState('2026-03-31', '2026-04-01')).toBe('expired')
    expect(expiryState('2026-06-29', '2026-04-01')).toBe('soon')
    expect(expiryState('2026-12-31', '2026-04-01')).toBe('valid')
    expect(expiryState(null, '2026-04-01')).toBe('valid')
  })
})

describe('describeFieldValue', () => {
  const vocabulary: Vocabulary = {
    locale: 'zh-CN',
    fieldLabels: {},
    regions: REGIONS,
    sections: [],
    divisions: [{ code: 65, section: 'I', name_zh: '软件和信息技术服务业', name_en: 'Software' }],
    qualificationKinds: [{ code: 'tech_sme', name_zh: '科技型中小企业', name_en: 'Technology-based SME' }],
    tags: [],
  }

  it('writes amounts, regions, industries and lists in words', () => {
    expect(describeFieldValue('revenue_fen', 4_500_000_019, vocabulary, t)).toBe('45,000,000.19 元')
    expect(describeFieldValue('region_code', '330106', vocabulary, t)).toBe('浙江省杭州市西湖区')
    expect(describeFieldValue('industry_code', 'I6513', vocabulary, t)).toBe('I6513 软件和信息技术服务业')
    expect(describeFieldValue('qualifications', PROFILE.qualifications, vocabulary, t)).toBe(
      '科技型中小企业（有效期至 2026-03-31）',
    )
    expect(describeFieldValue('contacts', PROFILE.contacts, vocabulary, t)).toBe('李四 财务总监')
    expect(describeFieldValue('employees', 120, vocabulary, t)).toBe('120')
    expect(describeFieldValue('employees', null, vocabulary, t)).toBe('（空）')
  })
})
