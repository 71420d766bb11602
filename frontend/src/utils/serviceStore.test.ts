// The service store's pure rules: tag names, fit, the actions an order offers, the SLA bar and
// the catalogue's item form.
import { describe, expect, it } from 'vitest'
import type { ServiceItem } from '@/api/serviceStoreTypes'
import type { TagDimension } from '@/api/types'
import {
  EMPTY_ORDER_FILTERS,
  orderQuery,
  fitPercent,
  isOpen,
  itemForm,
  itemRequest,
  orderActions,
  slaPercent,
  tagLabels,
  tagNameIndex,
  withActive,
} from './serviceStore'

const tag = (code: string, name_zh: string, name_en: string) => ({
  id: code,
  code,
  name_zh,
  name_en,
  description: '',
  kind: 'manual' as const,
  rule: null,
  rule_text: null,
})

const catalogue: TagDimension[] = [
  { id: 'd1', code: 'scale', name_zh: '规模', name_en: 'Scale', position: 1, tags: [tag('growth', '成长型', 'Growth')] },
  { id: 'd2', code: 'tech', name_zh: '科技', name_en: 'Tech', position: 2, tags: [tag('high_tech', '高新技术企业', 'High-tech')] },
]

const item: ServiceItem = {
  id: 'i1',
  sector: { id: 's1', code: 'finance', name_zh: '金融服务', name_en: 'Finance', position: 1 },
  title: '首贷续贷对接',
  description: '一对一',
  provider: { id: 'p1', name: '演示区发展和改革局', kind: 'department' },
  target_tags: ['growth'],
  sla_working_days: 5,
  materials: ['营业执照'],
  active: true,
  updated_at: '2026-03-01T00:00:00Z',
}

describe('tag names', () => {
  it('names tag codes in the UI language and keeps unknown codes as they are', () => {
    const zh = tagNameIndex(catalogue, (named) => named.name_zh)
    expect(tagLabels(['high_tech', 'growth', 'gone'], zh)).toEqual(['高新技术企业', '成长型', 'gone'])
    const en = tagNameIndex(catalogue, (named) => named.name_en)
    expect(tagLabels(['growth'], en)).toEqual(['Growth'])
  })
})

describe('fitPercent', () => {
  it('turns a share into a whole percentage within 0 to 100', () => {
    expect(fitPercent(1)).toBe(100)
    expect(fitPercent(0.5)).toBe(50)
    expect(fitPercent(2 / 3)).toBe(67)
    expect(fitPercent(0)).toBe(0)
    expect(fitPercent(1.2)).toBe(100)
    expect(fitPercent(Number.NaN)).toBe(0)
  })
})

describe('orderActions', () => {
  const order = (status: Parameters<typeof isOpen>[0], rating: number | null = null) => ({ status, rating })

  it('lets the enterprise cancel before acceptance and rate a completed order once', () => {
    expect(orderActions(order('ordered'), 'enterprise')).toEqual(['cancel'])
    expect(orderActions(order('accepted'), 'enterprise')).toEqual([])
    expect(orderActions(order('completed'), 'enterprise')).toEqual(['rate'])
    expect(orderActions(order('completed', 4), 'enterprise')).toEqual([])
    expect(orderActions(order('declined'), 'enterprise')).toEqual([])
    expect(orderActions(order('cancelled'), 'enterprise')).toEqual([])
  })

  it('lets the provider accept or decline a new order and complete an accepted one', () => {
    expect(orderActions(order('ordered'), 'provider')).toEqual(['accept', 'decline'])
    expect(orderActions(order('accepted'), 'provider')).toEqual(['complete'])
    for (const status of ['completed', 'declined', 'cancelled'] as const) {
      expect(orderActions(order(status), 'provider')).toEqual([])
    }
  })

  it('offers the centre nothing', () => {
    for (const status of ['ordered', 'accepted', 'completed'] as const) {
      expect(orderActions(order(status), 'readonly')).toEqual([])
    }
  })

  it('knows which orders are open', () => {
    expect(isOpen('ordered')).toBe(true)
    expect(isOpen('accepted')).toBe(true)
    expect(isOpen('completed')).toBe(false)
  })
})

describe('slaPercent', () => {
  it('is the share of the SLA used, capped at 100', () => {
    expect(slaPercent({ working_days_used: 0, sla_working_days: 5 })).toBe(0)
    expect(slaPercent({ working_days_used: 2, sla_working_days: 5 })).toBe(40)
    expect(slaPercent({ working_days_used: 9, sla_working_days: 5 })).toBe(100)
  })
})

describe('the item form', () => {
  it('starts blank, active, with a 5-day SLA', () => {
    expect(itemForm(null)).toEqual({
      sector_id: '',
      title: '',
      description: '',
      provider_id: '',
      target_tags: [],
      sla_working_days: 5,
      materials: [],
      active: true,
    })
  })

  it('copies a stored item without sharing its lists', () => {
    const form = itemForm(item)
    expect(form).toMatchObject({ sector_id: 's1', provider_id: 'p1', target_tags: ['growth'], materials: ['营业执照'] })
    form.materials.push('x')
    expect(item.materials).toEqual(['营业执照'])
  })

  it('trims texts and drops blank and repeated materials and tags', () => {
    const body = itemRequest({
      ...itemForm(item),
      title: '  合同审查 ',
      materials: [' 营业执照', '营业执照', '  ', '章程'],
      target_tags: ['growth', 'growth'],
    })
    expect(body).toMatchObject({ title: '合同审查', materials: ['营业执照', '章程'], target_tags: ['growth'] })
  })

  it('withdraws an item keeping everything else', () => {
    expect(withActive(item, false)).toEqual({ ...itemForm(item), active: false })
  })
})

describe('the order list filters', () => {
  it('send nothing when empty', () => {
    expect(orderQuery({ ...EMPTY_ORDER_FILTERS })).toEqual({
      status: undefined,
      sector_id: undefined,
      item_id: undefined,
      from: undefined,
      to: undefined,
      overdue: undefined,
      q: undefined,
    })
  })

  it('send the chosen days, overdue and the trimmed text', () => {
    const query = orderQuery({ ...EMPTY_ORDER_FILTERS, dates: ['2026-03-01', '2026-03-31'], overdue: true, q: ' 合同 ', status: 'accepted' })
    expect(query).toMatchObject({ from: '2026-03-01', to: '2026-03-31', overdue: true, q: '合同', status: 'accepted' })
    expect(orderQuery({ ...EMPTY_ORDER_FILTERS, q: '   ' }).q).toBeUndefined()
  })
})
