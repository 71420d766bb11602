// The platform's services: scheduled jobs, the notification bell and inbox, e-mail
// preferences, search, and the outbox of e-mails.
import { expect, test, type Page } from '@playwright/test'
import { DEMO_USERS, login, logout, newRegistration, register } from './helpers'

/** Marks all the signed-in user's notifications read through the API (a clean slate for counting). */
async function markAllReadViaApi(page: Page): Promise<void> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'qifu_csrf')?.value ?? ''
  const response = await page.request.post('/api/v1/notifications/read-all', {
    headers: { 'X-CSRF-Token': csrf },
    data: {},
  })
  expect(response.ok()).toBe(true)
}

/** Registers an intermediary, which notifies the centre; leaves the browser signed out. */
async function registerIntermediary(page: Page) {
  const data = newRegistration('intermediary')
  await register(page, data)
  await expect(page.getByTestId('register-submitted')).toBeVisible()
  return data
}

test('the administrator sees the scheduled jobs, runs one now and reads its history', async ({ page }) => {
  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-jobs').click()
  const table = page.getByTestId('jobs-table')
  await expect(table).toContainText('purge_sessions')
  await expect(table).toContainText('verify_audit_chain')

  const row = table.locator('tr', { hasText: 'verify_audit_chain' })
  await row.getByTestId('job-run').click()
  await page.locator('.el-message-box').getByRole('button', { name: '立即执行' }).click()
  await expect(page.locator('.el-message--success')).toContainText('verify_audit_chain 执行成功')
  await expect(row.getByTestId('job-last-outcome')).toHaveText('成功')

  await row.getByTestId('job-runs').click()
  const runs = page.getByTestId('job-runs-table')
  await expect(runs).toContainText('手动')
  await expect(runs).toContainText('entries verified')
})

test('the administrator pauses and resumes a job and changes its expression', async ({ page }) => {
  await login(page, DEMO_USERS.center_admin)
  await page.goto('/admin/jobs')
  const row = page.getByTestId('jobs-table').locator('tr', { hasText: 'purge_sessions' })
  await expect(row.getByTestId('job-status')).toHaveText('启用')
  await row.getByTestId('job-pause').click()
  await expect(row.getByTestId('job-status')).toHaveText('已暂停')
  await row.getByTestId('job-resume').click()
  await expect(row.getByTestId('job-status')).toHaveText('启用')

  await row.getByTestId('job-edit-cron').click()
  const dialog = page.getByTestId('job-cron-dialog')
  await expect(dialog).toContainText('六位，秒在前，北京时间，例如 0 30 3 * * *')
  await dialog.getByTestId('job-cron-input').fill('every night')
  await dialog.getByTestId('job-cron-confirm').click()
  await expect(dialog.locator('.el-form-item__error')).toHaveText('执行表达式无效：应为六位，秒在前，例如 0 30 3 * * *')
  await dialog.getByTestId('job-cron-input').fill('0 45 3 * * *')
  await dialog.getByTestId('job-cron-confirm').click()
  await expect(dialog).toBeHidden()
  await expect(row.getByTestId('job-cron')).toHaveText('0 45 3 * * *')
})

test('a new registration rings the administrator’s bell, the inbox lists it, reading all clears it', async ({
  page,
}) => {
  await login(page, DEMO_USERS.center_admin)
  await markAllReadViaApi(page)
  await logout(page)
  const data = await registerIntermediary(page)

  await login(page, DEMO_USERS.center_admin)
  await expect(page.getByTestId('notification-count')).toHaveText('1')
  await page.getByTestId('notification-bell').click()
  await expect(page.getByTestId('notification-item').first()).toContainText(data.organisationName)
  await page.getByTestId('notification-view-all').click()
  await expect(page).toHaveURL(/\/notifications$/)

  const row = page.getByTestId('notifications-table').locator('tr', { hasText: data.organisationName })
  await expect(row.getByTestId('notification-state')).toHaveText('未读')
  await page.getByTestId('notifications-filter-unread').click()
  await expect(page.getByTestId('notifications-table').locator('tbody tr')).toHaveCount(1)
  await page.getByTestId('notifications-filter-all').click()
  await page.getByTestId('notifications-mark-all').click()
  await expect(row.getByTestId('notification-state')).toHaveText('已读')
  await expect(page.getByTestId('notification-count')).toBeHidden()

  await page.getByTestId('notification-bell').click()
  await page.getByTestId('notification-item').filter({ hasText: data.organisationName }).click()
  await expect(page).toHaveURL(/\/admin\/approvals$/)
})

test('the administrator finds a newly registered organisation by name, highlighted', async ({ page }) => {
  const data = await registerIntermediary(page)
  await login(page, DEMO_USERS.center_admin)
  await page.goto('/search')
  await expect(page.getByTestId('search-hint')).toBeVisible()

  await page.getByTestId('global-search').fill(data.organisationName)
  await page.getByTestId('global-search').press('Enter')
  await expect(page).toHaveURL(/\/search\?q=/)
  const hit = page.getByTestId('search-hit').filter({ hasText: data.organisationName })
  // The index follows the database within a moment: search again until the new name is in it.
  await expect(async () => {
    await page.reload()
    await expect(hit).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await expect(hit.getByTestId('search-snippet').locator('mark').first()).toBeVisible()

  const stamp = data.organisationName.replace('端到端测试中介', '')
  await page.getByTestId('global-search').fill(stamp)
  await page.getByTestId('global-search').press('Enter')
  await expect(hit.getByTestId('search-snippet').locator('mark')).toHaveText(stamp)
  await page.getByTestId('search-kind-organisation').click()
  await expect(page).toHaveURL(/kind=organisation/)
  await expect(hit).toBeVisible()
})

test('an e-mail preference stays as switched after a reload', async ({ page }) => {
  const data = newRegistration('enterprise')
  await register(page, data)
  await expect(page.getByTestId('home-welcome')).toBeVisible()
  await page.goto('/account')
  await expect(page.getByTestId('notification-preferences')).toContainText('站内消息始终开启')
  const account = page.getByTestId('preference-account')
  await expect(account).toHaveClass(/is-checked/)
  await account.click()
  await expect(page.locator('.el-message--success')).toContainText('已保存')
  await expect(account).not.toHaveClass(/is-checked/)
  await page.reload()
  await expect(page.getByTestId('preference-account')).not.toHaveClass(/is-checked/)
  await expect(page.getByTestId('preference-approvals')).toHaveClass(/is-checked/)
})

test('the outbox opens on failed deliveries and lists the centre’s e-mails', async ({ page }) => {
  const data = await registerIntermediary(page)
  await login(page, DEMO_USERS.center_admin)
  const deadLoaded = page.waitForResponse((response) => {
    const url = new URL(response.url())
    return url.pathname === '/api/v1/outbox' && url.searchParams.get('status') === 'dead'
  })
  await page.getByTestId('menu-outbox').click()
  expect((await deadLoaded).ok()).toBe(true)
  await expect(page.getByTestId('outbox-filter-dead')).toHaveClass(/is-active/)
  await expect(page.getByTestId('outbox-table')).toBeVisible()

  await page.getByTestId('outbox-filter-all').click()
  await expect(page.getByTestId('outbox-table')).toContainText(`${DEMO_USERS.center_admin}: `)
  await expect(page.getByTestId('outbox-table')).toContainText(data.organisationName)
})
