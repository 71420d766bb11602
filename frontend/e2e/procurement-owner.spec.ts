// The intermediary supermarket from the project owner's side, before bidding closes (the
// deadline is working days away and the server runs on the real clock; what follows closing is
// covered by the component tests): the centre keeps a service type; three intermediaries offer
// it with the qualification it needs (through the API); a newly registered enterprise registers
// an investment project, drafts a lowest-price procurement in the wizard (fee range and time
// limit shown, a budget outside the range refused, one intermediary avoided with a reason),
// publishes it with the deadline counted in working days, answers a question, and sees nothing
// of the bids placed meanwhile. The centre's own page: a service type and a package of two.
import { expect, test, type Page, type PlaywrightWorkerArgs } from '@playwright/test'
import { randomUscc } from '../src/utils/uscc'
import { registerEnterprise, signedIn, stamp, type ApiCaller } from './api'
import { DEMO_USERS, login, logout } from './helpers'

const SCREENS = 'test-results/screens'

async function confirmBox(page: Page, name: string): Promise<void> {
  await page.locator('.el-message-box').getByRole('button', { name }).click()
}

/** A service type of the centre's catalogue, through the API. */
async function createServiceType(admin: ApiCaller, run: string, name: string) {
  return admin.post<{ id: string }>('/service-types', {
    code: `e2e_eia_${run}`.toLowerCase(),
    name_zh: name,
    name_en: `EIA ${run}`,
    approval_zh: '建设项目环境影响评价文件审批',
    approval_en: 'Approval of the environmental impact assessment',
    qualification: 'environmental_impact_assessment',
    fee_min_fen: 1_000_000,
    fee_max_fen: 40_000_000,
    time_limit_working_days: 30,
    guide_zh: '业主提供项目工艺、平面布置和选址资料，成果为环境影响报告书。',
    guide_en: 'The owner provides the process, layout and site; the result is the report.',
    active: true,
    position: 900,
  })
}

/** A newly registered intermediary, approved by the centre, offering the type with its qualification. */
async function qualifiedIntermediary(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  admin: ApiCaller,
  name: string,
  serviceTypeId: string,
): Promise<ApiCaller> {
  const suffix = stamp()
  const email = `e2e-int-${suffix}@example.com`
  const password = `Qifu-e2e-${suffix}`
  const context = await playwright.request.newContext({ baseURL })
  const response = await context.post('/api/v1/auth/register', {
    data: { kind: 'intermediary', organisation_name: name, uscc: randomUscc(), display_name: '中介联系人', email, password, locale: 'zh-CN' },
  })
  expect(response.ok(), await response.text()).toBe(true)
  const { organisation } = (await response.json()) as { organisation: { id: string } }
  await context.dispose()
  await admin.post(`/organisations/${organisation.id}/approve`, { reason: '资料齐全' })
  const intermediary = await signedIn(playwright, baseURL, email, password)
  await intermediary.put('/intermediaries/me', { practitioners: 20, introduction: '环评编制', service_type_ids: [serviceTypeId] })
  await intermediary.put('/intermediaries/me/qualifications', {
    qualification_type: 'environmental_impact_assessment',
    level: '',
    certificate_number: `HP-${suffix}`,
    expires_on: '2030-12-31',
  })
  return intermediary
}

