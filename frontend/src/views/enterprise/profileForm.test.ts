// @vitest-environment jsdom
// The enterprise's profile form against canned answers: a stored region code abolished since is
// shown with its successor, whom the picker starts at; a size class the standard cannot derive
// says which figures are missing, or why (an industry outside the standard).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App } from 'vue'
import ElementPlus from 'element-plus'
import * as enterprises from '@/api/enterprises'
import type { Classifications, ProfileResponse } from '@/api/types'
import { i18n } from '@/i18n'
import ProfileForm from './ProfileForm.vue'

vi.mock('@/api/enterprises', () => ({ getMyProfile: vi.fn(), saveMyProfile: vi.fn() }))
const api = vi.mocked(enterprises)
let app: App | null = null

const TABLES: Classifications = {
  regions: [
    { code: '330000', name_zh: '浙江省', name_en: 'Zhejiang Province', level: 'province' },
    { code: '330100', name_zh: '杭州市', name_en: 'Hangzhou City', level: 'city' },
    { code: '330105', name_zh: '拱墅区', name_en: 'Gongshu District', level: 'county' },
    { code: '330106', name_zh: '西湖区', name_en: 'Xihu District', level: 'county' },
  ],
  abolished_regions: [
    {
      code: '330103',
      name_zh: '下城区',
      full_name_zh: '浙江省杭州市下城区',
      name_en: 'Xiacheng District, Hangzhou',
      abolished_in: 2021,
      successors: ['330105'],
    },
  ],
  regions_source: '',
  regions_as_of: '',
  sections: [{ letter: 'C', name_zh: '制造业', name_en: 'Manufacturing', first_division: 13, last_division: 43 }],
  divisions: [{ code: 26, section: 'C', name_zh: '化学原料和化学制品制造业', name_en: 'Chemicals' }],
}

function profile(overrides: Partial<ProfileResponse>): ProfileResponse {
  return {
    enterprise_id: 'e1',
    name: '杭州下城老企业有限公司',
    uscc: null,
    legal_representative: null,
    registered_capital_fen: null,
    revenue_fen: null,
    total_assets_fen: null,
    founded_on: null,
    region_code: '330106',
    industry_code: 'C2614',
    employees: 5,
    rd_spending_fen: null,
    tax_credit_grade: null,
    qualifications: [],
    contacts: [],
    size_class: null,
    size_class_missing: [],
    size_class_note: null,
    region_name: '浙江省杭州市西湖区',
    version: 1,
    updated_at: null,
    ...overrides,
  } as ProfileResponse
}

async function mount(answer: ProfileResponse) {
  api.getMyProfile.mockResolvedValue(answer)
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({ render: () => h(ProfileForm, { tables: TABLES, fields: { fields: [], qualification_kinds: [] } }) })
  app.use(ElementPlus).use(i18n).mount(host)
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await nextTick()
  }
  return host
}

const text = (host: ParentNode, id: string) =>
  host.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
  vi.clearAllMocks()
})

describe('the profile form', () => {
  it('warns about an abolished region code and starts the picker at its successor', async () => {
    i18n.global.locale.value = 'zh-CN'
    const host = await mount(profile({ region_code: '330103', region_name: '浙江省杭州市下城区（已撤销，2021年）' }))
    const warning = text(host, 'profile-region-abolished')
    expect(warning).toContain('330103')
    expect(warning).toContain('2021')
    expect(warning).toContain('330105 浙江省杭州市拱墅区')
    expect(host.querySelector<HTMLInputElement>('[data-testid="profile-region"] input')?.value).toContain('拱墅区')
  }, 30_000)

  it('names the figures a size class still needs, or why it has none', async () => {
    i18n.global.locale.value = 'zh-CN'
    let host = await mount(profile({ size_class_missing: ['revenue'] }))
    expect(text(host, 'profile-size-class')).toBe('暂未判定')
    expect(text(host, 'profile-size-missing')).toContain('上年营业收入')
    expect(text(host, 'profile-region-abolished')).toBeNull()
    app?.unmount()
    document.body.innerHTML = ''
    host = await mount(profile({ industry_code: 'J6621', size_class_note: '金融业不适用《中小企业划型标准规定》' }))
    expect(text(host, 'profile-size-note')).toContain('金融业')
    app?.unmount()
    document.body.innerHTML = ''
    i18n.global.locale.value = 'en'
    host = await mount(profile({ size_class_missing: ['employees', 'revenue'] }))
    expect(text(host, 'profile-size-missing')).toContain("employees, last year's revenue")
    i18n.global.locale.value = 'zh-CN'
  }, 30_000)
})
