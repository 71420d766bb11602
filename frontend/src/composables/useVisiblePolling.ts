// Runs a task now and then every `intervalMs` while the browser tab is visible: polling stops
// when the tab is hidden and resumes, with an immediate run, when it is shown again.
import { onBeforeUnmount, onMounted } from 'vue'

/** Starts polling; returns the function that stops it for good. */
export function startVisiblePolling(task: () => void, intervalMs: number, doc: Document = document): () => void {
  let timer: ReturnType<typeof setInterval> | undefined

  function resume(): void {
    if (timer !== undefined) return
    task()
    timer = setInterval(task, intervalMs)
  }

  function pause(): void {
    clearInterval(timer)
    timer = undefined
  }

  function onVisibilityChange(): void {
    if (doc.visibilityState === 'visible') resume()
    else pause()
  }

  doc.addEventListener('visibilitychange', onVisibilityChange)
  onVisibilityChange()
  return () => {
    pause()
    doc.removeEventListener('visibilitychange', onVisibilityChange)
  }
}

/** `startVisiblePolling` for the lifetime of the calling component. */
export function useVisiblePolling(task: () => void, intervalMs: number): void {
  let stop: (() => void) | undefined
  onMounted(() => {
    stop = startVisiblePolling(task, intervalMs)
  })
  onBeforeUnmount(() => stop?.())
}
