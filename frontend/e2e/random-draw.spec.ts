// A whole random-draw procurement (随机抽取) of the intermediary supermarket, through the browser,
// from publishing to acceptance. Through the API the centre adds a service type needing the
// surveying qualification and approves two newly registered intermediaries. In the browser, each
// in its own context: the intermediaries fill in their profiles and qualifications; the demo
// enterprise registers a project, drafts a random draw in the wizard and publishes it with its
// seed commitment, bids sealed; the intermediaries find it, one asks a question, both bid (one
// with a proposal PDF); the owner answers and sees nothing of the bids. The centre then moves the
// server's time past the deadline (the e2e server's clock is adjustable) and runs the closing job:
// the owner sees the drawn winner in public notice and every bid; signed out, the draw proof
// verifies in the browser and the notice is listed; the losing intermediary objects and the owner
// dismisses it. Past the end of the notice the contract is proposed: both confirm, the winner
// delivers, the owner returns it with a reason, the winner delivers again and the owner accepts.
import { expect, test, type Browser, type Page, type PlaywrightWorkerArgs } from '@playwright/test'
import { randomUscc } from '../src/utils/uscc'
import { signedIn, stamp, type ApiCaller } from './api'
import { DEMO_USERS, login } from './helpers'

const SCREENS = 'test-results/screens'

/** A small PDF; the label keeps the files of one walk apart (their digests differ). */
const pdf = (label: string) =>
  Buffer.from(`%PDF-1.7\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n`)

interface Intermediary {
  id: string
  name: string
  uscc: string
  email: string
  password: string
}

interface Procurement {
  status: string
  bid_deadline: string | null
  notice_ends_at: string | null
  seed_commitment: string | null
  winner: { id: string; name: string } | null
}

/** Registers an intermediary and has the centre approve it. */
async function approvedIntermediary(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  admin: ApiCaller,
  name: string,
): Promise<Intermediary> {
  const context = await playwright.request.newContext({ baseURL })
  const suffix = stamp()
  const email = `e2e-draw-${suffix}@example.com`
  const password = `Qifu-e2e-${suffix}`
  const uscc = randomUscc()
  const response = await context.post('/api/v1/auth/register', {
    data: { kind: 'intermediary', organisation_name: name, uscc, display_name: '测试联系人', email, password, locale: 'zh-CN' },
  })
  expect(response.ok(), `register ${name}: ${response.status()} ${await response.text()}`).toBe(true)
  const { organisation } = (await response.json()) as { organisation: { id: string } }
  await context.dispose()
  await admin.post(`/organisations/${organisation.id}/approve`, { reason: '资质齐全' })
  return { id: organisation.id, name, uscc, email, password }
}

/** A page of its own browser context (its own cookies), in Chinese. */
async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN' })
  return context.newPage()
}

/** Chooses the option of an Element Plus select whose text contains `option`. */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  await select.click()
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: option }).click()
  // A multiple select stays open, and a closing one still covers what lies below it: close it
  // and wait until no option list is left to intercept the next click.
  if (await page.locator('.el-select-dropdown:visible').count()) await page.keyboard.press('Escape')
  await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0)
}

async function confirmBox(page: Page, name: string): Promise<void> {
  const box = page.locator('.el-message-box')
  await box.getByRole('button', { name }).click()
  await expect(box).toBeHidden()
}

async function success(page: Page, text: string): Promise<void> {
  await expect(page.locator('.el-message--success').filter({ hasText: text }).first()).toBeVisible()
}

