// The reference tables the enterprise pages name things with: regions and industries, the
// condition fields and qualification kinds (fetched once and shared with the centre's pages, see
// `useReferenceData`), and the tag catalogue (fetched each time). `vocabulary` follows the UI
// language.
import { computed, onMounted, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { tagCatalogue } from '@/api/enterprises'
import type { Classifications, ConditionFields, Locale, TagDimension } from '@/api/types'
import { loadClassifications, loadConditionFields } from '@/composables/useReferenceData'
import { errorMessage } from '@/i18n/errors'
import type { Vocabulary } from '@/utils/explanation'

export function useReference() {
  const { locale } = useI18n()
  const tables = ref<Classifications>({
    regions: [],
    regions_source: '',
    regions_as_of: '',
    abolished_regions: [],
    sections: [],
    divisions: [],
  })
  const fields = ref<ConditionFields>({ fields: [], qualification_kinds: [] })
  const dimensions = ref<TagDimension[]>([])
  const loaded = ref(false)

  async function load(): Promise<void> {
    const [loadedTables, loadedFields, catalogue] = await Promise.all([
      loadClassifications(),
      loadConditionFields(),
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
