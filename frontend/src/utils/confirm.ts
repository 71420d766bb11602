// A warning confirmation box that answers true or false instead of rejecting on cancel.
import { ElMessageBox } from 'element-plus'

/** Asks `question` with the action as title and confirm button; true when confirmed. */
export async function confirmed(question: string, action: string, cancel: string): Promise<boolean> {
  return ElMessageBox.confirm(question, action, {
    type: 'warning',
    confirmButtonText: action,
    cancelButtonText: cancel,
  }).then(
    () => true,
    () => false,
  )
}
