// Menus per role, and the route guard agreeing with them.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ROLES, type Me, type OrganisationStatus, type Role } from '@/api/types'
import { guard } from '@/router/guard'
import { routes } from '@/router/routes'
import { useSessionStore } from '@/stores/session'
import { MENU_ENTRIES, menuFor, rolesWithEntry, standingAllows, type MenuKey } from './menu'

const EXPECTED: Record<Role, MenuKey[]> = {
  enterprise: ['home', 'profile', 'policies', 'applications', 'services', 'orders', 'procurements', 'ratings', 'account'],
  intermediary: [
    'home',
    'organisation',
    'open-procurements',
    'my-bids',
    'my-contracts',
    'provider-orders',
    'my-credit',
    'my-rectifications',
    'my-appeals',
    'account',
  ],
  commissioner: ['home', 'cases', 'my-enterprises', 'account'],
  department: ['home', 'dispatched-cases', 'application-review', 'provider-orders', 'ratings', 'account'],
  regulator: ['home', 'credit-review', 'credit-queues', 'ratings', 'marketplace-stats', 'audit', 'account'],
  center_admin: [
    'home',
    'approvals',
    'enterprises',
    'tags',
    'policy-admin',
    'application-review',
    'service-catalogue',
    'service-types',
    'provider-orders',
    'marketplace-stats',
    'ratings',
    'credit-review',
    'credit-queues',
    'credit-formula',
    'users',
    'organisations',
    'jobs',
    'outbox',
    'audit',
    'account',
  ],
}

const router = createRouter({ history: createMemoryHistory(), routes })

function userWithRole(role: Role, status: OrganisationStatus = 'active'): Me {
  return {
    id: '00000000-0000-0000-0000-000000000001',
    email: `${role}@example.test`,
    display_name: role,
    role,
    locale: 'zh-CN',
    status: 'active',
    created_at: '2026-01-01T00:00:00Z',
    organisation: {
      id: '00000000-0000-0000-0000-000000000002',
      name: 'Org',
      kind: 'center',
      uscc: '914403001922038216',
      status,
      created_at: '2026-01-01T00:00:00Z',
    },
  }
}

function signIn(user: Me | null) {
  const session = useSessionStore()
  session.user = user
  vi.spyOn(session, 'ensureLoaded').mockResolvedValue()
}

describe('menuFor', () => {
  it.each(ROLES)('gives %s its menu in order', (role) => {
    expect(menuFor(role).map((item) => item.key)).toEqual(EXPECTED[role])
  })

  it('gives the scheduled jobs and message delivery pages to the centre administrator only', () => {
    expect(MENU_ENTRIES.jobs).toMatchObject({ path: '/admin/jobs', label: 'menu.jobs' })
    expect(MENU_ENTRIES.outbox).toMatchObject({ path: '/admin/outbox', label: 'menu.outbox' })
    expect(rolesWithEntry('jobs')).toEqual(['center_admin'])
    expect(rolesWithEntry('outbox')).toEqual(['center_admin'])
  })

  it('uses every menu entry in some role and gives each a distinct path', () => {
    const used = new Set(ROLES.flatMap((role) => menuFor(role).map((item) => item.key)))
    expect([...used].sort()).toEqual(Object.keys(MENU_ENTRIES).sort())
    const paths = Object.values(MENU_ENTRIES).map((entry) => entry.path)
    expect(new Set(paths).size).toBe(paths.length)
  })
})

describe('menuFor an organisation not yet approved', () => {
  it('gives a pending intermediary only its home, its organisation and its account', () => {
    expect(menuFor('intermediary', 'pending').map((item) => item.key)).toEqual(['home', 'organisation', 'account'])
  })

  it('gives a rejected intermediary only its home', () => {
    expect(menuFor('intermediary', 'rejected').map((item) => item.key)).toEqual(['home'])
  })

  it.each(ROLES)('gives %s its full menu once its organisation is active', (role) => {
    expect(menuFor(role, 'active')).toEqual(menuFor(role))
  })

  it('lets a pending organisation read its notifications but not search; a rejected one neither', () => {
    expect(standingAllows('pending', 'notifications')).toBe(true)
    expect(standingAllows('pending', 'search')).toBe(false)
    expect(standingAllows('rejected', 'notifications')).toBe(false)
    expect(standingAllows('rejected', 'account')).toBe(false)
    expect(standingAllows('active', 'search')).toBe(true)
  })
})

