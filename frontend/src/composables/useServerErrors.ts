// Form state for a failed submission: a message above the form and messages under fields.
// Returned as one reactive object, so templates read `server.message` and `server.fields.x`.
import { reactive, ref } from 'vue'
import { errorMessage, fieldErrors, isFieldError } from '@/i18n/errors'

export function useServerErrors(renames: Record<string, string> = {}) {
  const fields = ref<Record<string, string>>({})
  const message = ref('')

  function clear(): void {
    fields.value = {}
    message.value = ''
  }

  function show(error: unknown): void {
    fields.value = fieldErrors(error, renames)
    message.value = isFieldError(error) ? '' : errorMessage(error)
  }

  return reactive({ fields, message, clear, show })
}
