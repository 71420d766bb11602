// The current time as a ref that moves on every `intervalMs` while the component lives: for
// countdowns and for what a page allows until a deadline passes.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export function useNow(intervalMs = 1000) {
  const now = ref(new Date())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = new Date()), intervalMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
