// The centre's tag catalogue and enterprise profiles: a dimension with a manual tag and a derived
// one (its rule built as a tag rule, which cannot test tags); the manual tag given to an
// enterprise, whose profile the centre corrects and whose history shows the change.
import { expect, test } from '@playwright/test'
import { registerEnterprise, setProfile, signedIn, stamp } from './api'
import { chooseLocale, DEMO_USERS, login } from './helpers'

test('the centre keeps the tag catalogue and corrects an enterprise profile with its tags and history', async ({
  page,
  playwright,
  baseURL,
}) => {
  // A long walk (catalogue, tags, a correction, history, the pages in English): room for a busy machine.
  test.setTimeout(120_000)
  const run = stamp()
  const code = `e2e_${run}`.toLowerCase()
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const firm = await registerEnterprise(playwright, baseURL!, `端到端画像企业${run}`)
  await setProfile(admin, firm.id, 120)
  await admin.dispose()

  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-tags').click()
  await page.getByTestId('tags-create-dimension').click()
  const dimensionDialog = page.getByTestId('dimension-dialog')
  await dimensionDialog.getByTestId('dimension-code').fill(code)
  await dimensionDialog.getByTestId('dimension-name-zh').fill(`测试维度${run}`)
  await dimensionDialog.getByTestId('dimension-name-en').fill(`Test dimension ${run}`)
  await dimensionDialog.getByTestId('dimension-confirm').click()
  const dimension = page.getByTestId('tags-dimension').filter({ hasText: `测试维度${run}` })
  await expect(dimension).toBeVisible()

  // A manual tag.
  await dimension.getByTestId('tags-create-in-dimension').click()
  const tagDialog = page.getByTestId('tag-dialog')
  await tagDialog.getByTestId('tag-code').fill(`${code}_key`)
  await tagDialog.getByTestId('tag-name-zh').fill(`重点培育${run}`)
  await tagDialog.getByTestId('tag-name-en').fill(`Key ${run}`)
  await tagDialog.getByTestId('tag-confirm').click()
  await expect(dimension.getByTestId('tags-table')).toContainText(`重点培育${run}`)

  // A derived tag: its rule is a tag rule, so the builder offers no tag field.
  await dimension.getByTestId('tags-create-in-dimension').click()
  await tagDialog.getByTestId('tag-code').fill(`${code}_big`)
  await tagDialog.getByTestId('tag-name-zh').fill(`规模以上${run}`)
  await tagDialog.getByTestId('tag-name-en').fill(`Above scale ${run}`)
  await tagDialog.getByTestId('tag-kind-derived').click()
  const editor = tagDialog.getByTestId('condition-editor')
  await editor.getByTestId('condition-add-test').click()
  const comparison = editor.locator('[data-node-kind="test"]')
  await comparison.getByTestId('condition-field').click()
  await expect(page.getByRole('option', { name: '资质荣誉' })).toBeVisible()
  await expect(page.getByRole('option', { name: '标签', exact: true })).toHaveCount(0)
  await page.getByRole('option', { name: '从业人数' }).click()
  await comparison.getByTestId('condition-value').fill('100')
  await expect(editor.getByTestId('condition-count')).toHaveAttribute('data-count', /^[1-9]\d*$/)
  await page.screenshot({ path: 'test-results/screens/tag-dialog-zh.png', fullPage: true })
  await tagDialog.getByTestId('tag-confirm').click()
  const derived = dimension.getByTestId('tags-table').locator('tr').filter({ hasText: `规模以上${run}` })
  await expect(derived).toContainText('衍生')
  await expect(derived).toContainText('all(employees >= 100)')
  await page.screenshot({ path: 'test-results/screens/tags-zh.png', fullPage: true })

  // The enterprise: give it the manual tag; it holds the derived one by its profile.
  await page.getByTestId('menu-enterprises').click()
  await page.getByTestId('enterprises-search').fill(firm.name)
  await page.getByTestId('enterprises-search-submit').click()
  await expect(page.getByTestId('enterprises-table').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('enterprises-table')).toContainText('浙江省 · 杭州市 · 西湖区')
  await expect(page.getByTestId('enterprises-bulk')).toContainText('批量导入')
  await page.screenshot({ path: 'test-results/screens/enterprises-zh.png', fullPage: true })
  await page.getByTestId('enterprise-open').click()
  const drawer = page.getByTestId('enterprise-drawer')
  await expect(drawer.getByTestId('enterprise-field-employees')).toHaveText('120')
  await expect(drawer.getByTestId('enterprise-field-revenue_fen')).toHaveText('45,000,000.00 元')

  await drawer.getByRole('tab', { name: '标签' }).click()
  await expect(drawer.getByTestId('enterprise-held-tag').filter({ hasText: `规模以上${run}` })).toContainText('employees >= 100')
  await drawer.getByTestId('enterprise-tag-choose').click()
  await page.getByRole('option', { name: `重点培育${run}` }).click()
  await drawer.getByTestId('enterprise-tag-assign').click()
  const manual = drawer.getByTestId('enterprise-held-tag').filter({ hasText: `重点培育${run}` })
  await expect(manual).toContainText('人工')

  // Correct the profile: the new version drops the derived tag and shows in the history.
  await drawer.getByRole('tab', { name: '画像' }).click()
  await drawer.getByTestId('enterprise-edit').click()
  await drawer.getByRole('spinbutton', { name: '从业人数' }).fill('80')
  await drawer.getByTestId('enterprise-revenue_fen').fill('45000000.5')
  await drawer.getByTestId('enterprise-save').click()
  await expect(drawer.getByTestId('enterprise-field-employees')).toHaveText('80')
  await expect(drawer.getByTestId('enterprise-field-revenue_fen')).toHaveText('45,000,000.50 元')
  await expect(drawer.getByTestId('enterprise-version')).toContainText('第 2 版')
  await drawer.getByRole('tab', { name: '变更记录' }).click()
  await expect(drawer.getByTestId('enterprise-history')).toContainText('从业人数')
  await expect(drawer.getByTestId('enterprise-history')).toContainText('45,000,000.50 元')
  await drawer.getByRole('tab', { name: '标签' }).click()
  await expect(drawer.getByTestId('enterprise-held-tag').filter({ hasText: `规模以上${run}` })).toHaveCount(0)
  await expect(manual).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/enterprise-tags-zh.png', fullPage: true })

  await page.keyboard.press('Escape')
  await chooseLocale(page, 'en')
  await expect(page.getByTestId('menu-enterprises')).toHaveText('Enterprise profiles')
  await page.screenshot({ path: 'test-results/screens/enterprises-en.png', fullPage: true })
  await page.getByTestId('menu-tags').click()
  await expect(page.getByTestId('tags-dimension').filter({ hasText: `Test dimension ${run}` })).toContainText('Derived')
  await page.screenshot({ path: 'test-results/screens/tags-en.png', fullPage: true })
  await page.getByTestId('menu-policy-admin').click()
  await expect(page.getByTestId('policies-create')).toHaveText('New policy')
  await page.getByTestId('menu-application-review').click()
  await page.screenshot({ path: 'test-results/screens/review-en.png', fullPage: true })
  await chooseLocale(page, 'zh-CN')
})
