// The server's size limit for one upload purpose (`/files/limits`), for a file picker that refuses
// larger files before sending them; a cautious default until it is known.
import { onMounted, ref, type Ref } from 'vue'
import { purposeLimits } from '@/api/files'
import type { FilePurpose } from '@/api/types'

/** What a picker allows until the server's limit is known. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

export function usePurposeLimit(purpose: FilePurpose): Ref<number> {
  const maxBytes = ref(DEFAULT_MAX_BYTES)
  onMounted(() => {
    purposeLimits().then(
      (limits) => (maxBytes.value = limits.find((limit) => limit.purpose === purpose)?.max_bytes ?? DEFAULT_MAX_BYTES),
      () => undefined,
    )
  })
  return maxBytes
}
