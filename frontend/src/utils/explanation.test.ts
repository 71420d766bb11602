// Conditions' comparisons and the enterprise's values in words, in both languages.
import { beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import type { Locale } from '@/api/types'
import {
  describeActual,
  describeOutcome,
  describeRequirement,
  isAlternative,
  isNegated,
  parseRequirement,
  type Vocabulary,
} from './explanation'

const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {})

function vocabulary(locale: Locale): Vocabulary {
  return {
    locale,
    fieldLabels: {
      employees: { label_zh: '从业人数', label_en: 'Employees' },
      region: { label_zh: '注册地', label_en: 'Region of registration' },
      rd_spending: { label_zh: '研发投入', label_en: 'R&D spending' },
      tax_credit_grade: { label_zh: '纳税信用等级', label_en: 'Tax credit grade' },
      qualifications: { label_zh: '资质荣誉', label_en: 'Qualifications' },
      years_since_founding: { label_zh: '成立年限', label_en: 'Years since founding' },
      tags: { label_zh: '标签', label_en: 'Tags' },
    },
    regions: [
      { code: '330000', name_zh: '浙江省', name_en: 'Zhejiang Province', level: 'province' },
      { code: '330100', name_zh: '杭州市', name_en: 'Hangzhou City', level: 'city' },
    ],
    sections: [],
    divisions: [],
    qualificationKinds: [{ code: 'tech_sme', name_zh: '科技型中小企业', name_en: 'Technology-based SME' }],
    tags: [
      { id: '1', code: 'high_tech', name_zh: '高新企业', name_en: 'High-tech', description: '', kind: 'manual', rule: null, rule_text: null },
    ],
  }
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('parseRequirement', () => {
  it('reads the field, operator and operands of the text form', () => {
    expect(parseRequirement('employees >= 20')).toEqual({ field: 'employees', op: '>=', operands: ['20'] })
    expect(parseRequirement('region within "3301"')).toEqual({ field: 'region', op: 'within', operands: ['3301'] })
    expect(parseRequirement('tax_credit_grade in ["C", "D"]')).toEqual({
      field: 'tax_credit_grade',
      op: 'in',
      operands: ['C', 'D'],
    })
    expect(parseRequirement('revenue between [100元, 2000.5元]')?.operands).toEqual(['100元', '2000.5元'])
    expect(parseRequirement('tags has "a \\"quoted\\", b"')?.operands).toEqual(['a "quoted", b'])
    expect(parseRequirement('all(employees >= 1)')).toBeNull()
  })
})

describe('describeRequirement', () => {
  it('names the field and formats amounts, regions and qualifications in Chinese', () => {
    const zh = vocabulary('zh-CN')
    expect(describeRequirement('employees >= 20', zh, t)).toBe('从业人数不低于 20')
    expect(describeRequirement('rd_spending >= 2000000元', zh, t)).toBe('研发投入不低于 2,000,000.00 元')
    expect(describeRequirement('region within "3301"', zh, t)).toBe('注册地属于 浙江省杭州市')
    expect(describeRequirement('tax_credit_grade in ["C", "D"]', zh, t)).toBe('纳税信用等级为 C、D 之一')
    expect(describeRequirement('qualifications has "tech_sme"', zh, t)).toBe('资质荣誉包含 科技型中小企业')
    expect(describeRequirement('years_since_founding between [1, 5]', zh, t)).toBe('成立年限在 1 年 至 5 年 之间')
  })

  it('follows the UI language', () => {
    i18n.global.locale.value = 'en'
    const en = vocabulary('en')
    expect(describeRequirement('region within "33"', en, t)).toBe('Region of registration within Zhejiang Province')
    expect(describeRequirement('rd_spending < 12.5元', en, t)).toBe('R&D spending below ¥12.50')
    expect(describeRequirement('tags has "high_tech"', en, t)).toBe('Tags include High-tech')
  })

  it('shows what it cannot read as it is', () => {
    expect(describeRequirement('odd', vocabulary('zh-CN'), t)).toBe('odd')
  })
})

describe('describeActual', () => {
  it('formats the enterprise’s value, or says it is missing', () => {
    const zh = vocabulary('zh-CN')
    expect(describeActual('rd_spending', '3000000元', zh, t)).toBe('3,000,000.00 元')
    expect(describeActual('employees', null, zh, t)).toBe('未填写')
    expect(describeActual('qualifications', '-', zh, t)).toBe('未填写')
    expect(describeActual('qualifications', 'tech_sme(→2026-03-31), green_factory', zh, t)).toBe(
      '科技型中小企业（有效期至 2026-03-31）、green_factory',
    )
  })
})

describe('describeOutcome', () => {
  it('turns a comparison under a not around: it helps when it is false', () => {
    expect(isNegated('all[3].not')).toBe(true)
    expect(isNegated('not.not')).toBe(false)
    const outcome = describeOutcome(
      { path: 'all[3].not', field: 'tax_credit_grade', requirement: 'tax_credit_grade in ["C", "D"]', met: false, actual: 'A', declared_only: false },
      vocabulary('zh-CN'),
      t,
    )
    expect(outcome).toMatchObject({ satisfied: true, negated: true, actual: 'A' })
    expect(outcome.requirement).toBe('不得：纳税信用等级为 C、D 之一')
  })

  it('marks alternatives of an any and says whether a tag is held', () => {
    expect(isAlternative('all[1].any[0]')).toBe(true)
    expect(isAlternative('any[0].all[1]')).toBe(false)
    expect(isAlternative('any[2].not')).toBe(true)
    const tag = describeOutcome(
      { path: 'all[1].any[0]', field: 'tags', requirement: 'tags has "high_tech"', met: false, actual: null, declared_only: false },
      vocabulary('zh-CN'),
      t,
    )
    expect(tag).toMatchObject({ satisfied: false, alternative: true, actual: '不具有' })
  })
})
