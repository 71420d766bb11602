// The reference tables the enterprise pages name things with: regions and industries, the
// condition fields and qualification kinds (fetched once per page load, they change only with a
// release), and the tag catalogue (fetched each time). `vocabulary` follows the UI language.
import { computed, onMounted, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { classifications, conditionFields, tagCatalogue } from '@/api/enterprises'
import type { Classifications, ConditionFields, Locale, TagDimension } from '@/api/types'
import { errorMessage } from '@/i18n/errors'
import type { Vocabulary } from '@/utils/explanation'

let classificationsCache: Promise<Classifications> | null = null
let fieldsCache: Promise<ConditionFields> | null = null

function cached<T>(load: () => Promise<T>, get: () => Promise<T> | null, set: (p: Promise<T> | null) => void): Promise<T> {
  const existing = get()
  if (existing) return existing
  const loading = load().catch((error: unknown) => {
    set(null)
    throw error
  })
  set(loading)
  return loading
}

export function useReference() {
  const { locale } = useI18n()
  const tables = ref<Classifications>({ regions: [], sections: [], divisions: [] })
  const fields = ref<ConditionFields>({ fields: [], qualification_kinds: [] })
  const dimensions = ref<TagDimension[]>([])
  const loaded = ref(false)

  async function load(): Promise<void> {
    const [loadedTables, loadedFields, catalogue] = await Promise.all([
      cached(classifications, () => classificationsCache, (p) => (classificationsCache = p)),
      cached(conditionFields, () => fieldsCache, (p) => (fieldsCache = p)),
      tagCatalogue(),
    ])
    tables.value = loadedTables
    fields.value = loadedFields
    dimensions.value = catalogue
    loaded.value = true
  }

  onMounted(() => {
    load().catch((error: unknown) => ElMessage.error(errorMessage(error)))
  })

  const vocabulary = computed<Vocabulary>(() => ({
    locale: locale.value as Locale,
    fieldLabels: Object.fromEntries(fields.value.fields.map((field) => [field.name, field])),
    regions: tables.value.regions,
    sections: tables.value.sections,
    divisions: tables.value.divisions,
    qualificationKinds: fields.value.qualification_kinds,
    tags: dimensions.value.flatMap((dimension) => dimension.tags),
  }))

  return { tables, fields, dimensions, loaded, vocabulary, reload: load }
}
