// @vitest-environment jsdom
// The signed-in frame asks the server only what it answers the user: an organisation under
// review gets its bell but no search; a rejected one neither, and no unread-count poll.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { unreadCount } from '@/api/notifications'
import type { Me, OrganisationStatus } from '@/api/types'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import AppLayout from './AppLayout.vue'

vi.mock('@/api/notifications', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/notifications')>()),
  unreadCount: vi.fn(),
}))

const count = vi.mocked(unreadCount)
let app: App | null = null

function intermediary(status: OrganisationStatus): Me {
  return {
    id: '00000000-0000-0000-0000-000000000001',
    email: 'intermediary@example.test',
    display_name: '中介联系人',
    role: 'intermediary',
    locale: 'zh-CN',
    status: 'active',
    created_at: '2026-01-01T00:00:00Z',
    organisation: {
      id: '00000000-0000-0000-0000-000000000002',
      name: '测试中介',
      kind: 'intermediary',
      uscc: '914403001922038216',
      status,
      status_reason: status === 'rejected' ? '资质证书已过期' : null,
      created_at: '2026-01-01T00:00:00Z',
    },
  }
}

/** Mounts the layout for a signed-in intermediary whose organisation has `status`. */
async function mountLayout(status: OrganisationStatus): Promise<HTMLElement> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = intermediary(status)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', name: 'home', component: { render: () => null } }],
  })
  await router.push('/')
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp(AppLayout).use(pinia).use(router).use(i18n).use(ElementPlus)
  app.mount(host)
  await nextTick()
  return host
}

beforeEach(() => {
  count.mockReset()
  count.mockResolvedValue({ count: 0 })
})

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
})

function menuKeys(host: HTMLElement): string[] {
  return [...host.querySelectorAll('[data-testid^="menu-"]')].map((item) => item.getAttribute('data-testid')!)
}

// The first mount transforms Element Plus and the layout: slow on a busy machine.
describe('AppLayout', { timeout: 30_000 }, () => {
  it('shows an approved intermediary its full menu, the search box and the bell', async () => {
    const host = await mountLayout('active')
    expect(menuKeys(host)).toContain('menu-open-procurements')
    expect(host.querySelector('[data-testid="global-search"]')).not.toBeNull()
    expect(host.querySelector('[data-testid="notification-bell"]')).not.toBeNull()
    expect(count).toHaveBeenCalled()
  })

  it('shows a pending intermediary its registration pages and the bell, without search', async () => {
    const host = await mountLayout('pending')
    expect(menuKeys(host)).toEqual(['menu-home', 'menu-organisation', 'menu-account'])
    expect(host.querySelector('[data-testid="global-search"]')).toBeNull()
    expect(host.querySelector('[data-testid="notification-bell"]')).not.toBeNull()
    expect(count).toHaveBeenCalled()
  })

  it('shows a rejected intermediary only its home, and polls nothing the server refuses it', async () => {
    const host = await mountLayout('rejected')
    expect(menuKeys(host)).toEqual(['menu-home'])
    expect(host.querySelector('[data-testid="global-search"]')).toBeNull()
    expect(host.querySelector('[data-testid="notification-bell"]')).toBeNull()
    expect(count).not.toHaveBeenCalled()
  })
})
