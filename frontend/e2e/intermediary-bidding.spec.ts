// The intermediary supermarket from the bidder's side, end to end. Through the API the centre adds
// a service type needing the surveying qualification, two intermediaries register and are
// approved (the second one qualified through the API), and the demo enterprise publishes a
// lowest-price procurement for a new project (and a random draw). In the browser the first
// intermediary fills in its profile and qualifications, finds the procurement, asks a question,
// bids with a proposal file, changes the bid and sees it under 我的报价; the second sees the
// procurement but nothing of the first's bid or question. Signed out, the result notices and the
// draw's commitment are public. (Closing needs the deadline to pass, days away on the real clock:
// the pages after closing are covered by component tests.)
import { expect, test, type Page } from '@playwright/test'
import { randomUscc } from '../src/utils/uscc'
import { signedIn, stamp, type ApiCaller } from './api'
import { DEMO_USERS, login, logout } from './helpers'

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n')

interface Registered {
  id: string
  name: string
  email: string
  password: string
}

/** Registers an intermediary and has the centre approve it. */
async function approvedIntermediary(
  playwright: Parameters<typeof signedIn>[0],
  baseURL: string,
  admin: ApiCaller,
  name: string,
): Promise<Registered> {
  const context = await playwright.request.newContext({ baseURL })
  const suffix = stamp()
  const email = `e2e-int-${suffix}@example.com`
  const password = `Qifu-e2e-${suffix}`
  const response = await context.post('/api/v1/auth/register', {
    data: {
      kind: 'intermediary',
      organisation_name: name,
      uscc: randomUscc(),
      display_name: '测试联系人',
      email,
      password,
      locale: 'zh-CN',
    },
  })
  expect(response.ok(), `register ${name}: ${response.status()} ${await response.text()}`).toBe(true)
  const { organisation } = (await response.json()) as { organisation: { id: string } }
  await context.dispose()
  await admin.post(`/organisations/${organisation.id}/approve`, { reason: '资质齐全' })
  return { id: organisation.id, name, email, password }
}

/** Chooses the option of an Element Plus select whose text contains `option`. */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  await select.click()
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name: option }).click()
}

