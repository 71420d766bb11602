// Region cascade and names from code prefixes; industry codes from section and division.
import { describe, expect, it } from 'vitest'
import type { IndustryDivision, IndustrySection, Region } from '@/api/types'
import {
  abolishedNotice,
  divisionsOf,
  industryCode,
  industryName,
  regionCascade,
  regionName,
  regionPath,
  splitIndustry,
} from './classifications'

const REGIONS: Region[] = [
  { code: '110000', name_zh: '北京市', name_en: 'Beijing Municipality', level: 'province' },
  { code: '330000', name_zh: '浙江省', name_en: 'Zhejiang Province', level: 'province' },
  { code: '330106', name_zh: '西湖区', name_en: 'Xihu District', level: 'county' },
  { code: '330100', name_zh: '杭州市', name_en: 'Hangzhou City', level: 'city' },
  { code: '330102', name_zh: '上城区', name_en: 'Shangcheng District', level: 'county' },
  { code: '330200', name_zh: '宁波市', name_en: 'Ningbo City', level: 'city' },
  { code: '429004', name_zh: '仙桃市', name_en: 'Xiantao City', level: 'county' },
  { code: '420000', name_zh: '湖北省', name_en: 'Hubei Province', level: 'province' },
]

const SECTIONS: IndustrySection[] = [
  { letter: 'A', name_zh: '农、林、牧、渔业', name_en: 'Agriculture', first_division: 1, last_division: 5 },
  { letter: 'I', name_zh: '信息传输、软件和信息技术服务业', name_en: 'Information technology', first_division: 63, last_division: 65 },
]
const DIVISIONS: IndustryDivision[] = [
  { code: 1, section: 'A', name_zh: '农业', name_en: 'Farming' },
  { code: 64, section: 'I', name_zh: '互联网和相关服务', name_en: 'Internet services' },
  { code: 65, section: 'I', name_zh: '软件和信息技术服务业', name_en: 'Software and IT services' },
]

describe('regionCascade', () => {
  it('nests counties in cities in provinces by code prefix, in code order', () => {
    const tree = regionCascade(REGIONS, 'zh-CN')
    expect(tree.map((p) => p.label)).toEqual(['北京市', '浙江省', '湖北省'])
    expect(tree[0]!.children).toBeUndefined()
    const zhejiang = tree[1]!
    expect(zhejiang.children!.map((c) => c.value)).toEqual(['330100', '330200'])
    expect(zhejiang.children![0]!.children!.map((c) => c.label)).toEqual(['上城区', '西湖区'])
    expect(zhejiang.children![1]!.children).toBeUndefined()
  })

  it('hangs a county without a shipped city under its province, in English too', () => {
    const hubei = regionCascade(REGIONS, 'en')[2]!
    expect(hubei.label).toBe('Hubei Province')
    expect(hubei.children).toEqual([{ value: '429004', label: 'Xiantao City' }])
  })
})

describe('regionPath and regionName', () => {
  it('finds the cascade path of a code', () => {
    expect(regionPath('330106', REGIONS)).toEqual(['330000', '330100', '330106'])
    expect(regionPath('330000', REGIONS)).toEqual(['330000'])
    expect(regionPath('429004', REGIONS)).toEqual(['420000', '429004'])
    expect(regionPath(null, REGIONS)).toEqual([])
  })

  it('names codes and prefixes with their province and city', () => {
    expect(regionName('330106', REGIONS, 'zh-CN')).toBe('浙江省杭州市西湖区')
    expect(regionName('3301', REGIONS, 'zh-CN')).toBe('浙江省杭州市')
    expect(regionName('33', REGIONS, 'en')).toBe('Zhejiang Province')
    expect(regionName('330106', REGIONS, 'en')).toBe('Xihu District, Hangzhou City, Zhejiang Province')
    expect(regionName('339999', REGIONS, 'zh-CN')).toBe('339999')
  })
})

describe('industry codes', () => {
  it('splits a code into section and division', () => {
    expect(splitIndustry('i6513')).toEqual({ section: 'I', division: '65' })
    expect(splitIndustry(null)).toEqual({ section: '', division: '' })
  })

  it('lists a section’s divisions', () => {
    expect(divisionsOf('I', DIVISIONS).map((d) => d.code)).toEqual([64, 65])
  })

  it('keeps a finer code while it stays in the chosen division', () => {
    expect(industryCode('I', '65', 'I6513')).toBe('I6513')
    expect(industryCode('I', '64', 'I6513')).toBe('I64')
    expect(industryCode('A', '01', null)).toBe('A01')
    expect(industryCode('I', '', 'I6513')).toBeNull()
  })

  it('names a code by its division, or a letter by its section', () => {
    expect(industryName('I6513', SECTIONS, DIVISIONS, 'zh-CN')).toBe('I6513 软件和信息技术服务业')
    expect(industryName('I', SECTIONS, DIVISIONS, 'en')).toBe('I Information technology')
    expect(industryName('Z99', SECTIONS, DIVISIONS, 'en')).toBe('Z99')
  })
})

describe('abolishedNotice', () => {
  const ABOLISHED = [
    {
      code: '330103',
      name_zh: '下城区',
      full_name_zh: '浙江省杭州市下城区',
      name_en: 'Xiacheng District, Hangzhou',
      abolished_in: 2021,
      successors: ['330106'],
    },
  ]

  it('names an abolished code, its year and its current successors', () => {
    expect(abolishedNotice('330103', ABOLISHED, REGIONS, 'zh-CN')).toEqual({
      code: '330103',
      name: '浙江省杭州市下城区',
      year: 2021,
      successorCodes: ['330106'],
      successors: ['330106 浙江省杭州市西湖区'],
    })
    expect(abolishedNotice('330103', ABOLISHED, REGIONS, 'en')?.name).toBe('Xiacheng District, Hangzhou')
  })

  it('is null for a current code, no code or no abolished table', () => {
    expect(abolishedNotice('330106', ABOLISHED, REGIONS, 'zh-CN')).toBeNull()
    expect(abolishedNotice(null, ABOLISHED, REGIONS, 'zh-CN')).toBeNull()
    expect(abolishedNotice('330103', undefined, REGIONS, 'zh-CN')).toBeNull()
  })
})
