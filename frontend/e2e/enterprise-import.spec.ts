// Bulk profiles for the centre: the export downloads as CSV with the columns an import reads; a
// CSV with one bad row is checked and reported by row and column, refused as a whole, and its
// valid rows imported; the new enterprise is then in the list.
import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { randomUscc } from '../src/utils/uscc'
import { stamp } from './api'
import { chooseLocale, DEMO_USERS, login } from './helpers'

test('the centre exports profiles, then imports the valid rows of a CSV with one bad row', async ({ page }) => {
  test.setTimeout(90_000)
  const run = stamp()
  const name = `端到端导入科技有限公司${run}`

  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-enterprises').click()
  const bulk = page.getByTestId('enterprises-bulk')
  await expect(bulk).toContainText('批量导入')

  // The export: a CSV attachment whose header names the columns.
  const [download] = await Promise.all([page.waitForEvent('download'), bulk.getByTestId('enterprises-export-csv').click()])
  expect(download.suggestedFilename()).toMatch(/^enterprises-\d{8}\.csv$/)
  const exported = await readFile(await download.path())
  const header = exported.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0]
  expect(header).toContain('统一社会信用代码')
  expect(header).toContain('资质荣誉')
  const [xlsx] = await Promise.all([page.waitForEvent('download'), bulk.getByTestId('enterprises-export-xlsx').click()])
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)

  // A file with a new enterprise and one bad row (a head count that is not a number).
  const csv = [
    '统一社会信用代码,企业名称,从业人数,上年营业收入（元）,注册地行政区划代码,联系人',
    `${randomUscc()},${name},25,"800,000.50",330108,王五|总经理|13800000000|wang@example.com`,
    `${randomUscc()},坏数据公司${run},二十,1000,330106,`,
  ].join('\r\n')

  await bulk.getByTestId('enterprises-import').click()
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-format').getByText('文件格式说明').click()
  await expect(dialog.getByTestId('import-format')).toContainText('空的，清空该项')
  await dialog
    .getByTestId('import-file')
    .locator('input[type=file]')
    .setInputFiles({ name: 'profiles.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await expect(dialog.getByTestId('import-total')).toHaveText('2')
  await expect(dialog.getByTestId('import-valid')).toHaveText('1')
  await expect(dialog.getByTestId('import-bad')).toHaveText('1')
  const errorRow = dialog.getByTestId('import-errors').locator('tbody tr')
  await expect(errorRow).toHaveCount(1)
  await expect(errorRow).toContainText('3')
  await expect(errorRow).toContainText('从业人数')
  await expect(errorRow).toContainText('单元格内容无效')
  await expect(errorRow).toContainText('import_cell_invalid')
  await page.screenshot({ path: 'test-results/screens/import-report-zh.png', fullPage: true })

  // Import all is refused with nothing saved; the valid rows go in.
  await dialog.getByTestId('import-all').click()
  await expect(dialog.getByTestId('import-refused')).toContainText('没有保存任何数据')
  await dialog.getByTestId('import-valid-rows').click()
  await expect(dialog.getByTestId('import-result')).toContainText('保存 1 行，其中新建企业 1 家')
  await expect(dialog.getByTestId('import-result')).toContainText('有误的 1 行未导入')
  await page.screenshot({ path: 'test-results/screens/import-result-zh.png', fullPage: true })
  await dialog.getByRole('button', { name: '完成' }).click()

  await page.getByTestId('enterprises-search').fill(name)
  await page.getByTestId('enterprises-search-submit').click()
  const rows = page.getByTestId('enterprises-table').locator('tbody tr')
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('25')
  await page.getByTestId('enterprises-search').fill(`坏数据公司${run}`)
  await page.getByTestId('enterprises-search-submit').click()
  await expect(rows).toHaveCount(0)

  // The same dialog in English.
  await chooseLocale(page, 'en')
  await page.getByTestId('enterprises-search').fill('')
  await page.screenshot({ path: 'test-results/screens/enterprises-bulk-en.png', fullPage: true })
  await bulk.getByTestId('enterprises-import').click()
  await dialog.getByTestId('import-format').getByText('File format').click()
  await dialog
    .getByTestId('import-file')
    .locator('input[type=file]')
    .setInputFiles({ name: 'profiles.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await expect(dialog.getByTestId('import-errors')).toContainText('Invalid cell')
  await expect(dialog.getByTestId('import-errors')).toContainText('Employees')
  await page.screenshot({ path: 'test-results/screens/import-report-en.png', fullPage: true })
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await chooseLocale(page, 'zh-CN')
})