test('an intermediary qualifies, finds a procurement, asks, bids with a file and changes its sealed bid', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000)
  const run = stamp()
  const typeName = `端到端竣工测绘${run}`
  const title = `端到端产业园竣工测绘${run}`
  const drawTitle = `端到端随机抽取测绘${run}`

  // ---- set-up through the API ----
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const serviceType = await admin.post<{ id: string }>('/service-types', {
    code: `e2e_survey_${run}`.toLowerCase(),
    name_zh: typeName,
    name_en: `Completion survey ${run}`,
    approval_zh: '竣工验收备案',
    qualification: 'surveying',
    fee_min_fen: 1_000_000,
    fee_max_fen: 10_000_000,
    time_limit_working_days: 20,
    guide_zh: '提交竣工测绘成果报告，含宗地图与房产分户图。',
  })
  const first = await approvedIntermediary(playwright, baseURL!, admin, `端到端测绘甲${run}`)
  const second = await approvedIntermediary(playwright, baseURL!, admin, `端到端测绘乙${run}`)
  await admin.dispose()

  const other = await signedIn(playwright, baseURL!, second.email, second.password)
  await other.put('/intermediaries/me', { practitioners: 8, introduction: '乙方', service_type_ids: [serviceType.id] })
  await other.put('/intermediaries/me/qualifications', {
    qualification_type: 'surveying',
    level: '乙级',
    certificate_number: `乙测资字${run}`,
    expires_on: '2030-12-31',
  })
  await other.dispose()

  const owner = await signedIn(playwright, baseURL!, DEMO_USERS.enterprise)
  const serial = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')
  const project = await owner.post<{ id: string }>('/projects', {
    name: `端到端产业园${run}`,
    code: `2026-330281-47-01-${serial}`,
    division_code: '330281',
    investment_fen: 5_000_000_000,
  })
  const terms = {
    project_id: project.id,
    service_type_id: serviceType.id,
    scope: '完成一期厂房竣工测绘并出具成果报告',
    budget_ceiling_fen: 8_000_000,
    weight_price: 50,
    weight_proposal: 30,
    weight_credit: 20,
    bidding_working_days: 5,
    service_working_days: 20,
  }
  const drafted = await owner.post<{ id: string }>('/procurements', { ...terms, title, selection_method: 'lowest_price' })
  await owner.post(`/procurements/${drafted.id}/publish`)
  const drawDraft = await owner.post<{ id: string }>('/procurements', { ...terms, title: drawTitle, selection_method: 'random_draw' })
  const drawPublished = await owner.post<{ seed_commitment: string }>(`/procurements/${drawDraft.id}/publish`)
  await owner.dispose()

  // ---- the first intermediary: profile and qualifications ----
  await login(page, first.email, first.password)
  await page.getByTestId('menu-organisation').click()
  await expect(page.getByTestId('org-name')).toHaveText(first.name)
  await expect(page.getByTestId('org-credit-unrated')).toHaveText('未评级')
  await page.getByTestId('org-practitioners').locator('input').fill('12')
  await page.getByTestId('org-introduction').fill('专业从事工程测量与竣工测绘十余年。')
  await choose(page, page.getByTestId('org-service-types'), typeName)
  await page.getByTestId('org-introduction').click()
  await expect(page.getByTestId('org-unqualified')).toContainText(typeName)
  await page.getByTestId('org-save').click()
  await expect(page.locator('.el-message--success').filter({ hasText: '已保存' })).toBeVisible()

  await page.getByTestId('qualification-add').click()
  const dialog = page.getByTestId('qualification-dialog')
  await choose(page, dialog.getByTestId('qualification-type'), '测绘资质')
  await choose(page, dialog.getByTestId('qualification-level'), '甲级')
  await dialog.getByTestId('qualification-number').fill(`甲测资字${run}`)
  await dialog.getByTestId('qualification-expires').locator('input').fill('2030-12-31')
  await dialog.getByTestId('qualification-expires').locator('input').press('Enter')
  await dialog.getByTestId('qualification-confirm').click()
  await expect(dialog).toBeHidden()
  // An expired one is flagged.
  await page.getByTestId('qualification-add').click()
  await choose(page, dialog.getByTestId('qualification-type'), '工程造价咨询企业资质')
  await choose(page, dialog.getByTestId('qualification-level'), '乙级')
  await dialog.getByTestId('qualification-number').fill(`造价${run}`)
  await dialog.getByTestId('qualification-expires').locator('input').fill('2020-06-30')
  await dialog.getByTestId('qualification-expires').locator('input').press('Enter')
  await dialog.getByTestId('qualification-confirm').click()
  await expect(dialog).toBeHidden()
  const rows = page.getByTestId('qualifications-table').locator('tbody tr')
  await expect(rows).toHaveCount(2)
  await expect(rows.filter({ hasText: '测绘资质' }).getByTestId('qualification-expiry')).toHaveAttribute('data-state', 'valid')
  await expect(rows.filter({ hasText: '工程造价' }).getByTestId('qualification-expiry')).toHaveAttribute('data-state', 'expired')
  await expect(rows.filter({ hasText: '工程造价' })).toContainText('已过期')
  await expect(page.getByTestId('org-unqualified')).toBeHidden()
  await page.screenshot({ path: 'test-results/screens/intermediary-organisation-zh.png', fullPage: true })

  // ---- finds the procurement ----
  await page.getByTestId('menu-open-procurements').click()
  await page.getByTestId('open-search').fill(run)
  await page.getByTestId('open-search-submit').click()
  const card = page.getByTestId('open-procurement').filter({ hasText: title })
  await expect(card.getByTestId('open-procurement-no-bid')).toHaveText('未报价')
  await expect(card.getByTestId('open-procurement-ceiling')).toHaveText('80,000.00 元')
  await expect(card.getByTestId('open-procurement-method')).toHaveText('竞价选取')
  await expect(card.getByTestId('deadline-at')).toContainText('北京时间')
  await expect(card.getByTestId('deadline-left')).toContainText('剩余')
  await page.screenshot({ path: 'test-results/screens/intermediary-open-zh.png', fullPage: true })
  await card.getByTestId('open-procurement-title').click()

  // ---- the detail: asks a question ----
  await expect(page.getByTestId('detail-title')).toHaveText(title)
  await expect(page.getByTestId('detail-status')).toHaveText('报价中')
  await expect(page.getByTestId('detail-ceiling')).toHaveText('80,000.00 元')
  await expect(page.getByTestId('detail-guide')).toContainText('宗地图')
  await expect(page.getByTestId('bid-sealed-note')).toContainText('看不到报价内容')
  await page.getByTestId('question-input').fill('成果是否需要同时提交电子版和纸质版？')
  await page.getByTestId('question-submit').click()
  const question = page.getByTestId('question').filter({ hasText: '电子版和纸质版' })
  await expect(question.getByTestId('question-pending')).toBeVisible()

  // ---- bids: a price over the ceiling is refused before sending, then a valid bid with a file ----
  await page.getByTestId('bid-price').fill('90000')
  await page.getByTestId('bid-days').locator('input').fill('15')
  await page.getByTestId('bid-proposal').fill('采用 RTK 与全站仪联合测量，三名注册测绘师驻场。')
  await page.getByTestId('bid-submit').click()
  await expect(page.getByTestId('bid-form')).toContainText('报价不能高于最高限价 80,000.00 元')
  await page.getByTestId('bid-price').fill('50000')
  const uploaded = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/files')
  await page.getByTestId('bid-form').getByTestId('file-upload-input').setInputFiles({ name: '技术方案.pdf', mimeType: 'application/pdf', buffer: PDF })
  expect((await uploaded).status()).toBe(201)
  await expect(page.getByTestId('bid-form').getByTestId('file-upload-item')).toHaveAttribute('data-status', 'stored')
  await page.screenshot({ path: 'test-results/screens/intermediary-bid-form-zh.png', fullPage: true })
  await page.getByTestId('bid-submit').click()
  await expect(page.locator('.el-message--success').filter({ hasText: '报价已提交' })).toBeVisible()
  await expect(page.getByTestId('bid-status')).toHaveText('有效')
  await expect(page.getByTestId('bid-current-price')).toHaveText('50,000.00 元')
  await expect(page.getByTestId('bid-current-days')).toHaveText('15 个工作日')
  await expect(page.getByTestId('bid-current').getByTestId('stored-file-download')).toHaveText('技术方案.pdf')
  await page.screenshot({ path: 'test-results/screens/intermediary-bid-placed-zh.png', fullPage: true })

  // ---- changes it, keeping the file ----
  await page.getByTestId('bid-replace').click()
  await expect(page.getByTestId('bid-form').getByTestId('file-upload-item')).toContainText('技术方案.pdf')
  await page.getByTestId('bid-price').fill('48000.5')
  await page.getByTestId('bid-submit').click()
  await expect(page.locator('.el-message--success').filter({ hasText: '报价已修改' })).toBeVisible()
  await expect(page.getByTestId('bid-current-price')).toHaveText('48,000.50 元')
  await expect(page.getByTestId('bid-current').getByTestId('stored-file-download')).toHaveText('技术方案.pdf')

  // ---- sees it under 我的报价 and marked on the list ----
  await page.getByTestId('menu-my-bids').click()
  const bidRow = page.getByTestId('my-bids-table').locator('tr').filter({ hasText: title })
  await expect(bidRow.getByTestId('my-bids-price')).toHaveText('48,000.50 元')
  await expect(bidRow.getByTestId('my-bids-status-tag')).toHaveText('有效')
  await expect(bidRow.getByTestId('my-bids-stage')).toHaveText('报价中')
  await page.screenshot({ path: 'test-results/screens/intermediary-my-bids-zh.png', fullPage: true })
  await page.getByTestId('menu-open-procurements').click()
  await expect(page.getByTestId('open-procurement').filter({ hasText: title }).getByTestId('open-procurement-my-bid')).toHaveText('我的报价：有效')
  await page.getByTestId('menu-my-contracts').click()
  await expect(page.getByTestId('contracts-table')).toContainText('暂无合同')
  await logout(page)

  // ---- the second intermediary sees the procurement, not the bid nor the question ----
  await login(page, second.email, second.password)
  await page.getByTestId('menu-open-procurements').click()
  await page.getByTestId('open-search').fill(run)
  await page.getByTestId('open-search-submit').click()
  const theirCard = page.getByTestId('open-procurement').filter({ hasText: title })
  await expect(theirCard.getByTestId('open-procurement-no-bid')).toHaveText('未报价')
  await theirCard.getByTestId('open-procurement-title').click()
  await expect(page.getByTestId('detail-title')).toHaveText(title)
  await expect(page.getByTestId('bid-form')).toBeVisible()
  await expect(page.getByTestId('bid-current')).toHaveCount(0)
  await expect(page.getByTestId('questions-empty')).toBeVisible()
  await expect(page.locator('body')).not.toContainText('48,000.50')
  await expect(page.locator('body')).not.toContainText('电子版和纸质版')
  await expect(page.locator('body')).not.toContainText(first.name)
  await page.getByTestId('menu-my-bids').click()
  await expect(page.getByTestId('my-bids-table')).not.toContainText(title)
  await logout(page)

  // ---- signed out: the public notices and the draw's commitment ----
  await page.getByTestId('to-public-notices').click()
  await expect(page).toHaveURL(/\/public\/notices$/)
  await expect(page.getByRole('heading', { name: '结果公示' })).toBeVisible()
  await expect(page.getByTestId('notices-table')).toBeVisible()
  await page.getByTestId('notices-in-notice').click()
  await expect(page.getByTestId('notices-in-notice')).toHaveClass(/is-checked/)
  await page.screenshot({ path: 'test-results/screens/public-notices-zh.png', fullPage: true })
  await page.goto(`/public/draws/${drawDraft.id}`)
  await expect(page.getByTestId('draw-verdict')).toHaveAttribute('data-verdict', 'pending')
  await expect(page.getByTestId('draw-commitment')).toHaveText(drawPublished.seed_commitment)
  await expect(page.getByTestId('draw-seed-hidden')).toHaveText('报价截止后公开')
  await expect(page.getByTestId('public-to-login')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/public-draw-pending-zh.png', fullPage: true })
})
