// The cascade and names built from the table the server ships (all of China to county level, as
// the Ministry of Civil Affairs lists it: no 市辖区 rows), so the profile page's picker stays usable.
import { describe, expect, it } from 'vitest'
import type { Region } from '@/api/types'
import shipped from '../../../src/enterprises/data/regions.json'
import { regionCascade, regionName, regionPath, type CascadeOption } from './classifications'

const REGIONS = (shipped as { regions: Region[] }).regions

function leaves(options: CascadeOption[]): number {
  return options.reduce((n, o) => n + (o.children ? leaves(o.children) : 1), 0)
}

describe('the shipped division table', () => {
  it('cascades every province, with each county reachable under its city or its province', () => {
    const started = performance.now()
    const tree = regionCascade(REGIONS, 'zh-CN')
    const elapsed = performance.now() - started
    expect(tree).toHaveLength(34)
    const counties = REGIONS.filter((r) => r.level === 'county').length
    const childless = REGIONS.filter((r) => r.level === 'city' && !REGIONS.some((c) => c.level === 'county' && c.code.startsWith(r.code.slice(0, 4)))).length
    // Leaves: every county, plus cities without counties (东莞市, 中山市, 儋州市, 嘉峪关市) and 台湾省, 香港, 澳门.
    expect(leaves(tree)).toBe(counties + childless + 3)
    expect(elapsed).toBeLessThan(1000)
  })

  it('finds the path and full name of districts under a municipality and of county-level cities under a province', () => {
    expect(regionPath('110101', REGIONS)).toEqual(['110000', '110101'])
    expect(regionName('110101', REGIONS, 'zh-CN')).toBe('北京市东城区')
    expect(regionPath('429004', REGIONS)).toEqual(['420000', '429004'])
    expect(regionName('330111', REGIONS, 'zh-CN')).toBe('浙江省杭州市富阳区')
    expect(regionPath('330103', REGIONS)).toEqual(['330000', '330100'])
  })
})
