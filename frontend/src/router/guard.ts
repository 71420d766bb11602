// The access guard: signed-out users go to /login (and come back afterwards), users of the
// wrong role go to /403, signed-in users skip the login and register pages, and users whose
// organisation is still under review (or was rejected) go home from pages they may not open.
import type { RouteLocationResolved } from 'vue-router'
import { standingAllows } from '@/navigation/menu'
import { useSessionStore } from '@/stores/session'

/** Where a navigation is sent instead, or `true` to let it through. */
export async function guard(to: Pick<RouteLocationResolved, 'name' | 'meta' | 'fullPath'>) {
  const session = useSessionStore()
  await session.ensureLoaded()
  const user = session.user
  if (to.meta.public) {
    return user && (to.name === 'login' || to.name === 'register') ? { name: 'home' } : true
  }
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (!standingAllows(user.organisation.status, String(to.name ?? ''))) return { name: 'home' }
  if (to.meta.roles && !to.meta.roles.includes(user.role)) return { name: 'forbidden' }
  return true
}
