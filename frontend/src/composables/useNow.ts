// The server's current time as a ref that moves on every `intervalMs` while the component lives
// (and at once when the server's clock is seen to jump): for countdowns and for what a page allows
// until a deadline passes. See `serverClock.ts` for why it is the server's time.
import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'
import { serverNow, serverOffset } from './serverClock'

export function useNow(intervalMs = 1000): Ref<Date> {
  const now = ref(serverNow())
  const tick = () => (now.value = serverNow())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(tick, intervalMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  watch(serverOffset, tick)
  return now
}
