// External feedback events (外部信用信息) in the browser: the centre checks a CSV of events with one
// bad row (reported by row and column), then imports its valid rows; the event is in the list, a
// regulator reads the same list without the import; the demo intermediary's 我的信用 then shows
// the event with its adjustment and a score lowered by it. The centre's formula dialog offers the
// event rules of the formula in force.
import { expect, test } from '@playwright/test'
import { signedIn, stamp } from './api'
import { DEMO_USERS, login, logout } from './helpers'

interface Explanation {
  jobs_mean_hundredths?: number | null
  adjustment_hundredths?: number
  score_hundredths?: number | null
}
interface CreditFile {
  intermediary: { name: string; uscc?: string | null }
  standing: { score?: number | null; score_hundredths?: number | null }
  explanation?: Explanation | null
}
interface FormulaVersion {
  formula: { events: Record<string, { points: number; months: number }> }
}

/** A Beijing calendar date `days` before now. */
function daysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10)
}

test('the centre imports the valid rows of an event file; the intermediary sees the event and its lowered score', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const run = stamp()
  const reference = `E2E-${run}`
  const source = `端到端测试税务局${run}`

  // The demo intermediary, rated, and how the formula in force adjusts for tax arrears.
  const intermediary = await signedIn(playwright, baseURL!, DEMO_USERS.intermediary)
  const before = await intermediary.get<CreditFile>('/credit/mine')
  const formula = await intermediary.get<FormulaVersion>('/credit/formula')
  const uscc = before.intermediary.uscc
  expect(uscc, 'the demo intermediary has a code').toBeTruthy()
  expect(before.explanation?.jobs_mean_hundredths, 'the demo data rates the demo intermediary').not.toBeNull()
  const rule = formula.formula.events.tax_arrears!
  expect(rule.points).toBeLessThan(0)

  // One good row, and one whose kind no one knows.
  const csv = [
    '统一社会信用代码,事件类型,来源,编号,发生日期,结束日期,说明',
    `${uscc},欠税,${source},${reference},${daysAgo(10)},,逾期未缴增值税`,
    `${uscc},欠费,${source},${reference}-2,${daysAgo(5)},,未知类型`,
  ].join('\r\n')

  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-credit-events').click()
  const bulk = page.getByTestId('events-bulk')
  await expect(bulk).toContainText('导入外部信用信息')
  const [template] = await Promise.all([page.waitForEvent('download'), bulk.getByTestId('events-template').click()])
  expect(template.suggestedFilename()).toMatch(/\.csv$/)

  await bulk.getByTestId('events-import').click()
  const dialog = page.getByTestId('event-import-dialog')
  await dialog.getByTestId('import-format').getByText('文件格式说明').click()
  await expect(dialog.getByTestId('import-format')).toContainText('经营异常名录')
  await dialog
    .getByTestId('import-file')
    .locator('input[type=file]')
    .setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await expect(dialog.getByTestId('import-total')).toHaveText('2')
  await expect(dialog.getByTestId('import-valid')).toHaveText('1')
  await expect(dialog.getByTestId('import-bad')).toHaveText('1')
  const errorRow = dialog.getByTestId('import-errors').locator('tbody tr')
  await expect(errorRow).toHaveCount(1)
  await expect(errorRow.getByTestId('import-error-row')).toHaveText('3')
  await expect(errorRow.getByTestId('import-error-column')).toHaveText('事件类型')
  await expect(errorRow.getByTestId('import-error')).toHaveAttribute('data-code', 'event_kind_unknown')
  await expect(errorRow).toContainText('事件类型无法识别')
  await page.screenshot({ path: 'test-results/screens/event-import-report-zh.png', fullPage: true })

  await dialog.getByTestId('import-valid-rows').click()
  await expect(dialog.getByTestId('import-result')).toContainText('保存 1 行，其中新增 1 条')
  await expect(dialog.getByTestId('import-result')).toContainText('重算 1 家中介机构')
  await expect(dialog.getByTestId('import-result')).toContainText('有误的 1 行未导入')
  await page.screenshot({ path: 'test-results/screens/event-import-result-zh.png', fullPage: true })
  await dialog.getByRole('button', { name: '完成' }).click()

  // The list has the event (not the bad row), by its reference.
  await page.getByTestId('events-search').fill(source)
  await page.getByTestId('events-search-submit').click()
  const rows = page.getByTestId('events-table').locator('tbody tr')
  await expect(rows).toHaveCount(1)
  await expect(rows.getByTestId('event-reference')).toHaveText(reference)
  await expect(rows.getByTestId('event-kind')).toHaveText('欠税')
  await expect(rows.getByTestId('event-intermediary')).toHaveText(before.intermediary.name)
  await expect(rows).toContainText(uscc!)
  await page.getByTestId('events-kind').click()
  await page.getByRole('option', { name: '表彰奖励' }).click()
  await expect(rows).toHaveCount(0)
  await page.getByTestId('events-kind').click()
  await page.getByRole('option', { name: '欠税' }).click()
  await expect(rows).toHaveCount(1)
  await expect(rows.getByTestId('event-kind')).toHaveText('欠税')
  await page.screenshot({ path: 'test-results/screens/credit-events-list-zh.png', fullPage: true })

  // The formula dialog offers the rules in force, to change in a new version.
  await page.getByTestId('menu-credit-formula').click()
  await expect(page.getByTestId('formula-current').getByTestId('formula-event-tax_arrears')).toContainText(`欠税 −${-rule.points} 分`)
  await page.getByTestId('formula-new').click()
  const points = page.getByTestId('formula-event-points-tax_arrears').locator('input')
  await expect(points).toHaveValue(String(rule.points))
  await expect(page.getByTestId('formula-event-months-tax_arrears').locator('input')).toHaveValue(String(rule.months))
  await page.screenshot({ path: 'test-results/screens/formula-events-zh.png', fullPage: true })
  await page.getByTestId('formula-dialog').getByRole('button', { name: '取消' }).click()
  await logout(page)

  // A regulator reads the list, without the import.
  await login(page, DEMO_USERS.regulator)
  await page.getByTestId('menu-credit-events').click()
  await page.getByTestId('events-search').fill(reference)
  await page.getByTestId('events-search-submit').click()
  await expect(page.getByTestId('events-table').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('events-bulk')).toHaveCount(0)
  await logout(page)

  // The intermediary's file: the event counts, and the score is lower by its points.
  const after = await intermediary.get<CreditFile>('/credit/mine')
  await intermediary.dispose()
  expect(after.explanation?.adjustment_hundredths).toBe((before.explanation?.adjustment_hundredths ?? 0) + rule.points * 100)
  const mean = after.explanation!.jobs_mean_hundredths!
  expect(after.standing.score_hundredths).toBe(Math.min(10_000, Math.max(0, mean + after.explanation!.adjustment_hundredths!)))
  if (before.standing.score_hundredths! > 0) expect(after.standing.score_hundredths!).toBeLessThan(before.standing.score_hundredths!)

  await login(page, DEMO_USERS.intermediary)
  await page.getByTestId('menu-my-credit').click()
  await expect(page.getByTestId('credit-score')).toHaveText(String(after.standing.score))
  const inForce = page.getByTestId('credit-explanation-event').filter({ hasText: reference })
  await expect(inForce).toContainText(`欠税 −${-rule.points} 分`)
  await expect(page.getByTestId('credit-jobs-mean')).toBeVisible()
  await expect(page.getByTestId('credit-adjustment')).toBeVisible()
  const listed = page.getByTestId('credit-events').locator('tbody tr').filter({ hasText: reference })
  await expect(listed.getByTestId('credit-event-status')).toHaveText('计入中')
  await page.screenshot({ path: 'test-results/screens/my-credit-events-zh.png', fullPage: true })
})
