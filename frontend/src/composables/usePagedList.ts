// A server-paged table: current page, page size, filters, loading state; reloads when the
// page or its size changes, and from page 1 when `search()` applies new filters.
import { onMounted, reactive, ref, watch, type Ref, type UnwrapRef } from 'vue'
import { ElMessage } from 'element-plus'
import type { Page, PageQuery } from '@/api/types'
import { errorMessage } from '@/i18n/errors'

export const PAGE_SIZES = [20, 50, 100]

export function usePagedList<T, F extends object>(
  fetchPage: (query: F & PageQuery) => Promise<Page<T>>,
  initialFilters: F,
) {
  const filters = reactive({ ...initialFilters })
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const perPage = ref(PAGE_SIZES[0]!)
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      const result = await fetchPage({ ...(filters as F), page: page.value, per_page: perPage.value })
      items.value = result.items
      total.value = result.total
    } catch (error) {
      ElMessage.error(errorMessage(error))
    } finally {
      loading.value = false
    }
  }

  /** Applies the current filters from the first page. */
  function search(): void {
    if (page.value === 1) void load()
    else page.value = 1
  }

  /** Restores the initial filters and searches again. */
  function reset(): void {
    Object.assign(filters, initialFilters as UnwrapRef<F>)
    search()
  }

  watch([page, perPage], load)
  onMounted(load)

  return { filters, items, total, page, perPage, loading, load, search, reset }
}
