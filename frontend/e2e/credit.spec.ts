// 一事一评 in the browser: the demo enterprise, owner of accepted jobs (the demo data accepts
// some, which opens their rating tasks), finds its open rating tasks under its menu, opens one as a
// rating notice links it (/ratings/{id}), is told a score of 2 needs a comment, writes one and
// sends the rating; the task then reads as rated and final. Signed out, the public credit
// disclosure lists the intermediaries.
import { expect, test } from '@playwright/test'
import { signedIn } from './api'
import { DEMO_USERS, login } from './helpers'

interface Task {
  id: string
  job_title: string
  status: string
  due_at: string
}

test('an owner rates an accepted job, a low score needing a comment', async ({ page, playwright, baseURL }) => {
  const owner = await signedIn(playwright, baseURL!, DEMO_USERS.enterprise)
  const open = await owner.get<{ items: Task[] }>('/credit/rating-tasks?status=open&per_page=100')
  await owner.dispose()
  // A task past its window stays open until the lapse job runs: take one still within it.
  const task = open.items.find((item) => new Date(item.due_at).getTime() > Date.now() + 60_000)
  expect(task, 'the demo data leaves the enterprise an open rating task').toBeDefined()
  if (!task) return

  await login(page, DEMO_USERS.enterprise)
  await page.getByTestId('menu-ratings').click()
  await expect(page.getByTestId('rating-tasks-table')).toContainText(task.job_title)

  await page.goto(`/ratings/${task.id}`)
  await expect(page.getByTestId('rating-task-heading')).toContainText(task.job_title)
  const scores = page.locator('[data-testid^="rating-score-"]')
  await expect(scores).toHaveCount(10)
  for (let i = 0; i < 10; i++) await scores.nth(i).locator('.el-rate__item').nth(i === 0 ? 1 : 4).click()

  await page.getByTestId('rating-submit').click()
  await expect(page.getByTestId('rating-client-error')).toContainText('请填写评价意见')
  await page.getByTestId('rating-comment').fill('成果文件第3章数据来源未注明，经两次催告才补正。')
  await page.getByTestId('rating-submit').click()
  await page.locator('.el-message-box').getByRole('button', { name: '提交评价' }).click()

  await expect(page.getByTestId('rating-task-rated')).toBeVisible()
  await expect(page.getByTestId('rating-submit')).toHaveCount(0)
  await expect(page.getByTestId('rating-comment-text')).toContainText('数据来源未注明')

  await page.getByTestId('menu-ratings').click()
  await page.getByTestId('rating-tasks-filter-status').click()
  await page.getByRole('option', { name: '已评价' }).click()
  await expect(page.getByTestId('rating-tasks-table')).toContainText(task.job_title)
})

test('anyone reads the public credit disclosure', async ({ page }) => {
  await page.goto('/public/credit')
  await expect(page.getByTestId('public-credit-table').locator('tbody tr').first()).toBeVisible()
  await expect(page.getByTestId('public-credit-name').first()).not.toBeEmpty()
})
