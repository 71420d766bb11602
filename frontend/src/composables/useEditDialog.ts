// A create-or-edit dialog's state, as the catalogue pages hold one per kind of entry: whether it
// is open and which entry it edits (null: a new one).
import { ref, type Ref } from 'vue'

export function useEditDialog<T>() {
  const open = ref(false)
  const editing = ref(null) as Ref<T | null>
  /** Opens the dialog on an entry, or on a new one. */
  function show(entry: T | null = null) {
    editing.value = entry
    open.value = true
  }
  return { open, editing, show }
}
