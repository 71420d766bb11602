// The centre writes a policy and a clause in the browser: the condition builder counts the
// matching enterprises live as the condition changes and shows the API's error at the node it
// names; the published clause lists the enterprises it reaches and exports them as CSV.
import { expect, test } from '@playwright/test'
import { registerEnterprise, setProfile, signedIn, stamp } from './api'
import { chooseLocale, DEMO_USERS, login } from './helpers'

test('the centre creates a policy and a clause with the condition builder, publishes it and sees whom it reaches', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(60_000)
  // Two enterprises with head counts no other data has: the condition below singles them out.
  const run = stamp()
  const base = 5_000_000 + Math.floor(Math.random() * 1_000_000) * 10
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const larger = await registerEnterprise(playwright, baseURL!, `端到端政策企业甲${run}`)
  const smaller = await registerEnterprise(playwright, baseURL!, `端到端政策企业乙${run}`)
  await setProfile(admin, larger.id, base + 5)
  await setProfile(admin, smaller.id, base)
  await admin.dispose()

  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-policy-admin').click()
  await page.getByTestId('policies-create').click()
  const policyDialog = page.getByTestId('policy-dialog')
  const title = `端到端测试政策${run}`
  await policyDialog.getByTestId('policy-title').fill(title)
  await policyDialog.getByTestId('policy-issuer').click()
  await page.getByRole('option', { name: '演示区发展和改革局' }).click()
  await policyDialog.getByTestId('policy-document-number').fill(`演发改〔2026〕${run}号`)
  const effectiveFrom = policyDialog.getByRole('combobox', { name: '生效日期' })
  await effectiveFrom.fill('2026-01-01')
  await effectiveFrom.press('Enter')
  await policyDialog.getByTestId('policy-confirm').click()
  await expect(page.getByTestId('policy-heading')).toHaveText(title)

  await page.getByTestId('clause-create').click()
  const clauseDialog = page.getByTestId('clause-dialog')
  await clauseDialog.getByTestId('clause-title').fill('规模企业奖励')
  const editor = clauseDialog.getByTestId('condition-editor')
  const count = editor.getByTestId('condition-count')
  // The empty condition matches every enterprise: a count, whatever it is.
  await expect(count).toHaveAttribute('data-count', /^\d+$/)

  await editor.getByTestId('condition-add-test').click()
  const comparison = editor.locator('[data-node-kind="test"]')
  await expect(comparison.getByTestId('condition-incomplete')).toHaveText('请填写比较值')
  await expect(editor).toHaveAttribute('data-status', 'incomplete')
  await comparison.getByTestId('condition-field').click()
  await page.getByRole('option', { name: '从业人数' }).click()
  await comparison.getByTestId('condition-value').fill(String(base))
  await expect(count).toHaveAttribute('data-count', '2')
  await expect(count).toHaveText('当前符合条件的企业：2 家')
  await expect(editor.getByTestId('condition-text')).toHaveText(`all(employees >= ${base})`)

  await comparison.getByTestId('condition-value').fill(String(base + 3))
  await expect(count).toHaveAttribute('data-count', '1')

  // A value of the wrong type: the API's message shows under the comparison it names.
  await comparison.getByTestId('condition-value').fill('很多')
  await expect(editor).toHaveAttribute('data-status', 'invalid')
  await expect(comparison.getByTestId('condition-error')).toContainText('比较值不符合要求')
  await expect(comparison.getByTestId('condition-error')).toContainText('expected a whole number')
  await expect(count).toHaveText('条件有误，请按提示修改')

  await comparison.getByTestId('condition-value').fill(String(base))
  await expect(count).toHaveAttribute('data-count', '2')
  await expect(comparison.getByTestId('condition-error')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screens/clause-dialog-zh.png', fullPage: true })

  await clauseDialog.getByTestId('clause-benefit').fill('给予一次性奖励 50 万元')
  await clauseDialog.getByTestId('clause-amount-fixed').click()
  await clauseDialog.getByTestId('clause-fixed').fill('500,000')
  await clauseDialog.getByTestId('clause-confirm').click()
  await expect(clauseDialog).toBeHidden()

  const card = page.getByTestId('clause-card').filter({ hasText: '规模企业奖励' })
  await expect(card.getByTestId('clause-status')).toHaveText('草稿')
  await expect(card.getByTestId('clause-amount')).toHaveText('500,000.00 元')
  await expect(card).toContainText(`all(employees >= ${base})`)

  await card.getByTestId('clause-publish').click()
  await page.locator('.el-message-box').getByRole('button', { name: '发布' }).click()
  await expect(card.getByTestId('clause-status')).toHaveText('已发布')

  await card.getByTestId('clause-eligible').click()
  const drawer = page.getByTestId('eligible-drawer')
  await expect(drawer.getByTestId('eligible-total')).toHaveText('今日符合条件的企业共 2 家')
  await expect(drawer.getByTestId('eligible-table')).toContainText(larger.name)
  await expect(drawer.getByTestId('eligible-table')).toContainText(smaller.name)
  await page.screenshot({ path: 'test-results/screens/eligible-zh.png', fullPage: true })

  // The CSV link downloads the same enterprises with the page's session.
  const href = await drawer.getByTestId('eligible-csv').getAttribute('href')
  const csv = await page.request.get(href!)
  expect(csv.ok()).toBe(true)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const text = await csv.text()
  expect(text).toContain(larger.name)
  expect(text).toContain(smaller.name)

  await page.keyboard.press('Escape')
  await chooseLocale(page, 'en')
  await expect(card.getByTestId('clause-status')).toHaveText('Published')
  await expect(card.getByTestId('clause-amount')).toHaveText('¥500,000.00')
  await card.getByTestId('clause-edit').click()
  await expect(clauseDialog.getByTestId('condition-count')).toHaveText('Enterprises meeting it today: 2')
  await page.screenshot({ path: 'test-results/screens/clause-dialog-en.png', fullPage: true })
  await clauseDialog.getByRole('button', { name: 'Cancel' }).click()
  await page.screenshot({ path: 'test-results/screens/policy-en.png', fullPage: true })
  await chooseLocale(page, 'zh-CN')
})