test('an owner drafts and publishes a procurement in the wizard, answers a question, and sees no bids before the deadline', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const run = stamp()
  const typeName = `环境影响评价${run}`
  const projectName = `端到端产业园${run}`
  const title = `端到端产业园环评${run}`
  const digits = String(Date.now()).slice(-6)
  const projectCode = `2026-330106-04-01-${digits}`

  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const type = await createServiceType(admin, run, typeName)
  const names = ['甲', '乙', '丙'].map((n) => `端到端环评中介${n}${run}`)
  const [first, second, avoided] = await Promise.all(
    names.map((name) => qualifiedIntermediary(playwright, baseURL!, admin, name, type.id)),
  )
  await admin.dispose()
  const firm = await registerEnterprise(playwright, baseURL!, `端到端业主企业${run}`)

  // The owner registers its project.
  await login(page, firm.email, firm.password)
  await page.getByTestId('menu-procurements').click()
  await expect(page.getByRole('heading', { name: '我的项目与采购' })).toBeVisible()
  await expect(page.getByTestId('procurement-create')).toBeDisabled()
  await page.getByTestId('project-create').click()
  const projectDialog = page.getByTestId('project-dialog')
  await projectDialog.getByTestId('project-name').fill(projectName)
  await projectDialog.getByTestId('project-code').fill('2026-3301-04-01-1')
  await projectDialog.getByTestId('project-division').click()
  await expect(projectDialog).toContainText('项目代码格式应为 YYYY-XXXXXX-XX-XX-XXXXXX')
  await projectDialog.getByTestId('project-code').fill(projectCode)
  await projectDialog.getByTestId('project-division').click()
  // The division comes from the project code.
  await expect(projectDialog.getByTestId('project-division')).toHaveValue('330106')
  await projectDialog.getByTestId('project-investment').fill('128000000')
  await projectDialog.getByTestId('project-confirm').click()
  const projectRow = page.getByTestId('projects-table').locator('tr').filter({ hasText: projectName })
  await expect(projectRow).toContainText(projectCode)
  await expect(projectRow).toContainText('128,000,000.00 元')

  // The wizard: the project and the service type with its fee range and time limit.
  await projectRow.getByTestId('project-procure').click()
  const wizard = page.getByTestId('procurement-wizard')
  await expect(wizard.getByTestId('wizard-project')).toContainText(`${projectName}（${projectCode}）`)
  await wizard.getByTestId('wizard-next').click()
  await expect(wizard).toContainText('请选择服务事项')
  await wizard.getByTestId('wizard-service-type').click()
  await page.getByRole('option').filter({ hasText: typeName }).click()
  await expect(wizard.getByTestId('wizard-fee-range')).toHaveText('10,000.00 元 – 400,000.00 元')
  await expect(wizard.getByTestId('wizard-time-limit')).toHaveText('30 个工作日')
  await expect(wizard.getByTestId('wizard-guide')).toContainText('成果为环境影响报告书')
  await page.screenshot({ path: `${SCREENS}/procurement-wizard-subject-zh.png`, fullPage: true })
  await wizard.getByTestId('wizard-next').click()

  // The terms: a budget ceiling above the fee range is refused before sending.
  await wizard.getByTestId('wizard-title').fill(title)
  await wizard.getByTestId('wizard-scope').fill('编制环境影响报告书，配合技术审查并按意见修改。')
  await wizard.getByTestId('wizard-budget').fill('500000')
  await wizard.getByTestId('wizard-next').click()
  await expect(wizard).toContainText('最高限价须在收费区间 10,000.00 元 – 400,000.00 元 之内')
  await wizard.getByTestId('wizard-budget').fill('200000')
  await wizard.getByTestId('wizard-next').click()

  // Avoidance (with its reason) and the selection method.
  await wizard.getByTestId('wizard-avoid-pick').click()
  await page.getByRole('option', { name: names[2] }).click()
  await expect(wizard.getByTestId('wizard-avoided')).toContainText(names[2]!)
  await wizard.getByTestId('wizard-method-lowest_price').click()
  await wizard.getByTestId('wizard-next').click()
  await expect(wizard).toContainText('请为每个回避机构填写理由')
  await wizard.getByTestId('wizard-avoid-reason').fill('与业主存在关联关系')
  await wizard.getByTestId('wizard-next').click()

  // The schedule: bidding working days, and the statutory time limit as the service days.
  await expect(wizard.getByTestId('wizard-service-days').locator('input')).toHaveValue('30')
  await wizard.getByTestId('wizard-bidding-days').locator('input').fill('3')
  await wizard.getByTestId('wizard-bidding-days').locator('input').blur()
  await expect(wizard.getByTestId('wizard-summary')).toContainText('200,000.00 元')
  await expect(wizard.getByTestId('wizard-summary')).toContainText('竞价选取')
  await wizard.getByTestId('wizard-save').click()

  // The draft opens; publishing says the deadline in working days, Beijing time.
  await expect(page.getByTestId('procurement-heading')).toHaveText(title)
  await expect(page.getByTestId('procurement-status')).toHaveText('草稿')
  await expect(page.getByTestId('terms-avoided')).toContainText('与业主存在关联关系')
  await page.getByTestId('procurement-publish').click()
  const box = page.locator('.el-message-box')
  await expect(box).toContainText('报价期 3 个工作日')
  await expect(box).toContainText('北京时间')
  await confirmBox(page, '发布')
  await expect(page.getByTestId('procurement-status')).toHaveText('报价中')
  await expect(page.getByTestId('procurement-sealed')).toContainText('报价密封中')
  await expect(page.getByTestId('procurement-countdown')).toContainText('天')
  await expect(page.getByTestId('procurement-deadline')).toContainText('23:59:59')
  const procurementId = page.url().split('/').pop()!

  // Two intermediaries bid and one asks a question.
  for (const [bidder, price] of [
    [first!, 15_000_000],
    [second!, 18_000_000],
  ] as const) {
    await bidder.put(`/procurements/${procurementId}/bid`, { price_fen: price, promised_working_days: 25, proposal: '方案要点' })
  }
  const question = `是否需要开展地下水专项评价？${run}`
  await first!.post(`/procurements/${procurementId}/questions`, { question })

  // The owner answers; bids stay sealed: no evaluation, no price, no count.
  await page.reload()
  await page.getByTestId('tab-questions').click()
  const item = page.getByTestId('question-item').filter({ hasText: question })
  await item.getByTestId('question-answer-input').fill('需要，按导则开展地下水环境影响评价。')
  await item.getByTestId('question-answer-submit').click()
  await expect(item.getByTestId('question-answer')).toHaveText('需要，按导则开展地下水环境影响评价。')
  await expect(page.getByTestId('tab-evaluation')).toHaveCount(0)
  await expect(page.getByTestId('evaluation-bids')).toHaveCount(0)
  const body = await page.locator('body').innerText()
  expect(body).not.toContain('150,000.00')
  expect(body).not.toContain('180,000.00')
  expect(body).not.toContain(names[0]!)
  const sealed = await page.request.get(`/api/v1/procurements/${procurementId}/evaluation`)
  expect(sealed.status()).toBe(422)
  expect(((await sealed.json()) as { error: { code: string } }).error.code).toBe('bids_sealed')
  await page.screenshot({ path: `${SCREENS}/procurement-owner-sealed-zh.png`, fullPage: true })

  // The list shows it published with its deadline.
  await page.getByTestId('procurement-back').click()
  const row = page.getByTestId('procurements-table').locator('tr').filter({ hasText: title })
  await expect(row.getByTestId('procurement-status')).toHaveText('报价中')
  await expect(row).toContainText('23:59:59')
  await page.screenshot({ path: `${SCREENS}/procurement-owner-list-zh.png`, fullPage: true })

  await Promise.all([first, second, avoided].map((caller) => caller!.dispose()))
  await logout(page)
})