/** On 机构信息: offers the service type and adds a valid surveying qualification. */
async function qualify(page: Page, typeName: string, certificate: string): Promise<void> {
  await page.getByTestId('menu-organisation').click()
  await expect(page.getByTestId('org-credit-unrated')).toHaveText('未评级')
  await page.getByTestId('org-practitioners').locator('input').fill('15')
  await page.getByTestId('org-introduction').fill('从事工程测量、竣工测绘与不动产测绘。')
  await choose(page, page.getByTestId('org-service-types'), typeName)
  await page.getByTestId('org-introduction').click()
  await expect(page.getByTestId('org-unqualified')).toContainText(typeName)
  await page.getByTestId('org-save').click()
  await success(page, '已保存')

  await page.getByTestId('qualification-add').click()
  const dialog = page.getByTestId('qualification-dialog')
  await choose(page, dialog.getByTestId('qualification-type'), '测绘资质')
  await choose(page, dialog.getByTestId('qualification-level'), '乙级')
  await dialog.getByTestId('qualification-number').fill(certificate)
  await dialog.getByTestId('qualification-expires').locator('input').fill('2030-12-31')
  await dialog.getByTestId('qualification-expires').locator('input').press('Enter')
  await dialog.getByTestId('qualification-confirm').click()
  await expect(dialog).toBeHidden()
  const row = page.getByTestId('qualifications-table').locator('tbody tr').filter({ hasText: certificate })
  await expect(row.getByTestId('qualification-expiry')).toHaveAttribute('data-state', 'valid')
  await expect(page.getByTestId('org-unqualified')).toBeHidden()
}

/** Finds the procurement in 可参与的采购 and opens it. */
async function openFromList(page: Page, run: string, title: string): Promise<void> {
  await page.getByTestId('menu-open-procurements').click()
  await page.getByTestId('open-search').fill(run)
  await page.getByTestId('open-search-submit').click()
  const card = page.getByTestId('open-procurement').filter({ hasText: title })
  await expect(card.getByTestId('open-procurement-method')).toHaveText('随机抽取')
  await expect(card.getByTestId('open-procurement-no-bid')).toHaveText('未报价')
  await card.getByTestId('open-procurement-title').click()
  await expect(page.getByTestId('detail-title')).toHaveText(title)
  await expect(page.getByTestId('detail-status')).toHaveText('报价中')
}

/** Places a bid on the open detail page, with a proposal file or without. */
async function bid(page: Page, price: string, days: string, proposal: string, file?: { name: string; buffer: Buffer }) {
  await expect(page.getByTestId('bid-sealed-note')).toBeVisible()
  await page.getByTestId('bid-price').fill(price)
  await page.getByTestId('bid-days').locator('input').fill(days)
  await page.getByTestId('bid-proposal').fill(proposal)
  if (file) {
    const form = page.getByTestId('bid-form')
    const uploaded = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/files')
    await form.getByTestId('file-upload-input').setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.buffer })
    expect((await uploaded).status()).toBe(201)
    await expect(form.getByTestId('file-upload-item')).toHaveAttribute('data-status', 'stored')
  }
  await page.getByTestId('bid-submit').click()
  await success(page, '报价已提交')
  await expect(page.getByTestId('bid-status')).toHaveText('有效')
}

/**
 * Moves the server's time a minute past `instant` and runs the closing job now, as the centre.
 * (The administrator's session is idle after the move, like everyone's: it signs in again.)
 */
async function timeTravelPast(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, instant: string): Promise<void> {
  const admin = await signedIn(playwright, baseURL, DEMO_USERS.center_admin)
  const clock = await admin.get<{ now: string; adjustable: boolean }>('/scheduler/clock')
  expect(clock.adjustable, 'the e2e server runs with QIFU_CLOCK__ADJUSTABLE=true').toBe(true)
  const seconds = Math.ceil((Date.parse(instant) - Date.parse(clock.now)) / 1000) + 60
  expect(seconds).toBeGreaterThan(60)
  const moved = await admin.post<{ now: string }>('/scheduler/clock/advance', { seconds })
  expect(Date.parse(moved.now)).toBeGreaterThan(Date.parse(instant))
  await admin.dispose()
  const again = await signedIn(playwright, baseURL, DEMO_USERS.center_admin)
  const run = await again.post<{ outcome: string; message: string | null }>('/scheduler/jobs/marketplace_deadlines/run')
  expect(run.outcome, run.message ?? '').toBe('succeeded')
  await again.dispose()
}

