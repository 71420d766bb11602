// A department reviews an application to one of its policies in the browser: the materials and
// payout clock are shown, it approves an amount typed in yuan and records the payout. The centre
// sees the same application read only. The policy, clause and application come through the API.
import { expect, test } from '@playwright/test'
import { demoDepartmentId, registerEnterprise, setProfile, signedIn, stamp } from './api'
import { DEMO_USERS, login, logout } from './helpers'

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n')

test('a department approves an application with an amount in yuan and records the payout', async ({
  page,
  playwright,
  baseURL,
}) => {
  const run = stamp()
  const employees = 6_000_000 + Math.floor(Math.random() * 1_000_000) * 10
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const firm = await registerEnterprise(playwright, baseURL!, `端到端申报企业${run}`)
  await setProfile(admin, firm.id, employees)
  const policy = await admin.post<{ id: string }>('/policies', {
    title: `端到端申报政策${run}`,
    issuer_id: await demoDepartmentId(admin),
    level: 'district',
    document_number: `演发改〔2026〕${run}号`,
    effective_from: '2026-01-01',
    summary: '',
  })
  const clause = await admin.post<{ id: string }>(`/policies/${policy.id}/clauses`, {
    title: `研发补助${run}`,
    condition: { all: [{ field: 'employees', op: 'gte', value: employees }] },
    benefit: '按研发投入给予补助',
    amount_fixed_fen: 1_234_567,
    materials: ['营业执照'],
    mode: 'apply',
  })
  await admin.post(`/clauses/${clause.id}/publish`)
  await admin.dispose()

  const enterprise = await signedIn(playwright, baseURL!, firm.email, firm.password)
  const file = await enterprise.upload<{ id: string }>('application_material', '营业执照.pdf', 'application/pdf', PDF)
  await enterprise.post(`/clauses/${clause.id}/applications`, { materials: [{ name: '营业执照', file_id: file.id }] })
  await enterprise.dispose()

  await login(page, DEMO_USERS.department)
  await page.getByTestId('menu-application-review').click()
  await page.getByTestId('review-filter-status').click()
  await page.getByRole('option', { name: '审核中' }).click()
  const row = page.getByTestId('review-table').locator('tr').filter({ hasText: firm.name })
  await expect(row.getByTestId('review-status')).toHaveText('审核中')
  await expect(row.getByTestId('payout-clock')).toContainText('个工作日')
  await row.getByTestId('review-open').click()

  const drawer = page.getByTestId('application-drawer')
  await expect(drawer.getByTestId('application-materials')).toContainText('营业执照')
  await expect(drawer.getByTestId('payout-clock')).toHaveAttribute('data-late', 'false')
  const linked = page.waitForResponse((response) => /^\/api\/v1\/files\/[^/]+\/link$/.test(new URL(response.url()).pathname))
  await drawer.getByTestId('application-material-download').click()
  expect((await linked).ok()).toBe(true)
  await page.screenshot({ path: 'test-results/screens/application-drawer-zh.png', fullPage: true })

  await drawer.getByTestId('application-approve').click()
  const amount = page.getByTestId('amount-dialog')
  await amount.getByTestId('amount-input').fill('12,345.67')
  await amount.getByTestId('amount-confirm').click()
  await expect(drawer.getByTestId('application-status')).toHaveText('已通过，待兑付')
  await expect(drawer.getByTestId('application-approved-amount')).toHaveText('12,345.67 元')

  await drawer.getByTestId('application-pay').click()
  // The payout starts from the approved amount.
  await expect(amount.getByTestId('amount-input')).toHaveValue(/^12,?345\.67$/)
  await amount.getByTestId('amount-confirm').click()
  await expect(drawer.getByTestId('application-status')).toHaveText('已兑付')
  await expect(drawer.getByTestId('application-paid-amount')).toHaveText('12,345.67 元')
  await page.keyboard.press('Escape')
  await logout(page)

  // The centre follows the same application but does not decide it.
  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-application-review').click()
  await expect(page.getByTestId('review-readonly')).toBeVisible()
  const seen = page.getByTestId('review-table').locator('tr').filter({ hasText: firm.name })
  await expect(seen.getByTestId('review-status')).toHaveText('已兑付')
  await seen.getByTestId('review-open').click()
  await expect(page.getByTestId('application-drawer')).toContainText('申报由政策的发文部门审核和兑付。')
  await expect(page.getByTestId('application-approve')).toHaveCount(0)
})
