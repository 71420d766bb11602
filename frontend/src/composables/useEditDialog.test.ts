// The create-or-edit dialog state the catalogue pages share.
import { describe, expect, it } from 'vitest'
import { useEditDialog } from './useEditDialog'

describe('useEditDialog', () => {
  it('opens on an entry to edit, or on a new one', () => {
    const dialog = useEditDialog<{ id: string }>()
    expect(dialog.open.value).toBe(false)
    dialog.show({ id: 'a' })
    expect([dialog.open.value, dialog.editing.value]).toEqual([true, { id: 'a' }])
    dialog.open.value = false
    dialog.show()
    expect([dialog.open.value, dialog.editing.value]).toEqual([true, null])
  })
})
