// Sanctions and appeals in the browser, each test on records of its own so that neither depends on
// the other or on the demo's: (a) through the API the centre adds a service type, a new
// intermediary qualifies for it and the demo enterprise publishes a procurement it may bid on; in
// the browser a regulator proposes to delist it from its credit file and confirms the proposal in
// the queue, after which the procurement is gone from its open list and its bid is refused
// (bidder_delisted). (b) Through the API the centre rates one of its open rating tasks; in the
// browser the rated intermediary appeals the rating with an evidence file, a regulator finds the
// appeal in the queue and overturns it, and the rating leaves the intermediary's score (its
// credit file marks it overturned and no longer counted). (c) A regulator orders a new
// intermediary to rectify; it reports with a file, and the regulator reads it and closes it.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { randomUscc } from '../src/utils/uscc'
import { signedIn, stamp } from './api'
import { DEMO_PASSWORD, DEMO_USERS, login, logout } from './helpers'

const SCREENS = 'test-results/screens'
const PDF = Buffer.from('%PDF-1.7\n% appeal evidence\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n')

interface Task {
  id: string
  job_id: string
  job_title: string
  status: string
  due_at: string
}

/** Waits until no table is loading any more (a screenshot then shows the rows, not the mask). */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0)
}

/** A page of its own, signed in as `email`. */
async function pageAs(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' })
  const page = await context.newPage()
  await login(page, email, password)
  return page
}

