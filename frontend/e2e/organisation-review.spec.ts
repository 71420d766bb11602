// An intermediary under the centre's review (入驻审核) sees only its own registration: home, its
// organisation's details and its account; once rejected, only its home with the centre's reason.
// Neither sign-in shows an error, and no page breaks the server's Content-Security-Policy.
import { expect, test, type Page } from '@playwright/test'
import { signedIn } from './api'
import { DEMO_USERS, login, logout, newRegistration, register } from './helpers'

/** The test ids of the side menu's items, in order. */
async function menuItems(page: Page): Promise<string[]> {
  const items = page.getByTestId('side-menu').locator('[data-testid^="menu-"]')
  return items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid') ?? ''))
}

test('a pending intermediary completes its details; once rejected it sees only the reason', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  const errorToasts = page.locator('.el-message--error')

  const data = newRegistration('intermediary')
  await register(page, data)
  await expect(page.getByTestId('register-submitted')).toContainText('已提交入驻申请，等待中心审核')

  // Pending: its registration pages only, a link to complete the details, no refused request.
  await login(page, data.email, data.password)
  await expect(page.getByTestId('home-pending')).toContainText('入驻申请审核中')
  await expect(page.getByTestId('side-menu').getByTestId('menu-account')).toBeVisible()
  expect(await menuItems(page)).toEqual(['menu-home', 'menu-organisation', 'menu-account'])
  await expect(page.getByTestId('global-search')).toHaveCount(0)
  await expect(page.getByTestId('notification-bell')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('pending-home.png'), fullPage: true })
  await expect(errorToasts).toHaveCount(0)

  await page.goto('/market/procurements')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByTestId('home-pending')).toBeVisible()

  await page.getByTestId('home-pending-complete').click()
  await expect(page).toHaveURL(/\/intermediary\/organisation$/)
  await expect(page.getByTestId('org-name')).toHaveText(data.organisationName)
  await page.getByTestId('org-practitioners').locator('input').fill('12')
  await page.getByTestId('org-introduction').fill('专注环境影响评价与安全评价。')
  await page.getByTestId('org-save').click()
  await expect(page.locator('.el-message--success').filter({ hasText: '已保存' })).toBeVisible()

  await page.getByTestId('menu-account').click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(errorToasts).toHaveCount(0)
  await logout(page)

  // The centre rejects the registration, with its reason.
  const reason = '资质证书与营业执照上的机构名称不一致'
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const pending = await admin.get<{ items: { id: string; name: string }[] }>(
    '/organisations?kind=intermediary&status=pending&per_page=100',
  )
  const organisation = pending.items.find((item) => item.name === data.organisationName)
  expect(organisation, 'the new registration among the pending ones').toBeTruthy()
  await admin.post(`/organisations/${organisation!.id}/reject`, { reason })
  await admin.dispose()

  // Rejected: its home with the reason and what to do, and nothing else.
  await login(page, data.email, data.password)
  await expect(page.getByTestId('home-rejected')).toContainText('入驻申请未通过')
  await expect(page.getByTestId('home-rejected-reason')).toContainText(reason)
  await expect(page.getByTestId('home-rejected')).toContainText('请联系中介管理服务中心')
  expect(await menuItems(page)).toEqual(['menu-home'])
  await expect(page.getByTestId('global-search')).toHaveCount(0)
  await expect(page.getByTestId('notification-bell')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('rejected-home.png'), fullPage: true })
  await page.getByTestId('user-menu').click()
  await expect(page.getByTestId('user-menu-logout')).toBeVisible()
  await expect(page.getByTestId('user-menu-account')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(errorToasts).toHaveCount(0)

  for (const path of ['/intermediary/organisation', '/account', '/notifications', '/market/procurements']) {
    await page.goto(path)
    await expect(page, path).toHaveURL(/\/$/)
    await expect(page.getByTestId('home-rejected')).toBeVisible()
  }
  await expect(errorToasts).toHaveCount(0)
  await logout(page)

  expect(violations).toEqual([])
})
