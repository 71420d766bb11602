// The value-added service store end to end: the centre adds a sector, an item for a tag a newly
// registered enterprise holds (provided by the demo department) and a package; the enterprise
// (new, so that the demo catalogue's many other fits do not crowd the item out) finds the item
// recommended with its fit and the reason, and orders it; the department accepts and completes
// it; the enterprise rates it; the centre sees the order read only and withdraws the item.
import { expect, test, type Page } from '@playwright/test'
import { registerEnterprise, signedIn, stamp } from './api'
import { chooseLocale, DEMO_USERS, login, logout } from './helpers'

async function confirmBox(page: Page, name: string): Promise<void> {
  await page.locator('.el-message-box').getByRole('button', { name }).click()
}

test('a service goes from the catalogue to a recommendation, an order, its completion and a rating', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const run = stamp()
  const tagName = `出口潜力${run}`
  const sectorName = `金融服务${run}`
  const title = `端到端首贷对接${run}`
  const packageTitle = `融资一件事${run}`

  // A new enterprise given a new tag, through the API.
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const firm = await registerEnterprise(playwright, baseURL!, `端到端服务企业${run}`)
  const [dimension] = await admin.get<{ id: string }[]>('/tags')
  const tag = await admin.post<{ id: string }>('/tags', {
    code: `e2e_svc_${run}`.toLowerCase(),
    dimension_id: dimension!.id,
    name_zh: tagName,
    name_en: `Export potential ${run}`,
    description: '端到端测试标签',
  })
  await admin.put(`/enterprises/${firm.id}/tags/${tag.id}`, {})
  await admin.dispose()

  // The centre: a sector, an item for the tag, a package.
  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-service-catalogue').click()
  await page.getByRole('tab', { name: '服务领域' }).click()
  await page.getByTestId('catalogue-sector-create').click()
  const sectorDialog = page.getByTestId('sector-dialog')
  await sectorDialog.getByTestId('sector-code').fill(`e2e_${run}`.toLowerCase())
  await sectorDialog.getByTestId('sector-name-zh').fill(sectorName)
  await sectorDialog.getByTestId('sector-name-en').fill(`Finance ${run}`)
  await sectorDialog.getByTestId('sector-confirm').click()
  await expect(page.getByTestId('catalogue-sectors-table')).toContainText(sectorName)

  await page.getByRole('tab', { name: '服务事项' }).click()
  await page.getByTestId('catalogue-item-create').click()
  const itemDialog = page.getByTestId('item-dialog')
  await itemDialog.getByTestId('item-sector').click()
  await page.getByRole('option', { name: sectorName }).click()
  await itemDialog.getByTestId('item-title').fill(title)
  await itemDialog.getByTestId('item-provider').click()
  await page.getByRole('option', { name: '演示区发展和改革局' }).click()
  await itemDialog.getByTestId('item-targets').click()
  await page.getByRole('option', { name: tagName }).click()
  await itemDialog.getByTestId('item-title').click()
  await itemDialog.getByTestId('item-sla').locator('input').fill('3')
  const materials = itemDialog.getByTestId('item-materials').locator('input')
  await itemDialog.getByTestId('item-materials').click()
  for (const material of ['营业执照', '近三年财务报表']) {
    await materials.pressSequentially(material)
    await expect(page.getByRole('option', { name: material })).toBeVisible()
    await materials.press('Enter')
  }
  await expect(itemDialog.getByTestId('item-materials')).toContainText('营业执照')
  await itemDialog.getByTestId('item-description').fill('对接合作银行，为首次贷款的企业匹配信贷产品。')
  await page.screenshot({ path: 'test-results/screens/service-item-dialog-zh.png', fullPage: true })
  await itemDialog.getByTestId('item-confirm').click()
  // The demo catalogue holds about a hundred items: find the new one by its name.
  await page.getByTestId('catalogue-search').fill(title)
  await page.getByTestId('catalogue-search').press('Enter')
  const itemRow = page.getByTestId('catalogue-items-table').locator('tr').filter({ hasText: title })
  await expect(itemRow).toContainText(tagName)
  await expect(itemRow).toContainText('3 个工作日')
  await expect(itemRow.getByTestId('catalogue-item-status')).toHaveText('在售')

  await page.getByRole('tab', { name: '一类事' }).click()
  await page.getByTestId('catalogue-package-create').click()
  const packageDialog = page.getByTestId('package-dialog')
  await packageDialog.getByTestId('package-title').fill(packageTitle)
  await packageDialog.getByTestId('package-items').click()
  await page.getByRole('option', { name: title }).click()
  await packageDialog.getByTestId('package-title').click()
  await packageDialog.getByTestId('package-confirm').click()
  await expect(page.getByTestId('catalogue-package').filter({ hasText: packageTitle })).toContainText(title)
  await page.getByRole('tab', { name: '服务事项' }).click()
  await page.screenshot({ path: 'test-results/screens/service-catalogue-zh.png', fullPage: true })
  await logout(page)

  // The enterprise: recommended, with the reason; ordered with a note.
  await login(page, firm.email, firm.password)
  await page.getByTestId('menu-services').click()
  const recommendation = page.getByTestId('store-recommendation').filter({ hasText: title })
  await expect(recommendation.getByTestId('store-recommendation-fit')).toHaveText('匹配度 100%')
  await expect(recommendation.getByTestId('store-recommendation-reason')).toContainText(tagName)
  await expect(page.getByTestId('store-package').filter({ hasText: packageTitle })).toContainText(title)
  await page.getByTestId('store-sectors').getByRole('tab', { name: sectorName }).click()
  await expect(page.getByTestId('store-items-table').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('store-items-table')).toContainText('演示区发展和改革局')
  await page.screenshot({ path: 'test-results/screens/service-store-zh.png', fullPage: true })

  await recommendation.getByTestId('store-recommendation-open').click()
  const drawer = page.getByTestId('service-drawer')
  await expect(drawer.getByTestId('service-why')).toContainText(tagName)
  await expect(drawer.getByTestId('service-sla')).toHaveText('3 个工作日')
  await expect(drawer.getByTestId('service-materials').locator('li')).toHaveText(['营业执照', '近三年财务报表'])
  await drawer.getByTestId('service-order-note').fill('希望下周内对接两家银行')
  await page.screenshot({ path: 'test-results/screens/service-drawer-zh.png', fullPage: true })
  await drawer.getByTestId('service-order-submit').click()
  await expect(drawer.getByTestId('service-ordered')).toBeVisible()
  await drawer.getByTestId('service-to-orders').click()
  await expect(page).toHaveURL(/\/enterprise\/orders$/)
  const myRow = page.getByTestId('orders-table').locator('tr').filter({ hasText: title })
  await expect(myRow.getByTestId('orders-status')).toHaveText('待受理')

  // Ordering it again while the order is open is refused.
  await page.getByTestId('menu-services').click()
  await page.getByTestId('store-recommendation').filter({ hasText: title }).getByTestId('store-recommendation-open').click()
  await drawer.getByTestId('service-order-submit').click()
  await expect(drawer.getByTestId('service-order-error')).toContainText('您已有该服务未完成的订单')
  await drawer.locator('.el-drawer__close-btn').click()
  await logout(page)

  // The department accepts and completes it.
  await login(page, DEMO_USERS.department)
  await page.getByTestId('menu-provider-orders').click()
  const providerRow = page.getByTestId('orders-table').locator('tr').filter({ hasText: title })
  await expect(providerRow).toContainText(firm.name)
  await providerRow.getByTestId('orders-open').click()
  const orderDrawer = page.getByTestId('order-drawer')
  await expect(orderDrawer.getByTestId('order-note')).toHaveText('希望下周内对接两家银行')
  await orderDrawer.getByTestId('order-accept').click()
  await confirmBox(page, '受理')
  await expect(orderDrawer.getByTestId('order-status')).toHaveText('办理中')
  await orderDrawer.getByTestId('order-complete').click()
  await page.getByTestId('order-complete-note').fill('已对接两家银行，授信意向 300 万元')
  await page.getByTestId('order-complete-confirm').click()
  await expect(orderDrawer.getByTestId('order-status')).toHaveText('已办结')
  await expect(orderDrawer.getByTestId('order-provider-note')).toHaveText('已对接两家银行，授信意向 300 万元')
  await page.screenshot({ path: 'test-results/screens/provider-order-zh.png', fullPage: true })
  await orderDrawer.locator('.el-drawer__close-btn').click()
  await expect(providerRow.getByTestId('orders-status')).toHaveText('已办结')
  await logout(page)

  // The enterprise rates it, once.
  await login(page, firm.email, firm.password)
  await page.getByTestId('menu-orders').click()
  await myRow.getByTestId('orders-open').click()
  await expect(orderDrawer.getByTestId('order-status')).toHaveText('已办结')
  await orderDrawer.getByTestId('order-rate-submit').click()
  await expect(orderDrawer.getByTestId('order-rate')).toContainText('请选择 1 至 5 星')
  await orderDrawer.getByTestId('order-rate-stars').locator('.el-rate__item').nth(4).click()
  await orderDrawer.getByTestId('order-rate-comment').fill('对接及时，很专业')
  await page.screenshot({ path: 'test-results/screens/my-order-rate-zh.png', fullPage: true })
  await orderDrawer.getByTestId('order-rate-submit').click()
  await expect(orderDrawer.getByTestId('order-rating')).toHaveAttribute('data-rating', '5')
  await expect(orderDrawer.getByTestId('order-rating-comment')).toHaveText('对接及时，很专业')
  await expect(orderDrawer.getByTestId('order-rate')).toHaveCount(0)
  await orderDrawer.locator('.el-drawer__close-btn').click()
  await page.screenshot({ path: 'test-results/screens/my-orders-zh.png', fullPage: true })

  await chooseLocale(page, 'en')
  await expect(myRow.getByTestId('orders-status')).toHaveText('Completed')
  await page.screenshot({ path: 'test-results/screens/my-orders-en.png', fullPage: true })
  await page.getByTestId('menu-services').click()
  await expect(
    page.getByTestId('store-recommendation').filter({ hasText: title }).getByTestId('store-recommendation-fit'),
  ).toHaveText('Fit 100%')
  await page.screenshot({ path: 'test-results/screens/service-store-en.png', fullPage: true })
  await page.getByTestId('store-recommendation').filter({ hasText: title }).getByTestId('store-recommendation-open').click()
  await page.screenshot({ path: 'test-results/screens/service-drawer-en.png', fullPage: true })
  await drawer.locator('.el-drawer__close-btn').click()
  await chooseLocale(page, 'zh-CN')
  await logout(page)

  // The centre reads the order without actions, then withdraws the item.
  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-provider-orders').click()
  await expect(page.getByTestId('orders-readonly')).toBeVisible()
  await page.getByTestId('orders-table').locator('tr').filter({ hasText: title }).getByTestId('orders-open').click()
  await expect(orderDrawer.getByTestId('order-rating')).toHaveAttribute('data-rating', '5')
  await expect(orderDrawer.getByTestId('order-readonly')).toBeVisible()
  await expect(orderDrawer.getByTestId('order-accept')).toHaveCount(0)
  await orderDrawer.locator('.el-drawer__close-btn').click()

  await page.getByTestId('menu-service-catalogue').click()
  await chooseLocale(page, 'en')
  await page.screenshot({ path: 'test-results/screens/service-catalogue-en.png', fullPage: true })
  await page.getByTestId('catalogue-item-create').click()
  await page.screenshot({ path: 'test-results/screens/service-item-dialog-en.png', fullPage: true })
  await page.getByTestId('item-dialog').getByRole('button', { name: 'Cancel' }).click()
  await chooseLocale(page, 'zh-CN')
  await page.getByTestId('catalogue-search').fill(title)
  await page.getByTestId('catalogue-search').press('Enter')
  const row = page.getByTestId('catalogue-items-table').locator('tr').filter({ hasText: title })
  await row.getByTestId('catalogue-item-withdraw').click()
  await confirmBox(page, '下架')
  await expect(row.getByTestId('catalogue-item-status')).toHaveText('已下架')
  await expect(row.getByTestId('catalogue-item-restore')).toBeVisible()
})
