// The signed-in user. The session itself lives in an HttpOnly cookie, so the store only
// holds what `/me` says; it probes the server once per page load.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as accounts from '@/api/accounts'
import { ApiError, CSRF_COOKIE, readCookie } from '@/api/client'
import type { Me } from '@/api/types'
import { adoptAccountLocale } from '@/i18n'

export const useSessionStore = defineStore('session', () => {
  const user = ref<Me | null>(null)
  let probe: Promise<void> | null = null

  function setUser(me: Me): void {
    user.value = me
    adoptAccountLocale(me.locale)
  }

  function clear(): void {
    user.value = null
  }

  /**
   * Loads the current user once; a 401 simply means signed out. The readable CSRF cookie is
   * set and cleared together with the session cookie, so without it there is nothing to ask.
   */
  function ensureLoaded(): Promise<void> {
    if (readCookie(CSRF_COOKIE) === null) return Promise.resolve()
    probe ??= accounts.fetchMe().then(setUser, (error: unknown) => {
      clear()
      // Unreachable server or a 5xx: try again on the next navigation.
      if (!(error instanceof ApiError && error.status === 401)) probe = null
    })
    return probe
  }

  async function login(email: string, password: string): Promise<void> {
    const response = await accounts.login(email, password)
    setUser(response.user)
  }

  /** Ends the session on the server if it can be reached; signs out locally in any case. */
  async function logout(): Promise<void> {
    await accounts.logout().catch(() => undefined)
    clear()
  }

  return { user, setUser, clear, ensureLoaded, login, logout }
})
