// Each demo role signs in, lands on its home and sees exactly its own menu.
import { expect, test } from '@playwright/test'
import { DEMO_USERS, login, type DemoRole } from './helpers'

const MENUS: Record<DemoRole, string[]> = {
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

const ALL_ITEMS = [...new Set(Object.values(MENUS).flat())]

for (const [role, items] of Object.entries(MENUS) as [DemoRole, string[]][]) {
  test(`${role} sees its own menu and no one else's`, async ({ page }) => {
    await login(page, DEMO_USERS[role])
    await expect(page).toHaveURL(/\/$/)
    await expect(page.getByTestId('home-welcome')).toBeVisible()
    for (const item of items) await expect(page.getByTestId(`menu-${item}`)).toBeVisible()
    for (const item of ALL_ITEMS.filter((other) => !items.includes(other))) {
      await expect(page.getByTestId(`menu-${item}`)).toHaveCount(0)
    }
  })
}

test('a role is turned away from another role’s page', async ({ page }) => {
  await login(page, DEMO_USERS.enterprise)
  await page.goto('/admin/users')
  await expect(page).toHaveURL(/\/403$/)
  await expect(page.getByTestId('forbidden')).toBeVisible()
})

test('the centre administrator opens the user, organisation and audit pages', async ({ page }) => {
  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-users').click()
  await page.getByTestId('users-filter-role').click()
  await page.getByRole('option', { name: '中心管理员' }).click()
  await expect(page.getByTestId('users-table')).toContainText(DEMO_USERS.center_admin)
  await expect(page.getByTestId('users-table')).not.toContainText(DEMO_USERS.enterprise)
  await page.getByTestId('menu-organisations').click()
  await expect(page.getByTestId('organisations-table').locator('tbody tr').first()).toBeVisible()
  await page.getByTestId('menu-audit').click()
  await expect(page.getByTestId('audit-table')).toContainText('user.login')
})

test('unbuilt menu entries show the coming-soon page', async ({ page }) => {
  await login(page, DEMO_USERS.commissioner)
  await page.getByTestId('menu-cases').click()
  await expect(page.getByTestId('coming-soon')).toBeVisible()
})
