// The profile's classification pickers, built from `/reference/classifications`: regions as a
// province → city → county cascade (from the six-digit codes' prefixes and each division's
// level), and industries as GB/T 4754-2017 section → division.
import type { AbolishedRegion, IndustryDivision, IndustrySection, Locale, Region } from '@/api/types'

export interface CascadeOption {
  value: string
  label: string
  children?: CascadeOption[]
}

/** A region's, industry's, tag's … name in the UI language. */
export const nameIn = (item: { name_zh: string; name_en: string }, locale: Locale) =>
  locale === 'en' ? item.name_en : item.name_zh

/**
 * Provinces with their cities with their counties. A county whose city is not shipped hangs
 * under its province (e.g. 省直辖县级行政单位); leaves have no `children`.
 */
export function regionCascade(regions: readonly Region[], locale: Locale): CascadeOption[] {
  const provinces = new Map<string, CascadeOption>()
  const cities = new Map<string, CascadeOption>()
  const option = (region: Region): CascadeOption => ({ value: region.code, label: nameIn(region, locale) })
  const adopt = (parent: CascadeOption | undefined, child: CascadeOption) => {
    if (parent) (parent.children ??= []).push(child)
  }
  const sorted = [...regions].sort((a, b) => a.code.localeCompare(b.code))
  for (const region of sorted.filter((r) => r.level === 'province')) provinces.set(region.code.slice(0, 2), option(region))
  for (const region of sorted.filter((r) => r.level === 'city')) {
    const city = option(region)
    cities.set(region.code.slice(0, 4), city)
    adopt(provinces.get(region.code.slice(0, 2)), city)
  }
  for (const region of sorted.filter((r) => r.level === 'county')) {
    adopt(cities.get(region.code.slice(0, 4)) ?? provinces.get(region.code.slice(0, 2)), option(region))
  }
  return [...provinces.values()]
}

/** The cascade's path to a code (its province, city and itself, as far as they exist). */
export function regionPath(code: string | null | undefined, regions: readonly Region[]): string[] {
  if (!code) return []
  const codes = new Set(regions.map((r) => r.code))
  const path = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c) => codes.has(c))
  return [...new Set(path)]
}

/**
 * The name of a code or a code prefix (`"3301"` → 杭州市), with its province and city in front
 * (浙江省杭州市西湖区 / Xihu District, Hangzhou City, Zhejiang Province); the code itself when unknown.
 */
export function regionName(code: string, regions: readonly Region[], locale: Locale): string {
  const full = code.length < 6 ? code.padEnd(6, '0') : code
  const byCode = new Map(regions.map((r) => [r.code, r]))
  const parts = regionPath(full, regions).map((c) => byCode.get(c)!)
  if (parts.at(-1)?.code !== full) return code
  const names = parts.map((r) => nameIn(r, locale))
  return locale === 'en' ? names.reverse().join(', ') : names.join('')
}

/** What an abolished code a record still carries says: its former name, the year and its successors' names. */
export interface AbolishedNotice {
  code: string
  name: string
  year: number
  /** The successors' codes, the main one first, and their names in the UI language. */
  successorCodes: string[]
  successors: string[]
}

export function abolishedNotice(
  code: string | null | undefined,
  abolished: readonly AbolishedRegion[] | undefined,
  regions: readonly Region[],
  locale: Locale,
): AbolishedNotice | null {
  const gone = code ? abolished?.find((a) => a.code === code) : undefined
  if (!gone) return null
  return {
    code: gone.code,
    name: locale === 'en' ? gone.name_en : gone.full_name_zh,
    year: gone.abolished_in,
    successorCodes: [...gone.successors],
    successors: gone.successors.map((s) => `${s} ${regionName(s, regions, locale)}`),
  }
}

/** Section letter and two-digit division of an industry code (`I6513` → `I`, `65`). */
export function splitIndustry(code: string | null | undefined): { section: string; division: string } {
  const normal = (code ?? '').trim().toUpperCase()
  return { section: normal.slice(0, 1), division: normal.slice(1, 3) }
}

/** Two digits, as divisions are written in codes. */
export const divisionDigits = (division: IndustryDivision) => String(division.code).padStart(2, '0')

export function divisionsOf(section: string, divisions: readonly IndustryDivision[]): IndustryDivision[] {
  return divisions.filter((d) => d.section === section)
}

/**
 * The code a profile keeps for a chosen section and division: null without a division; the
 * previous, finer code (`I6513`) while it still lies in the chosen division.
 */
export function industryCode(section: string, division: string, previous?: string | null): string | null {
  if (!section || !division) return null
  const code = `${section}${division}`
  const before = (previous ?? '').trim().toUpperCase()
  return before.startsWith(code) ? before : code
}

/** `I65` 软件和信息技术服务业 style name of a code or prefix (a section letter alone names the section). */
export function industryName(
  code: string,
  sections: readonly IndustrySection[],
  divisions: readonly IndustryDivision[],
  locale: Locale,
): string {
  const { section, division } = splitIndustry(code)
  const named = division
    ? divisions.find((d) => d.section === section && divisionDigits(d) === division)
    : sections.find((s) => s.letter === section)
  return named ? `${code.toUpperCase()} ${nameIn(named, locale)}` : code
}