test('a regulator confirms a delisting proposal, and the intermediary can no longer bid', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(180_000)
  const run = stamp()
  const name = `端到端下架测试所${run}`
  const title = `端到端下架测试测绘${run}`

  // ---- set-up through the API: a new intermediary qualified for a new service type, and a procurement for it ----
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const serviceType = await admin.post<{ id: string }>('/service-types', {
    code: `e2e_delist_${run}`.toLowerCase(),
    name_zh: `端到端下架测绘${run}`,
    name_en: `Delisting survey ${run}`,
    approval_zh: '竣工验收备案',
    qualification: 'surveying',
    fee_min_fen: 1_000_000,
    fee_max_fen: 10_000_000,
    time_limit_working_days: 20,
    guide_zh: '提交竣工测绘成果报告。',
  })
  const anonymous = await playwright.request.newContext({ baseURL })
  const email = `e2e-delist-${run}@example.com`
  const password = `Qifu-e2e-${run}`
  const registered = await anonymous.post('/api/v1/auth/register', {
    data: { kind: 'intermediary', organisation_name: name, uscc: randomUscc(), display_name: '测试联系人', email, password, locale: 'zh-CN' },
  })
  expect(registered.ok(), await registered.text()).toBe(true)
  const { organisation } = (await registered.json()) as { organisation: { id: string } }
  await admin.post(`/organisations/${organisation.id}/approve`, { reason: '资质齐全' })
  await admin.dispose()

  const intermediary = await signedIn(playwright, baseURL!, email, password)
  await intermediary.put('/intermediaries/me', { practitioners: 8, introduction: '测绘', service_type_ids: [serviceType.id] })
  await intermediary.put('/intermediaries/me/qualifications', {
    qualification_type: 'surveying',
    level: '甲级',
    certificate_number: `测资字${run}`,
    expires_on: '2030-12-31',
  })
  const owner = await signedIn(playwright, baseURL!, DEMO_USERS.enterprise)
  const serial = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')
  const project = await owner.post<{ id: string }>('/projects', {
    name: `端到端下架测试园${run}`,
    code: `2026-330281-47-01-${serial}`,
    division_code: '330281',
    investment_fen: 5_000_000_000,
  })
  const drafted = await owner.post<{ id: string }>('/procurements', {
    project_id: project.id,
    service_type_id: serviceType.id,
    title,
    scope: '完成厂房竣工测绘并出具成果报告',
    budget_ceiling_fen: 8_000_000,
    selection_method: 'lowest_price',
    weight_price: 50,
    weight_proposal: 30,
    weight_credit: 20,
    bidding_working_days: 5,
    service_working_days: 20,
  })
  await owner.post(`/procurements/${drafted.id}/publish`)
  await owner.dispose()
  const before = await intermediary.get<{ id: string }[]>(`/procurements/open?q=${run}`)
  expect(before.map((p) => p.id), 'the new intermediary may bid before').toContain(drafted.id)

  // ---- a regulator proposes the delisting from the credit file ----
  await login(page, DEMO_USERS.regulator)
  await page.getByTestId('menu-credit-review').click()
  await expect(page.getByTestId('credit-trend').locator('svg')).toBeVisible()
  await expect(page.getByTestId('credit-score-bands').locator('svg')).toBeVisible()
  const proposalsBefore = Number(await page.getByTestId('credit-queue-proposals').getByTestId('credit-queue-count').textContent())
  await page.screenshot({ path: `${SCREENS}/credit-overview-zh.png`, fullPage: true })
  await page.getByTestId('credit-search').fill(name)
  await page.getByTestId('credit-search').press('Enter')
  await page.getByTestId('credit-table').locator('tbody tr').filter({ hasText: name }).getByTestId('credit-open').click()
  await expect(page.getByTestId('credit-file-name')).toHaveText(name)
  await page.getByTestId('credit-open-sanction').click()
  const dialog = page.getByTestId('open-sanction-dialog')
  await dialog.getByTestId('open-sanction-kind-delisting').click()
  await dialog.getByTestId('open-sanction-submit').click()
  await expect(dialog).toContainText('请填写事由')
  await dialog.getByTestId('open-sanction-reason').fill('经核查存在挂靠资质、出借资质行为。')
  await page.screenshot({ path: `${SCREENS}/credit-open-sanction-zh.png`, fullPage: true })
  await dialog.getByTestId('open-sanction-submit').click()
  await page.locator('.el-message-box').getByRole('button', { name: '提请临时下架' }).click()
  await expect(page.getByTestId('sanction-heading')).toContainText(name)
  await expect(page.getByTestId('sanction-status')).toHaveText('下架待确认')
  await expect(page.getByTestId('sanction-record')).toContainText('监管人员依职权发起')

  // ---- … and confirms it in the queue ----
  await page.getByTestId('menu-credit-review').click()
  await expect(page.getByTestId('credit-queue-proposals').getByTestId('credit-queue-count')).toHaveText(String(proposalsBefore + 1))
  await page.getByTestId('credit-queue-proposals').click()
  await expect(page).toHaveURL(/\/regulator\/queues\?tab=proposals$/)
  const proposal = page.getByTestId('queue-proposals').locator('tbody tr').filter({ hasText: name })
  await expect(proposal).toHaveCount(1)
  await settled(page)
  await page.screenshot({ path: `${SCREENS}/credit-queues-proposals-zh.png`, fullPage: true })
  await proposal.getByTestId('queue-open').click()
  await expect(page.getByTestId('sanction-action-dismiss')).toBeVisible()
  await page.getByTestId('sanction-action-confirm').click()
  const reason = page.getByTestId('reason-dialog')
  await expect(reason.getByTestId('reason-message')).toContainText('不能报价')
  await reason.getByTestId('reason-confirm').click()
  await expect(reason).toContainText('请填写')
  await reason.getByTestId('reason-input').fill('核查属实，确认临时下架。')
  await reason.getByTestId('reason-confirm').click()
  await expect(page.locator('.el-message--success').filter({ hasText: '已确认下架' })).toBeVisible()
  await expect(page.getByTestId('sanction-status')).toHaveText('已下架')
  await expect(page.getByTestId('sanction-decision-reason')).toHaveText('核查属实，确认临时下架。')
  await expect(page.getByTestId('sanction-action-reinstate')).toBeVisible()
  await page.screenshot({ path: `${SCREENS}/credit-sanction-delisted-zh.png`, fullPage: true })
  await page.getByTestId('menu-credit-queues').click()
  await page.getByTestId('queue-tab-delisted').click()
  await expect(page.getByTestId('queue-delisted').locator('tbody tr').filter({ hasText: name })).toHaveCount(1)
  await settled(page)
  await page.screenshot({ path: `${SCREENS}/credit-queues-delisted-zh.png`, fullPage: true })

  // ---- the intermediary can no longer bid ----
  const after = await intermediary.get<{ id: string }[]>(`/procurements/open?q=${run}`)
  expect(after.map((p) => p.id)).not.toContain(drafted.id)
  await intermediary.dispose()
  const bidder = await pageAs(browser, email, password)
  await expect(bidder.getByTestId('menu-my-rectifications')).toBeVisible()
  await bidder.getByTestId('menu-open-procurements').click()
  await bidder.getByTestId('open-search').fill(run)
  await bidder.getByTestId('open-search-submit').click()
  await expect(bidder.getByTestId('open-procurement').filter({ hasText: title })).toHaveCount(0)
  await bidder.goto(`/intermediary/procurements/${drafted.id}`)
  await expect(bidder.getByTestId('detail-title')).toHaveText(title)
  await bidder.getByTestId('bid-price').fill('50000')
  await bidder.getByTestId('bid-days').locator('input').fill('15')
  await bidder.getByTestId('bid-proposal').fill('采用 RTK 联合测量。')
  await bidder.getByTestId('bid-form').getByTestId('file-upload-input').setInputFiles({ name: '方案.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(bidder.getByTestId('bid-form').getByTestId('file-upload-item')).toHaveAttribute('data-status', 'stored')
  await bidder.getByTestId('bid-submit').click()
  await expect(bidder.getByTestId('bid-error')).toHaveText('贵机构已被临时下架，恢复前不能报价')

  await bidder.getByTestId('menu-my-credit').click()
  await expect(bidder.getByTestId('credit-delisted-warning')).toBeVisible()
  await expect(bidder.getByTestId('my-credit-sanctions')).toContainText('1 项处置正在执行')
  await bidder.getByTestId('menu-my-rectifications').click()
  const row = bidder.getByTestId('my-sanctions').locator('tbody tr').first()
  await expect(row.getByTestId('my-sanction-status')).toHaveText('已下架')
  await expect(row.getByTestId('my-sanction-appeal')).toBeVisible()
  await bidder.screenshot({ path: `${SCREENS}/credit-my-rectifications-zh.png`, fullPage: true })
  await bidder.context().close()
})

test('an intermediary appeals a rating and a regulator overturns it, so the rating leaves the score', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(180_000)
  // ---- set-up through the API: the centre rates one of its open tasks, low enough to need a comment ----
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const open = await admin.get<{ items: Task[] }>('/credit/rating-tasks?status=open&per_page=100')
  const task = open.items.filter((item) => new Date(item.due_at).getTime() > Date.now() + 60_000).pop()
  expect(task, 'the demo data leaves the centre an open rating task').toBeDefined()
  if (!task) return
  const formula = await admin.get<{ indicators: { code: string }[] }>('/credit/formula')
  const scores = Object.fromEntries(formula.indicators.map((indicator, i) => [indicator.code, i === 0 ? 2 : 3]))
  await admin.post(`/credit/rating-tasks/${task.id}/rating`, { scores, comment: '成果文件多处数据未注明来源。' })
  const procurement = await admin.get<{ winner: { id: string; name: string } | null }>(`/procurements/${task.job_id}`)
  expect(procurement.winner, 'the rated job has a winner').toBeTruthy()
  const winner = procurement.winner!
  const users = await admin.get<{ items: { email: string; role: string }[] }>(`/users?organisation_id=${winner.id}&per_page=10`)
  const user = users.items.find((candidate) => candidate.role === 'intermediary')
  expect(user, 'the winner has a user').toBeDefined()
  await admin.dispose()

  // ---- the intermediary appeals the rating with an evidence file ----
  const intermediary = await pageAs(browser, user!.email)
  await intermediary.getByTestId('menu-my-credit').click()
  const rating = intermediary
    .getByTestId('credit-ratings')
    .locator('tbody tr')
    .filter({ hasText: task.job_title })
    .filter({ hasText: '中介管理服务中心' })
  await expect(rating.getByTestId('rating-appeal')).toBeVisible()
  await rating.getByTestId('rating-appeal').click()
  const appealDialog = intermediary.getByTestId('appeal-dialog')
  await expect(appealDialog).toContainText('个工作日内可申诉一次')
  await appealDialog.getByTestId('appeal-submit').click()
  await expect(appealDialog).toContainText('请填写申诉理由')
  await appealDialog.getByTestId('appeal-reason-input').fill('数据来源已在附件中逐项注明，评价所述不实。')
  await appealDialog.getByTestId('file-upload-input').setInputFiles({ name: '数据来源说明.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(appealDialog.getByTestId('file-upload-item')).toHaveAttribute('data-status', 'stored')
  await intermediary.screenshot({ path: `${SCREENS}/credit-appeal-dialog-zh.png`, fullPage: true })
  await appealDialog.getByTestId('appeal-submit').click()
  await intermediary.locator('.el-message-box').getByRole('button', { name: '提交申诉' }).click()
  await expect(intermediary.locator('.el-message--success').filter({ hasText: '申诉已提交' })).toBeVisible()
  await expect(rating.getByTestId('rating-appealed')).toHaveText('已申诉')
  await intermediary.getByTestId('menu-my-appeals').click()
  const mine = intermediary.getByTestId('my-appeals-table').locator('tbody tr').filter({ hasText: task.job_title })
  await expect(mine.getByTestId('my-appeal-status')).toHaveText('待处理')
  await intermediary.screenshot({ path: `${SCREENS}/credit-my-appeals-zh.png`, fullPage: true })

  // ---- a regulator overturns it from the queue ----
  await login(page, DEMO_USERS.regulator)
  await page.getByTestId('menu-credit-queues').click()
  await page.getByTestId('queue-tab-appeals').click()
  const queued = page.getByTestId('queue-appeals').locator('tbody tr').filter({ hasText: task.job_title }).filter({ hasText: winner.name })
  await expect(queued.getByTestId('queue-row-status')).toHaveText('待处理')
  await settled(page)
  await page.screenshot({ path: `${SCREENS}/credit-queues-appeals-zh.png`, fullPage: true })
  await queued.click()
  await expect(page.getByTestId('appeal-heading')).toContainText(winner.name)
  await expect(page.getByTestId('appeal-evidence').getByTestId('stored-file-download')).toHaveText('数据来源说明.pdf')
  await expect(page.getByTestId('appeal-rating')).toContainText('成果文件多处数据未注明来源。')
  await expect(page.getByTestId('appeal-decide-adjusted')).toBeVisible()
  await page.screenshot({ path: `${SCREENS}/credit-appeal-zh.png`, fullPage: true })
  await page.getByTestId('appeal-decide-overturned').click()
  const decision = page.getByTestId('appeal-decision-dialog')
  await decision.getByTestId('appeal-decision-submit').click()
  await expect(decision.getByTestId('appeal-decision-client-error')).toHaveText('请填写处理理由')
  await decision.getByTestId('appeal-decision-reason').fill('证据表明数据来源已注明，撤销该评价。')
  await decision.getByTestId('appeal-decision-submit').click()
  await page.locator('.el-message-box').getByRole('button', { name: '撤销' }).click()
  await expect(page.locator('.el-message--success').filter({ hasText: '申诉已处理' })).toBeVisible()
  await expect(page.getByTestId('appeal-status')).toHaveText('已撤销')
  await expect(page.getByTestId('appeal-rating-overturned')).toBeVisible()
  await expect(page.getByTestId('appeal-no-actions')).toHaveText('该申诉已处理，结果为最终结果')
  await logout(page)

  // ---- the rating left the score ----
  await intermediary.getByTestId('menu-my-credit').click()
  await expect(rating).toContainText('已被申诉撤销')
  await expect(rating.getByTestId('rating-appeal')).toHaveCount(0)
  const job = intermediary.getByTestId('credit-explanation-job').filter({ hasText: task.job_title })
  await expect(job.locator('tr').filter({ hasText: '中介管理服务中心' }).getByTestId('credit-rater-mark')).toHaveText('申诉撤销（不计入）')
  await intermediary.getByTestId('menu-my-appeals').click()
  await expect(mine.getByTestId('my-appeal-status')).toHaveText('已撤销')
  await expect(mine.getByTestId('my-appeal-decision')).toHaveText('证据表明数据来源已注明，撤销该评价。')
  await intermediary.context().close()
})

test('an intermediary reports on a rectification with a file and a regulator closes it', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(120_000)
  const run = stamp()
  const name = `端到端整改测试所${run}`
  // ---- set-up through the API: a new intermediary a regulator orders to rectify ----
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const anonymous = await playwright.request.newContext({ baseURL })
  const email = `e2e-rectify-${run}@example.com`
  const password = `Qifu-e2e-${run}`
  const registered = await anonymous.post('/api/v1/auth/register', {
    data: { kind: 'intermediary', organisation_name: name, uscc: randomUscc(), display_name: '测试联系人', email, password, locale: 'zh-CN' },
  })
  expect(registered.ok(), await registered.text()).toBe(true)
  const { organisation } = (await registered.json()) as { organisation: { id: string } }
  await admin.post(`/organisations/${organisation.id}/approve`, { reason: '资质齐全' })
  await admin.dispose()
  const regulator = await signedIn(playwright, baseURL!, DEMO_USERS.regulator)
  const sanction = await regulator.post<{ id: string; due_at: string }>('/credit/sanctions', {
    intermediary_id: organisation.id,
    kind: 'rectification',
    reason: '收到业主投诉：成果资料不完整，责令限期整改。',
  })
  await regulator.dispose()

  // ---- the intermediary reports with a file ----
  const intermediary = await pageAs(browser, email, password)
  await intermediary.getByTestId('menu-my-rectifications').click()
  const row = intermediary.getByTestId('my-sanctions').locator('tbody tr').first()
  await expect(row.getByTestId('my-sanction-status')).toHaveText('整改中')
  await expect(intermediary.getByTestId('my-rectifications')).toContainText('个工作日内整改')
  await row.getByTestId('my-sanction-report').click()
  const dialog = intermediary.getByTestId('report-dialog')
  await dialog.getByTestId('report-submit').click()
  await expect(dialog).toContainText('请填写整改情况')
  await dialog.getByTestId('report-input').fill('已补齐成果资料并建立出件前复核制度。')
  await dialog.getByTestId('file-upload-input').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(dialog.getByTestId('file-upload-item')).toHaveAttribute('data-status', 'stored')
  await intermediary.screenshot({ path: `${SCREENS}/credit-report-dialog-zh.png`, fullPage: true })
  await dialog.getByTestId('report-submit').click()
  await intermediary.locator('.el-message-box').getByRole('button', { name: '提交整改报告' }).click()
  await expect(intermediary.locator('.el-message--success').filter({ hasText: '整改报告已提交' })).toBeVisible()
  await expect(row.getByTestId('my-sanction-status')).toHaveText('已报告待审')
  await expect(row.getByTestId('my-sanction-report')).toHaveCount(0)

  // ---- a regulator reads the report, downloads its file and closes the rectification ----
  await login(page, DEMO_USERS.regulator)
  await page.getByTestId('menu-credit-queues').click()
  await page.getByTestId('queue-rectification-status').click()
  await page.getByRole('option', { name: '已报告待审' }).click()
  const queued = page.getByTestId('queue-rectifications').locator('tbody tr').filter({ hasText: name })
  await expect(queued.getByTestId('queue-row-status')).toHaveText('已报告待审')
  await settled(page)
  await page.screenshot({ path: `${SCREENS}/credit-queues-rectifications-zh.png`, fullPage: true })
  await queued.click()
  await expect(page).toHaveURL(new RegExp(`/regulator/sanctions/${sanction.id}$`))
  await expect(page.getByTestId('sanction-report')).toHaveText('已补齐成果资料并建立出件前复核制度。')
  const download = page.waitForEvent('download')
  await page.getByTestId('sanction-report-files').getByTestId('stored-file-download').click()
  expect((await download).suggestedFilename()).toBe('整改报告.pdf')
  await page.screenshot({ path: `${SCREENS}/credit-sanction-reported-zh.png`, fullPage: true })
  await page.getByTestId('sanction-action-close').click()
  await page.getByTestId('reason-dialog').getByTestId('reason-input').fill('整改材料齐全，予以通过。')
  await page.getByTestId('reason-dialog').getByTestId('reason-confirm').click()
  await expect(page.getByTestId('sanction-status')).toHaveText('整改通过')
  await expect(page.getByTestId('sanction-no-actions')).toBeVisible()

  await intermediary.reload()
  await expect(row.getByTestId('my-sanction-status')).toHaveText('整改通过')
  await intermediary.context().close()
})