test('the centre adds service types and a package with the summed fee range', async ({ page }) => {
  const run = stamp()
  const survey = `竣工测绘${run}`
  const planning = `规划核实测量${run}`
  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-service-types').click()
  await expect(page.getByRole('heading', { name: '涉审中介事项' })).toBeVisible()

  for (const [code, name, min, max] of [
    [`e2e_survey_${run}`, survey, '10000', '150000'],
    [`e2e_planning_${run}`, planning, '5000', '80000'],
  ] as const) {
    await page.getByTestId('service-type-create').click()
    const dialog = page.getByTestId('service-type-dialog')
    await dialog.getByTestId('service-type-code').fill(code.toLowerCase())
    await dialog.getByTestId('service-type-name-zh').fill(name)
    await dialog.getByTestId('service-type-name-en').fill(`Survey ${code}`)
    await dialog.getByTestId('service-type-approval-zh').fill('建设工程竣工联合验收')
    await dialog.getByTestId('service-type-qualification').click()
    await page.getByRole('option', { name: '测绘资质' }).click()
    // A lowest fee above the highest is refused before sending.
    await dialog.getByTestId('service-type-fee-min').fill(max)
    await dialog.getByTestId('service-type-fee-max').fill(min)
    await dialog.getByTestId('service-type-confirm').click()
    await expect(dialog).toContainText('收费下限不能高于上限')
    await dialog.getByTestId('service-type-fee-min').fill(min)
    await dialog.getByTestId('service-type-fee-max').fill(max)
    await dialog.getByTestId('service-type-time-limit').locator('input').fill('15')
    await dialog.getByTestId('service-type-guide-zh').fill('业主提供竣工图和规划许可文件。')
    await dialog.getByTestId('service-type-confirm').click()
    await expect(dialog).toBeHidden()
  }
  await page.getByTestId('service-types-search').fill(run)
  const surveyRow = page.getByTestId('service-types-table').locator('tr').filter({ hasText: survey })
  await expect(surveyRow).toContainText('10,000.00 元 – 150,000.00 元')
  await expect(surveyRow).toContainText('15 个工作日')
  await expect(surveyRow).toContainText('测绘资质')

  // Withdrawn from new procurements.
  await surveyRow.getByTestId('service-type-edit').click()
  await page.getByTestId('service-type-dialog').getByTestId('service-type-active').click()
  await page.getByTestId('service-type-dialog').getByTestId('service-type-confirm').click()
  await expect(surveyRow.getByTestId('service-type-status')).toHaveText('已停用')
  await surveyRow.getByTestId('service-type-edit').click()
  await page.getByTestId('service-type-dialog').getByTestId('service-type-active').click()
  await page.getByTestId('service-type-dialog').getByTestId('service-type-confirm').click()
  await expect(surveyRow.getByTestId('service-type-status')).toHaveText('可采购')

  // A package of both, its fee range summed as members are chosen.
  await page.getByRole('tab', { name: /服务套餐/ }).click()
  await page.getByTestId('service-type-package-create').click()
  const dialog = page.getByTestId('service-type-package-dialog')
  await dialog.getByTestId('package-code').fill(`e2e_pack_${run}`.toLowerCase())
  await dialog.getByTestId('package-name-zh').fill(`竣工测绘类${run}`)
  await dialog.getByTestId('package-name-en').fill(`Completion surveying ${run}`)
  await dialog.getByTestId('package-members').click()
  await page.getByRole('option', { name: survey }).click()
  await page.getByRole('option', { name: planning }).click()
  await dialog.getByTestId('package-name-zh').click()
  await expect(dialog.getByTestId('package-fee-range')).toHaveText('收费区间（各事项之和）：15,000.00 元 – 230,000.00 元')
  await page.screenshot({ path: `${SCREENS}/service-type-package-dialog-zh.png`, fullPage: true })
  await dialog.getByTestId('package-confirm').click()
  const card = page.getByTestId('service-type-package').filter({ hasText: `竣工测绘类${run}` })
  await expect(card.getByTestId('service-type-package-range')).toHaveText('15,000.00 元 – 230,000.00 元')
  await expect(card).toContainText(survey)
  await expect(card).toContainText(planning)
  await page.screenshot({ path: `${SCREENS}/service-types-packages-zh.png`, fullPage: true })
})
