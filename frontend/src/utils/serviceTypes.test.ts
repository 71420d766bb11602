// The centre's catalogue dialogs: codes, fee ranges, and the bodies they send.
import { describe, expect, it } from 'vitest'
import type { ServiceType } from '@/api/marketplaceTypes'
import {
  feeRangeError,
  isCatalogueCode,
  nextPosition,
  packageForm,
  packageRequest,
  serviceTypeForm,
  serviceTypeRequest,
} from './serviceTypes'

const eia: ServiceType = {
  id: 't1',
  code: 'environmental_impact_assessment',
  name_zh: '环境影响评价',
  name_en: 'Environmental impact assessment',
  approval_zh: '建设项目环境影响评价审批',
  approval_en: 'EIA approval',
  qualification: null,
  fee_min_fen: 2_000_000,
  fee_max_fen: 50_000_000,
  time_limit_working_days: 30,
  guide_zh: '',
  guide_en: '',
  active: true,
  position: 7,
}

describe('service type dialog', () => {
  it.each([
    ['eia', true],
    ['eia_2026', true],
    ['a', true],
    ['Eia', false],
    ['2eia', false],
    ['eia-report', false],
    ['', false],
    ['a'.repeat(51), false],
  ])('%s is a catalogue code: %s', (code, ok) => {
    expect(isCatalogueCode(code)).toBe(ok)
  })

  it.each([
    [null, 100, 'feeMinRequired'],
    [0, 100, 'feeMinRequired'],
    [100, null, 'feeMaxRequired'],
    [200, 100, 'feeOrder'],
    [100, 100, null],
    [1, 50_000_000, null],
  ])('a fee range %s–%s gives %s', (min, max, error) => {
    expect(feeRangeError(min, max)).toBe(error)
  })

  it('starts a new type active at the next position and sends no qualification as null', () => {
    const form = serviceTypeForm(null, 40)
    expect(form).toMatchObject({ active: true, position: 40, qualification: '', fee_min_fen: null })
    form.code = ' survey '
    form.name_zh = ' 测绘 '
    form.fee_min_fen = 100
    form.fee_max_fen = 200
    expect(serviceTypeRequest(form)).toMatchObject({ code: 'survey', name_zh: '测绘', qualification: null, fee_min_fen: 100 })
  })

  it('edits a stored type as it is', () => {
    const { id: _id, ...rest } = eia
    expect(serviceTypeRequest(serviceTypeForm(eia))).toEqual(rest)
  })

  it('keeps a type’s responsible department and sends none when cleared', () => {
    const form = serviceTypeForm({ ...eia, department: { id: 'd1', name: '生态环境局' } })
    expect(form.department_id).toBe('d1')
    expect(serviceTypeRequest(form).department_id).toBe('d1')
    form.department_id = ''
    expect(serviceTypeRequest(form)).not.toHaveProperty('department_id')
    expect(serviceTypeForm(null).department_id).toBe('')
  })

  it('puts a new type after the last', () => {
    expect(nextPosition([eia, { ...eia, position: 3 }])).toBe(8)
    expect(nextPosition([])).toBe(1)
  })
})

describe('package dialog', () => {
  it('sends each member once', () => {
    const form = packageForm(null)
    Object.assign(form, { code: 'review', name_zh: '评审类', name_en: 'Review', service_type_ids: ['t1', 't2', 't1'] })
    expect(packageRequest(form)).toEqual({
      code: 'review',
      name_zh: '评审类',
      name_en: 'Review',
      description_zh: '',
      description_en: '',
      service_type_ids: ['t1', 't2'],
    })
  })

  it('edits a stored package with its members', () => {
    const form = packageForm({
      id: 'k1',
      code: 'review',
      name_zh: '评审类',
      name_en: 'Review',
      description_zh: '',
      description_en: '',
      service_types: [eia],
      fee_min_fen: 1,
      fee_max_fen: 2,
    })
    expect(form.service_type_ids).toEqual(['t1'])
  })
})