describe('route guard for an organisation not yet approved', () => {
  beforeEach(() => setActivePinia(createPinia()))

  const allPages = () => [
    ...(Object.keys(MENU_ENTRIES) as MenuKey[]).map((key) => MENU_ENTRIES[key].path),
    '/notifications',
    '/search?q=x',
    '/intermediary/procurements/p1',
    '/marketplace/procurements/p1',
  ]

  it.each([
    ['pending', ['/', '/intermediary/organisation', '/account', '/notifications']],
    ['rejected', ['/']],
  ] as const)('lets a %s intermediary open only %j', async (status, allowed) => {
    signIn(userWithRole('intermediary', status))
    for (const path of allowed) expect(await guard(router.resolve(path)), path).toBe(true)
  })

  it.each(['pending', 'rejected'] as const)('sends a %s intermediary home from every other page', async (status) => {
    signIn(userWithRole('intermediary', status))
    const allowed = new Set(status === 'pending' ? ['/', '/intermediary/organisation', '/account', '/notifications'] : ['/'])
    const others = allPages().filter((path) => !allowed.has(path))
    expect(others).toContain('/market/procurements')
    for (const path of others) expect(await guard(router.resolve(path)), path).toEqual({ name: 'home' })
  })

  it('still lets signed-in users of any standing see the 403 and 404 pages', async () => {
    signIn(userWithRole('intermediary', 'rejected'))
    expect(await guard(router.resolve('/403'))).toBe(true)
    expect(await guard(router.resolve('/no/such/page'))).toBe(true)
  })
})

describe('route guard', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it.each(ROLES)('lets %s open every page of its menu', async (role) => {
    signIn(userWithRole(role))
    for (const item of menuFor(role)) {
      const to = router.resolve(item.path)
      expect(to.name, item.path).toBe(item.key)
      expect(await guard(to), item.path).toBe(true)
    }
  })

  it.each(ROLES)('sends %s to /403 for pages of other roles’ menus', async (role) => {
    signIn(userWithRole(role))
    const own = new Set(EXPECTED[role])
    const others = (Object.keys(MENU_ENTRIES) as MenuKey[]).filter((key) => !own.has(key))
    expect(others.length).toBeGreaterThan(0)
    for (const key of others) {
      expect(await guard(router.resolve(MENU_ENTRIES[key].path)), key).toEqual({ name: 'forbidden' })
    }
  })

  it.each(ROLES)('lets %s open the inbox and search from the top bar', async (role) => {
    signIn(userWithRole(role))
    for (const path of ['/notifications', '/search?q=x']) {
      const to = router.resolve(path)
      expect(to.name, path).not.toBe('not-found')
      expect(await guard(to), path).toBe(true)
    }
  })

  it('sends signed-out users to /login, remembering where they were going', async () => {
    signIn(null)
    expect(await guard(router.resolve('/admin/users'))).toEqual({
      name: 'login',
      query: { redirect: '/admin/users' },
    })
    expect(await guard(router.resolve('/register'))).toBe(true)
    expect(await guard(router.resolve('/no/such/page'))).toBe(true)
  })

  it('sends signed-in users away from the login and register pages', async () => {
    signIn(userWithRole('enterprise'))
    expect(await guard(router.resolve('/login'))).toEqual({ name: 'home' })
    expect(await guard(router.resolve('/register'))).toEqual({ name: 'home' })
  })

  it('opens the public notices, draw proofs and credit disclosure signed out', async () => {
    signIn(null)
    for (const path of ['/public/notices', '/public/draws/6f1c2b9e-3d4a-4c8e-9b2f-1a2b3c4d5e6f', '/public/credit']) {
      const to = router.resolve(path)
      expect(to.name, path).not.toBe('not-found')
      expect(await guard(to), path).toBe(true)
    }
  })

  it('lets only intermediaries open a procurement on their side, lit as the open procurements', async () => {
    const to = router.resolve('/intermediary/procurements/p1')
    expect(to.name).toBe('intermediary-procurement')
    expect(to.meta.menu).toBe('open-procurements')
    signIn(userWithRole('intermediary'))
    expect(await guard(to)).toBe(true)
    setActivePinia(createPinia())
    signIn(userWithRole('enterprise'))
    expect(await guard(to)).toEqual({ name: 'forbidden' })
  })

  it.each([
    ['intermediary', '/intermediary/procurements/p1'],
    ['enterprise', '/enterprise/procurements/p1'],
    ['regulator', '/'],
  ] as const)(
    'follows a marketplace notice link as %s to %s',
    async (role, path) => {
      signIn(userWithRole(role))
      await router.push('/marketplace/procurements/p1')
      expect(router.currentRoute.value.path).toBe(path)
    },
    // The first push loads (and transforms) the page's component: slow on a busy machine.
    20_000,
  )

  it('opens a rating notice’s link for the raters only, lit as their rating tasks', async () => {
    const to = router.resolve('/ratings/t1')
    expect(to.name).toBe('rating-task')
    expect(to.meta.menu).toBe('ratings')
    for (const role of ['enterprise', 'department', 'regulator', 'center_admin'] as const) {
      setActivePinia(createPinia())
      signIn(userWithRole(role))
      expect(await guard(to), role).toBe(true)
    }
    setActivePinia(createPinia())
    signIn(userWithRole('intermediary'))
    expect(await guard(to)).toEqual({ name: 'forbidden' })
  })

  it('follows a credit notice link to the intermediary’s own credit', () => {
    expect(router.resolve('/credit').name).toBe('my-credit')
  })

    it('resolves unknown paths to the 404 page', () => {
    expect(router.resolve('/no/such/page').name).toBe('not-found')
  })
})