test('a random draw walks from publishing through the draw, the notice and an objection to an accepted result', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(420_000)
  const base = baseURL!
  const run = stamp()
  const typeName = `端到端随机测绘${run}`
  const projectName = `端到端抽取产业园${run}`
  const title = `端到端产业园竣工测绘随机抽取${run}`
  const projectCode = `2026-330106-04-01-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`
  const question = `成果是否需要附不动产测绘数据库？${run}`
  const answer = '需要，按省级不动产数据库标准提交。'

  // ---- 1. set-up through the API: the service type and two approved intermediaries ----
  const admin = await signedIn(playwright, base, DEMO_USERS.center_admin)
  await admin.post('/service-types', {
    code: `e2e_draw_${run}`.toLowerCase(),
    name_zh: typeName,
    name_en: `Draw survey ${run}`,
    approval_zh: '竣工验收备案',
    qualification: 'surveying',
    fee_min_fen: 1_000_000,
    fee_max_fen: 10_000_000,
    time_limit_working_days: 20,
    guide_zh: '提交竣工测绘成果报告，含宗地图与房产分户图。',
  })
  const first = await approvedIntermediary(playwright, base, admin, `端到端抽取测绘甲${run}`)
  const second = await approvedIntermediary(playwright, base, admin, `端到端抽取测绘乙${run}`)
  await admin.dispose()

  const owner = await newPage(browser, base)
  const pageOf = new Map<Intermediary, Page>([
    [first, await newPage(browser, base)],
    [second, await newPage(browser, base)],
  ])
  const firstPage = pageOf.get(first)!
  const secondPage = pageOf.get(second)!

  // ---- 2. each intermediary: profile and a valid qualification ----
  await login(firstPage, first.email, first.password)
  await qualify(firstPage, typeName, `甲测资字${run}`)
  await login(secondPage, second.email, second.password)
  await qualify(secondPage, typeName, `乙测资字${run}`)

  // ---- 3. the owner: a project, a random draw drafted in the wizard, published ----
  await login(owner, DEMO_USERS.enterprise)
  await owner.getByTestId('menu-procurements').click()
  await owner.getByTestId('project-create').click()
  const projectDialog = owner.getByTestId('project-dialog')
  await projectDialog.getByTestId('project-name').fill(projectName)
  await projectDialog.getByTestId('project-code').fill(projectCode)
  await projectDialog.getByTestId('project-division').click()
  await expect(projectDialog.getByTestId('project-division')).toHaveValue('330106')
  await projectDialog.getByTestId('project-investment').fill('50000000')
  await projectDialog.getByTestId('project-confirm').click()
  await expect(projectDialog).toBeHidden()
  const projectRow = owner.getByTestId('projects-table').locator('tr').filter({ hasText: projectName })
  await expect(projectRow).toContainText(projectCode)
  await projectRow.getByTestId('project-procure').click()

  const wizard = owner.getByTestId('procurement-wizard')
  await expect(wizard.getByTestId('wizard-project')).toContainText(projectName)
  await wizard.getByTestId('wizard-next').click()
  await choose(owner, wizard.getByTestId('wizard-service-type'), typeName)
  await expect(wizard.getByTestId('wizard-fee-range')).toHaveText('10,000.00 元 – 100,000.00 元')
  await wizard.getByTestId('wizard-next').click()
  await wizard.getByTestId('wizard-title').fill(title)
  await wizard.getByTestId('wizard-scope').fill('完成一期厂房竣工测绘，出具成果报告及分户图。')
  await wizard.getByTestId('wizard-budget').fill('80000')
  await wizard.getByTestId('wizard-next').click()
  await wizard.getByTestId('wizard-method-random_draw').click()
  await wizard.getByTestId('wizard-next').click()
  // The schedule as the wizard proposes it: five bidding working days, the statutory 20 to serve.
  await expect(wizard.getByTestId('wizard-bidding-days').locator('input')).toHaveValue('5')
  await expect(wizard.getByTestId('wizard-service-days').locator('input')).toHaveValue('20')
  await expect(wizard.getByTestId('wizard-summary')).toContainText('随机抽取')
  await expect(wizard.getByTestId('wizard-summary')).toContainText('80,000.00 元')
  await wizard.getByTestId('wizard-save').click()

  await expect(owner.getByTestId('procurement-heading')).toHaveText(title)
  await expect(owner.getByTestId('procurement-status')).toHaveText('草稿')
  await expect(owner.getByTestId('terms-method')).toHaveText('随机抽取')
  await expect(owner.getByTestId('terms-commitment')).toHaveCount(0)
  await owner.getByTestId('procurement-publish').click()
  await expect(owner.locator('.el-message-box')).toContainText('报价期 5 个工作日')
  await expect(owner.locator('.el-message-box')).toContainText('北京时间')
  await confirmBox(owner, '发布')
  await expect(owner.getByTestId('procurement-status')).toHaveText('报价中')
  await expect(owner.getByTestId('procurement-sealed')).toContainText('报价密封中')
  await expect(owner.getByTestId('procurement-deadline')).toContainText('23:59:59')
  const procurementId = owner.url().split('/').pop()!
  await owner.getByRole('tab', { name: '采购条件' }).click()
  const commitment = (await owner.getByTestId('terms-commitment').innerText()).trim()
  expect(commitment).toMatch(/^[0-9a-f]{64}$/)
  await owner.screenshot({ path: `${SCREENS}/random-draw-owner-published-zh.png`, fullPage: true })

  // ---- 4. the intermediaries find it; one asks; both bid, sealed ----
  await openFromList(firstPage, run, title)
  await expect(firstPage.getByTestId('detail-method')).toHaveText('随机抽取')
  await expect(firstPage.getByTestId('detail-commitment')).toHaveText(commitment)
  await firstPage.getByTestId('question-input').fill(question)
  await firstPage.getByTestId('question-submit').click()
  await expect(firstPage.getByTestId('question').filter({ hasText: question }).getByTestId('question-pending')).toBeVisible()
  await bid(firstPage, '62000', '18', '两台 RTK 与全站仪联合作业，注册测绘师驻场。', { name: '竣工测绘技术方案.pdf', buffer: pdf(`proposal ${run}`) })
  await expect(firstPage.getByTestId('bid-current').getByTestId('stored-file-download')).toHaveText('竣工测绘技术方案.pdf')

  await openFromList(secondPage, run, title)
  await expect(secondPage.getByTestId('detail-commitment')).toHaveText(commitment)
  await expect(secondPage.getByTestId('questions-empty')).toBeVisible()
  await bid(secondPage, '58000', '16', '按规范分区作业，十个工作日内外业完成。')
  await expect(secondPage.locator('body')).not.toContainText('62,000.00')
  await expect(secondPage.locator('body')).not.toContainText(first.name)

  // The owner answers; nothing of the bids shows: no evaluation, price, bidder or count.
  await owner.reload()
  await expect(owner.getByTestId('procurement-sealed')).toContainText('报价密封中')
  await owner.getByTestId('tab-questions').click()
  const item = owner.getByTestId('question-item').filter({ hasText: question })
  await item.getByTestId('question-answer-input').fill(answer)
  await item.getByTestId('question-answer-submit').click()
  await expect(item.getByTestId('question-answer')).toHaveText(answer)
  await expect(owner.getByTestId('tab-evaluation')).toHaveCount(0)
  await expect(owner.getByTestId('evaluation-bids')).toHaveCount(0)
  for (const hidden of ['62,000.00', '58,000.00', first.name, second.name]) {
    await expect(owner.locator('body')).not.toContainText(hidden)
  }
  const sealed = await owner.request.get(`/api/v1/procurements/${procurementId}/evaluation`)
  expect(sealed.status()).toBe(422)
  await owner.screenshot({ path: `${SCREENS}/random-draw-owner-sealed-zh.png`, fullPage: true })
  await firstPage.reload()
  await expect(firstPage.getByTestId('question').filter({ hasText: question }).getByTestId('question-answer')).toHaveText(answer)

  // ---- 5. past the deadline: the centre moves the server's time and runs the closing job ----
  const centre = await signedIn(playwright, base, DEMO_USERS.center_admin)
  const published = await centre.get<Procurement>(`/procurements/${procurementId}`)
  await centre.dispose()
  expect(published.seed_commitment).toBe(commitment)
  await timeTravelPast(playwright, base, published.bid_deadline!)

  // ---- 6. the result: winner in public notice, every bid, the verified draw ----
  await login(owner, DEMO_USERS.enterprise)
  await owner.goto(`/enterprise/procurements/${procurementId}`)
  await expect(owner.getByTestId('procurement-status')).toHaveText('结果公示中')
  await expect(owner.getByTestId('procurement-sealed')).toHaveCount(0)
  const winnerName = (await owner.getByTestId('notice-winner').innerText()).trim()
  expect([first.name, second.name]).toContain(winnerName)
  const winner = winnerName === first.name ? first : second
  const loser = winner === first ? second : first
  await expect(owner.getByTestId('notice')).toContainText('公示中')
  await owner.getByTestId('tab-evaluation').click()
  await expect(owner.getByTestId('evaluation-draw')).toBeVisible()
  const bids = owner.getByTestId('evaluation-bids').locator('tbody tr')
  await expect(bids).toHaveCount(2)
  await expect(bids.filter({ hasText: first.name }).getByTestId('evaluation-price')).toHaveText('62,000.00 元')
  await expect(bids.filter({ hasText: second.name }).getByTestId('evaluation-price')).toHaveText('58,000.00 元')
  await expect(bids.filter({ hasText: winner.name }).getByTestId('evaluation-winner')).toHaveText('中选')
  await expect(bids.filter({ hasText: loser.name }).getByTestId('evaluation-winner')).toHaveCount(0)
  await expect(owner.getByTestId('evaluation-bid-status')).toHaveText(['有效', '有效'])
  await owner.screenshot({ path: `${SCREENS}/random-draw-owner-evaluation-zh.png`, fullPage: true })

  // Signed out: the draw proof recomputes to the same winner, and the notice is listed.
  const visitor = await newPage(browser, base)
  await visitor.goto(`/public/draws/${procurementId}`)
  const verdict = visitor.getByTestId('draw-verdict')
  await expect(verdict).toHaveAttribute('data-verdict', 'ok')
  await expect(verdict).toContainText('✔')
  await expect(visitor.getByTestId('draw-commitment')).toHaveText(commitment)
  await expect(visitor.getByTestId('draw-seed')).toHaveText(/^[0-9a-f]{64}$/)
  await expect(visitor.getByTestId('draw-winner')).toHaveText(winner.uscc)
  await expect(visitor.getByTestId('draw-bidders').locator('li')).toHaveText([first.uscc, second.uscc].sort())
  await expect(visitor.getByTestId('public-to-login')).toBeVisible()
  await visitor.screenshot({ path: `${SCREENS}/random-draw-proof-verified-zh.png`, fullPage: true })
  await visitor.getByTestId('public-to-notices').click()
  await expect(visitor).toHaveURL(/\/public\/notices$/)
  const noticeRow = visitor.getByTestId('notices-table').locator('tbody tr').filter({ hasText: title })
  await expect(noticeRow.getByTestId('notice-winner')).toHaveText(winner.name)
  await expect(noticeRow.getByTestId('notice-price')).toHaveText(winner === first ? '62,000.00 元' : '58,000.00 元')
  await expect(noticeRow.getByTestId('notice-open')).toBeVisible()
  await expect(noticeRow.getByTestId('notice-draw-proof')).toBeVisible()
  await visitor.context().close()

  // The loser objects during the notice (its session went idle with the clock: signs in again).
  const loserPage = pageOf.get(loser)!
  const winnerPage = pageOf.get(winner)!
  await login(loserPage, loser.email, loser.password)
  await loserPage.goto(`/intermediary/procurements/${procurementId}`)
  await expect(loserPage.getByTestId('result-status')).toHaveText('结果公示中')
  await expect(loserPage.getByTestId('result-winner')).toContainText(winner.name)
  await expect(loserPage.getByTestId('result-lost')).toBeVisible()
  await expect(loserPage.getByTestId('result-draw-proof')).toBeVisible()
  const objection = `抽取结果公示前未见有效报价名单，请予复核。${run}`
  await loserPage.getByTestId('objection-input').fill(objection)
  await loserPage.getByTestId('objection-submit').click()
  await success(loserPage, '异议已提交')
  const raised = loserPage.getByTestId('objection').filter({ hasText: objection })
  await expect(raised).toHaveAttribute('data-status', 'open')

  // The owner dismisses it with an answer; the loser reads it.
  await owner.reload()
  await owner.getByTestId('tab-notice').click()
  const objectionItem = owner.getByTestId('objection-item').filter({ hasText: objection })
  await expect(objectionItem.getByTestId('objection-status')).toHaveText('待答复')
  const dismissal = '有效报价名单与抽取种子已在抽取证明页公开，可自行复核，异议不成立。'
  await objectionItem.getByTestId('objection-dismiss').click()
  await objectionItem.getByTestId('objection-answer').fill(dismissal)
  await objectionItem.getByTestId('objection-submit').click()
  await confirmBox(owner, '确定')
  await expect(objectionItem.getByTestId('objection-status')).toHaveText('异议不成立')
  await expect(objectionItem.getByTestId('objection-answer-text')).toHaveText(dismissal)
  await expect(owner.getByTestId('procurement-status')).toHaveText('结果公示中')
  await loserPage.reload()
  await expect(raised).toHaveAttribute('data-status', 'dismissed')
  await expect(raised.getByTestId('objection-answer')).toContainText(dismissal)

  // ---- 7. past the end of the notice: the contract, the deliveries, the acceptance ----
  const centreAgain = await signedIn(playwright, base, DEMO_USERS.center_admin)
  const inNotice = await centreAgain.get<Procurement>(`/procurements/${procurementId}`)
  await centreAgain.dispose()
  expect(inNotice.winner?.name).toBe(winner.name)
  await timeTravelPast(playwright, base, inNotice.notice_ends_at!)

  await login(owner, DEMO_USERS.enterprise)
  await owner.goto(`/enterprise/procurements/${procurementId}`)
  await expect(owner.getByTestId('procurement-status')).toHaveText('待签约')
  const contract = owner.getByTestId('contract')
  await expect(contract.getByTestId('contract-status')).toHaveText('待签约')
  const amount = winner === first ? '62,000.00 元' : '58,000.00 元'
  await expect(contract.getByTestId('contract-amount')).toHaveText(amount)
  await contract.getByTestId('contract-confirm').click()
  await confirmBox(owner, '确认合同')
  await expect(contract.getByTestId('contract-waiting')).toBeVisible()

  await login(winnerPage, winner.email, winner.password)
  await winnerPage.getByTestId('menu-my-contracts').click()
  const contractRow = winnerPage.getByTestId('contracts-table').locator('tr').filter({ hasText: title })
  await expect(contractRow.getByTestId('contracts-status')).toHaveText('待签约')
  await contractRow.getByTestId('contracts-open').click()
  const drawer = winnerPage.getByTestId('contract-drawer')
  await expect(drawer.getByTestId('contract-amount')).toHaveText(amount)
  await drawer.getByTestId('contract-confirm').click()
  await confirmBox(winnerPage, '确认合同')
  await expect(drawer.getByTestId('contract-status')).toHaveText('已签约')

  const deliver = async (summary: string, fileName: string, label: string) => {
    const form = drawer.getByTestId('delivery-form')
    await form.getByTestId('delivery-summary').fill(summary)
    const uploaded = winnerPage.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/files')
    await form.getByTestId('file-upload-input').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdf(label) })
    expect((await uploaded).status()).toBe(201)
    await expect(form.getByTestId('file-upload-item')).toHaveAttribute('data-status', 'stored')
    await form.getByTestId('delivery-submit').click()
    await expect(drawer.getByTestId('contract-status')).toHaveText('已交付')
  }
  await deliver('竣工测绘成果报告（第一版），含宗地图。', '竣工测绘成果报告.pdf', `result 1 ${run}`)
  await expect(drawer.getByTestId('delivery')).toHaveCount(1)
  await expect(drawer.getByTestId('delivery').first()).toHaveAttribute('data-decision', 'pending')

  // The owner returns it with a reason.
  await owner.reload()
  await expect(owner.getByTestId('procurement-status')).toHaveText('已交付')
  await expect(contract.getByTestId('contract-status')).toHaveText('已交付')
  await expect(contract.getByTestId('contract-delivery-download')).toHaveCount(1)
  const reason = '缺少房产分户图，请补充后重新提交。'
  await contract.getByTestId('contract-return').click()
  const reasonDialog = owner.getByTestId('reason-dialog')
  await reasonDialog.getByTestId('reason-input').fill(reason)
  await reasonDialog.getByTestId('reason-confirm').click()
  await expect(reasonDialog).toBeHidden()
  await expect(contract.getByTestId('contract-status')).toHaveText('已签约')
  await expect(contract.getByTestId('contract-delivery-decision')).toHaveText(['已退回'])
  await expect(contract.getByTestId('contract-deliveries')).toContainText(reason)

  // The winner reads the reason and delivers again; the owner accepts. (A reload shows the
  // list as it is now; the drawer still open over it goes with it.)
  await winnerPage.reload()
  await expect(contractRow.getByTestId('contracts-todo')).toHaveText('成果被退回，待重新提交')
  await contractRow.getByTestId('contracts-open').click()
  await expect(drawer.getByTestId('delivery-returned')).toContainText(reason)
  await expect(drawer.getByTestId('delivery-reason')).toContainText(reason)
  await deliver('竣工测绘成果报告（第二版），已补充房产分户图。', '竣工测绘成果报告-修订.pdf', `result 2 ${run}`)
  await expect(drawer.getByTestId('delivery')).toHaveCount(2)
  await winnerPage.screenshot({ path: `${SCREENS}/random-draw-intermediary-delivered-zh.png`, fullPage: true })

  await owner.reload()
  await expect(contract.getByTestId('contract-status')).toHaveText('已交付')
  await expect(contract.getByTestId('contract-delivery-decision')).toHaveText(['待验收', '已退回'])
  await contract.getByTestId('contract-accept').click()
  await confirmBox(owner, '验收通过')
  await expect(contract.getByTestId('contract-status')).toHaveText('已验收')
  await expect(owner.getByTestId('procurement-status')).toHaveText('已验收')
  await expect(contract.getByTestId('contract-delivery-decision')).toHaveText(['已验收', '已退回'])
  await owner.screenshot({ path: `${SCREENS}/random-draw-owner-accepted-zh.png`, fullPage: true })

  await winnerPage.reload()
  await expect(contractRow.getByTestId('contracts-status')).toHaveText('已验收')
  await expect(contractRow.getByTestId('contracts-todo')).toHaveCount(0)

  for (const page of [owner, firstPage, secondPage]) await page.context().close()
})
