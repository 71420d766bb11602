// The signed-in user's unread notification count, shared by the top bar's bell and the inbox:
// whoever marks something read goes through here, so the badge follows at once.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as notifications from '@/api/notifications'
import type { Uuid } from '@/api/types'

export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0)

  async function refresh(): Promise<void> {
    unread.value = (await notifications.unreadCount()).count
  }

  async function markRead(id: Uuid): Promise<void> {
    await notifications.markRead(id)
    await refresh()
  }

  /** Marks everything read; resolves with how many notifications changed. */
  async function markAllRead(): Promise<number> {
    const { updated } = await notifications.markAllRead()
    await refresh()
    return updated
  }

  return { unread, refresh, markRead, markAllRead }
})
