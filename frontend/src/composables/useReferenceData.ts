// Reference data the enterprise, tag and policy pages choose from: the condition fields and
// qualification kinds, the administrative divisions and industries (fixed while the app runs, so
// fetched once and shared), and the tag catalogue (which the centre edits, so fetched per use).
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { classifications, conditionFields, tagCatalogue } from '@/api/enterprises'
import type { Classifications, ConditionFields, Locale, TagDimension } from '@/api/types'
import { industryName, nameIn } from '@/utils/classifications'

let fieldsRequest: Promise<ConditionFields> | null = null
let classificationsRequest: Promise<Classifications> | null = null

function once<T>(request: Promise<T>, reset: () => void): Promise<T> {
  // A failed request is forgotten, so the next page tries again.
  request.catch(reset)
  return request
}

export function loadConditionFields(): Promise<ConditionFields> {
  fieldsRequest ??= once(conditionFields(), () => (fieldsRequest = null))
  return fieldsRequest
}

export function loadClassifications(): Promise<Classifications> {
  classificationsRequest ??= once(classifications(), () => (classificationsRequest = null))
  return classificationsRequest
}

export interface Option {
  value: string
  label: string
}

/** Names in the UI language: `name_zh` in Chinese, `name_en` otherwise. */
export function useLocalName() {
  const { locale } = useI18n()
  return (item: { name_zh: string; name_en: string }) => nameIn(item, locale.value as Locale)
}

/** The reference data as select options in the UI language; `load()` fetches what is missing. */
export function useReferenceData() {
  const { locale } = useI18n()
  const localName = useLocalName()
  const fields = ref<ConditionFields | null>(null)
  const tables = ref<Classifications | null>(null)
  const dimensions = ref<TagDimension[]>([])

  async function load(what: { tags?: boolean } = {}): Promise<void> {
    const [loadedFields, loadedTables, loadedTags] = await Promise.all([
      loadConditionFields(),
      loadClassifications(),
      what.tags ? tagCatalogue() : Promise.resolve(null),
    ])
    fields.value = loadedFields
    tables.value = loadedTables
    if (loadedTags) dimensions.value = loadedTags
  }

  /** Divisions as `浙江省 · 杭州市 · 西湖区`-style options, by code. */
  const regionOptions = computed<Option[]>(() => {
    const regions = tables.value?.regions ?? []
    const byCode = new Map(regions.map((region) => [region.code, region]))
    return regions.map((region) => {
      const parents = [`${region.code.slice(0, 2)}0000`, `${region.code.slice(0, 4)}00`]
        .filter((code) => code !== region.code && byCode.has(code))
        .map((code) => localName(byCode.get(code)!))
      return { value: region.code, label: [...new Set(parents), localName(region)].join(' · ') }
    })
  })

  /** GB/T 4754 sections (`I`) and divisions (`I65`), each with its name. */
  const industryOptions = computed<Option[]>(() => {
    const sections = tables.value?.sections ?? []
    const divisions = tables.value?.divisions ?? []
    return sections.flatMap((section) => [
      { value: section.letter, label: `${section.letter} ${localName(section)}` },
      ...divisions
        .filter((division) => division.section === section.letter)
        .map((division) => {
          const code = `${division.section}${String(division.code).padStart(2, '0')}`
          return { value: code, label: `${code} ${localName(division)}` }
        }),
    ])
  })

  /** Only divisions: a profile records an industry code of at least a division. */
  const divisionOptions = computed<Option[]>(() => industryOptions.value.filter((option) => option.value.length > 1))

  const qualificationOptions = computed<Option[]>(() =>
    (fields.value?.qualification_kinds ?? []).map((kind) => ({ value: kind.code, label: localName(kind) })),
  )

  const tagOptions = computed<Option[]>(() =>
    dimensions.value.flatMap((dimension) =>
      dimension.tags.map((tag) => ({ value: tag.code, label: `${localName(dimension)} · ${localName(tag)}` })),
    ),
  )

  const regionLabel = (code: string | null | undefined) =>
    code ? (regionOptions.value.find((option) => option.value === code)?.label ?? code) : ''
  const industryLabel = (code: string | null | undefined) =>
    code ? industryName(code, tables.value?.sections ?? [], tables.value?.divisions ?? [], locale.value as Locale) : ''

  return {
    fields,
    tables,
    dimensions,
    load,
    regionOptions,
    industryOptions,
    divisionOptions,
    qualificationOptions,
    tagOptions,
    regionLabel,
    industryLabel,
  }
}
