// The enterprise from its profile to a matched policy to an application: the centre publishes a
// clause (through the API) that the demo enterprise meets once its profile says where it is
// registered and how many people it employs; the enterprise fills in the profile, sees its tags
// and why, finds the clause eligible and explained, applies with an uploaded PDF and follows the
// application. Also: a near miss says what would have to change (and a link to it opens it), a
// profile someone else saved meanwhile is not overwritten, a returned application is handed in
// again and an automatic grant is accepted.
import { expect, test, type Page } from '@playwright/test'
import { demoDepartmentId, signedIn, stamp, type ApiCaller } from './api'
import { chooseLocale, DEMO_USERS, login } from './helpers'

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n')

/** `YYYY-MM-DD`, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** As the centre: a published apply-mode clause of a new policy issued by the demo department. */
async function publishClause(
  admin: ApiCaller,
  clause: { title: string; condition_text: string; materials: string[]; amount_fixed_fen?: number; mode?: string },
): Promise<string> {
  const policy = await admin.post<Record<string, unknown>>('/policies', {
    title: `关于支持企业高质量发展的若干政策（${clause.title}）`,
    issuer_id: await demoDepartmentId(admin),
    level: 'district',
    document_number: `演发改〔2026〕${Math.floor(Math.random() * 1000)}号`,
    effective_from: day(-30),
    effective_to: day(365),
    summary: '端到端测试政策',
  })
  const created = await admin.post<Record<string, unknown>>(`/policies/${String(policy.id)}/clauses`, {
    benefit: '给予一次性奖励',
    window_opens_on: day(-1),
    window_closes_on: day(60),
    mode: 'apply',
    ...clause,
  })
  await admin.post<Record<string, unknown>>(`/clauses/${String(created.id)}/publish`, {})
  return String(created.id)
}

/** As the centre: a tag dimension with one tag derived from the employees and the region. */
async function createDerivedTag(admin: ApiCaller, code: string, name: string): Promise<void> {
  const dimension = await admin.post<Record<string, unknown>>('/tag-dimensions', {
    code: `dim_${code}`,
    name_zh: `测试维度${code.slice(-4)}`,
    name_en: `Test dimension ${code.slice(-4)}`,
    position: 99,
  })
  await admin.post<Record<string, unknown>>('/tags', {
    code,
    dimension_id: dimension.id,
    name_zh: name,
    name_en: `Staffed in Zhejiang ${code.slice(-4)}`,
    description: '注册在浙江且从业人数不少于 10 人',
    rule_text: 'all(employees >= 10, region within "33")',
  })
}

/** As the enterprise: saves the profile with these fields changed, from whatever version it is at. */
async function updateProfile(enterprise: ApiCaller, changes: Record<string, unknown>): Promise<number> {
  const current = await enterprise.get<Record<string, unknown>>('/enterprises/me/profile')
  const saved = await enterprise.put<Record<string, unknown>>('/enterprises/me/profile', { ...current, ...changes })
  return saved.version as number
}

async function pickOption(page: Page, name: string) {
  await page.getByRole('option', { name, exact: true }).click()
}

test('the enterprise fills in its profile, finds a clause it is eligible for, applies and follows it', async ({
  page,
  playwright,
  baseURL,
}) => {
  const id = stamp()
  test.setTimeout(90_000)
  const clauseTitle = `端到端研发补助${id}`
  const tagName = `浙江规上${id.slice(-4)}`
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  await createDerivedTag(admin, `e2e_${id}`, tagName)
  const clauseId = await publishClause(admin, {
    title: clauseTitle,
    condition_text: 'all(region within "33", employees >= 10)',
    amount_fixed_fen: 5_000_000,
    materials: ['营业执照副本'],
  })
  await admin.dispose()
  // The seeded demo profile is filled in already: take out what this test fills in itself.
  const enterprise = await signedIn(playwright, baseURL!, DEMO_USERS.enterprise)
  const current = await enterprise.get<{ qualifications: { kind: string }[] }>('/enterprises/me/profile')
  await updateProfile(enterprise, {
    region_code: null,
    qualifications: current.qualifications.filter((held) => held.kind !== 'tech_sme'),
  })
  await enterprise.dispose()

  await login(page, DEMO_USERS.enterprise)
  await page.getByTestId('menu-profile').click()
  await expect(page.getByTestId('profile-name')).toHaveText('杭州演示智能科技有限公司')
  const versionBefore = (await page.getByTestId('profile-version').textContent()) ?? ''

  await page.getByTestId('profile-legal-representative').fill(`张三${id.slice(-4)}`)
  await page.getByTestId('profile-region').click()
  const cascade = page.locator('.profile-region-popper')
  await cascade.locator('.el-cascader-node', { hasText: '浙江省' }).click()
  await cascade.locator('.el-cascader-node', { hasText: '杭州市' }).click()
  await cascade.locator('.el-cascader-node', { hasText: '西湖区' }).click()
  await expect(page.getByTestId('profile-region').locator('input')).toHaveValue('浙江省 / 杭州市 / 西湖区')
  await page.getByTestId('profile-industry-section').click()
  await pickOption(page, 'I 信息传输、软件和信息技术服务业')
  await page.getByTestId('profile-industry-division').click()
  await pickOption(page, '65 软件和信息技术服务业')
  await page.getByTestId('profile-tax-credit-grade').click()
  await pickOption(page, 'A')
  await page.getByTestId('profile-revenue').fill('45,000,000.5')
  await page.getByTestId('profile-rd-spending').fill('3000000')
  await page.getByTestId('profile-employees').locator('input').fill('120')
  await page.getByTestId('profile-employees').locator('input').blur()
  await page.getByTestId('profile-add-qualification').click()
  const qualification = page.getByTestId('profile-qualifications').locator('tbody tr').last()
  await qualification.getByTestId('qualification-kind').click()
  await pickOption(page, '科技型中小企业')
  await qualification.getByTestId('qualification-certificate').fill(`GR${id}`)
  await qualification.getByTestId('qualification-expires-on').locator('input').fill(day(400))
  await qualification.getByTestId('qualification-expires-on').locator('input').press('Enter')
  await page.getByTestId('profile-founded-on').locator('input').fill('2019-05-20')
  await page.getByTestId('profile-founded-on').locator('input').press('Enter')

  await page.getByTestId('profile-save').click()
  await expect(page.getByText(/企业画像已保存（第 \d+ 版）/)).toBeVisible()
  await expect(page.getByTestId('profile-version')).not.toHaveText(versionBefore)
  await expect(page.getByTestId('profile-revenue')).toHaveValue('45000000.5')
  await expect(page.getByTestId('profile-size-class')).not.toHaveText('暂未判定')
  await page.screenshot({ path: test.info().outputPath('profile-zh.png'), fullPage: true })

  await page.getByTestId('profile-tab-tags').click()
  const tag = page.getByTestId('held-tag').filter({ hasText: tagName })
  await expect(tag).toBeVisible()
  await expect(tag.getByTestId('held-tag-why')).toContainText('从业人数不低于 10')
  await expect(tag.getByTestId('held-tag-why')).toContainText('当前：120')
  await expect(tag.getByTestId('held-tag-why')).toContainText('注册地属于 浙江省')
  await expect(tag.getByTestId('explanation-item').first()).toHaveAttribute('data-met', 'true')
  await page.screenshot({ path: test.info().outputPath('tags-zh.png'), fullPage: true })

  await page.getByTestId('profile-tab-history').click()
  const latest = page.getByTestId('profile-history').locator('tbody tr').first()
  await expect(latest.getByTestId('history-changes')).toContainText(`张三${id.slice(-4)}`)
  await page.screenshot({ path: test.info().outputPath('history-zh.png'), fullPage: true })

  await page.getByTestId('menu-policies').click()
  const card = page.getByTestId('policies-eligible').getByTestId('match-card').filter({ hasText: clauseTitle })
  await expect(card).toHaveAttribute('data-clause-id', clauseId)
  await expect(card.getByTestId('match-amount')).toHaveText('50,000.00 元')
  await expect(card).toContainText('演示区发展和改革局')
  await expect(card.getByTestId('match-mode')).toHaveText('申报')
  await expect(card.getByTestId('match-window')).toHaveText(`${day(-1)} 至 ${day(60)}`)
  await card.getByTestId('match-explain').click()
  const explanation = card.getByTestId('match-explanation')
  await expect(explanation.getByTestId('explanation-item')).toHaveCount(2)
  await expect(explanation).toContainText('注册地属于 浙江省')
  await expect(explanation).toContainText('当前：浙江省杭州市西湖区')
  await expect(explanation).toContainText('从业人数不低于 10')
  await card.screenshot({ path: test.info().outputPath('match-card-zh.png') })

  await card.getByTestId('match-apply').click()
  const dialog = page.getByTestId('apply-dialog')
  await dialog.getByTestId('apply-submit').click()
  await expect(dialog.getByTestId('apply-missing')).toHaveText('请上传以下材料：营业执照副本')
  const material = dialog.getByTestId('material').filter({ hasText: '营业执照副本' })
  await material.getByTestId('file-upload-input').setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(material.getByTestId('file-upload-item')).toHaveAttribute('data-status', 'stored')
  const submitted = page.waitForResponse((response) => response.url().endsWith(`/clauses/${clauseId}/applications`))
  await dialog.getByTestId('apply-submit').click()
  expect((await submitted).status()).toBe(201)
  await expect(page.getByText(`已提交申报：${clauseTitle}`)).toBeVisible()
  await expect(card.getByTestId('match-application-status')).toHaveText('审核中')
  await expect(card.getByTestId('match-apply')).toHaveCount(0)

  await page.getByTestId('menu-applications').click()
  const row = page.getByTestId('applications-table').locator('tbody tr').filter({ hasText: clauseTitle })
  await expect(row.getByTestId('application-status')).toHaveText('审核中')
  await expect(row.getByTestId('payout-clock-text')).toHaveText(/已用 \d+ \/ \d+ 个工作日/)
  await expect(row.getByTestId('payout-clock')).toHaveAttribute('data-late', 'false')
  await page.screenshot({ path: test.info().outputPath('applications-zh.png'), fullPage: true })
  await row.getByTestId('application-detail').click()
  const drawer = page.getByTestId('application-drawer')
  await expect(drawer.getByTestId('application-drawer-title')).toHaveText(clauseTitle)
  await expect(drawer.getByTestId('application-drawer-materials')).toContainText('营业执照副本')
  await drawer.screenshot({ path: test.info().outputPath('application-drawer-zh.png') })
  await page.keyboard.press('Escape')

  await chooseLocale(page, 'en')
  await expect(row.getByTestId('application-status')).toHaveText('Under review')
  await page.screenshot({ path: test.info().outputPath('applications-en.png'), fullPage: true })
  await page.getByTestId('menu-policies').click()
  await expect(card.getByTestId('match-amount')).toHaveText('¥50,000.00')
  await card.getByTestId('match-explain').click()
  await expect(card.getByTestId('match-explanation')).toContainText('Region of registration within Zhejiang Province')
  await page.screenshot({ path: test.info().outputPath('policies-en.png'), fullPage: true })
  await page.getByTestId('menu-profile').click()
  await expect(page.getByTestId('profile-region').locator('input')).toHaveValue(
    'Zhejiang Province / Hangzhou City / Xihu District',
  )
  await page.screenshot({ path: test.info().outputPath('profile-en.png'), fullPage: true })
  await chooseLocale(page, 'zh-CN')
})

test('a near miss says what would have to change, in both languages', async ({ page, playwright, baseURL }) => {
  const id = stamp()
  const clauseTitle = `端到端规模企业奖励${id}`
  const enterprise = await signedIn(playwright, baseURL!, DEMO_USERS.enterprise)
  await updateProfile(enterprise, { region_code: '330106', employees: 120 })
  await enterprise.dispose()
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const clauseId = await publishClause(admin, {
    title: clauseTitle,
    condition_text: 'all(region within "3301", employees >= 5000)',
    materials: [],
  })
  await admin.dispose()

  await login(page, DEMO_USERS.enterprise)
  await page.getByTestId('menu-policies').click()
  await expect(page.getByTestId('policies-eligible').getByTestId('match-card').filter({ hasText: clauseTitle })).toHaveCount(0)
  await page.getByTestId('policies-tab-near').click()
  const card = page.getByTestId('policies-near-misses').getByTestId('match-card').filter({ hasText: clauseTitle })
  const toChange = card.getByTestId('match-to-change')
  await expect(toChange).toContainText('要符合条件，还需：')
  await expect(toChange.getByTestId('explanation-item')).toHaveCount(1)
  await expect(toChange.getByTestId('explanation-requirement')).toHaveText('从业人数不低于 5000')
  await expect(toChange.getByTestId('explanation-actual')).toHaveText('当前：120')
  await expect(toChange.getByTestId('explanation-item')).toHaveAttribute('data-met', 'false')
  await expect(card.getByTestId('match-amount')).toHaveText('以审核核定为准')
  await expect(card.getByTestId('match-apply')).toHaveCount(0)
  await card.getByTestId('match-explain').click()
  const met = card.getByTestId('match-explanation').getByTestId('explanation-item').filter({ hasText: '注册地属于 浙江省杭州市' })
  await expect(met).toHaveAttribute('data-met', 'true')
  await card.screenshot({ path: test.info().outputPath('near-miss-zh.png') })

  // A push notification links to the clause: its tab opens with the clause explained.
  await page.goto(`/enterprise/policies?clause=${clauseId}`)
  await expect(card).toHaveClass(/highlighted/)
  await expect(card.getByTestId('match-explanation')).toBeVisible()

  await chooseLocale(page, 'en')
  await expect(toChange).toContainText('To become eligible:')
  await expect(toChange.getByTestId('explanation-requirement')).toHaveText('Employees at least 5000')
  await expect(toChange.getByTestId('explanation-actual')).toHaveText('Yours: 120')
  await card.screenshot({ path: test.info().outputPath('near-miss-en.png') })
  await chooseLocale(page, 'zh-CN')
})

test('a profile saved by someone else meanwhile is not overwritten: the user is told to reload', async ({
  page,
  playwright,
  baseURL,
}) => {
  await login(page, DEMO_USERS.enterprise)
  await page.getByTestId('menu-profile').click()
  await expect(page.getByTestId('profile-name')).toHaveText('杭州演示智能科技有限公司')

  // Someone else (another session of the enterprise) saves first.
  const other = await signedIn(playwright, baseURL!, DEMO_USERS.enterprise)
  const newer = await updateProfile(other, { legal_representative: `李四${stamp().slice(-4)}` })
  await other.dispose()

  await page.getByTestId('profile-employees').locator('input').fill('88')
  await page.getByTestId('profile-employees').locator('input').blur()
  await page.getByTestId('profile-save').click()
  const conflict = page.getByTestId('profile-conflict')
  await expect(conflict).toContainText('企业画像已被他人修改')
  await expect(conflict).toContainText('请重新加载最新内容后再修改')
  await page.screenshot({ path: test.info().outputPath('conflict-zh.png') })
  await conflict.getByTestId('profile-reload').click()
  await expect(conflict).toBeHidden()
  await expect(page.getByTestId('profile-version')).toContainText(`第 ${newer} 版`)
  const employees = await page.getByTestId('profile-employees').locator('input').inputValue()
  await page.getByTestId('profile-employees').locator('input').fill(employees === '88' ? '89' : '88')
  await page.getByTestId('profile-employees').locator('input').blur()
  await page.getByTestId('profile-save').click()
  await expect(page.getByText(`企业画像已保存（第 ${newer + 1} 版）`)).toBeVisible()
})

test('a returned application is handed in again, and an automatic grant is accepted', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(60_000)
  const id = stamp()
  const applyTitle = `端到端退回补正${id}`
  const grantTitle = `端到端免申即享${id}`
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const applyClause = await publishClause(admin, {
    title: applyTitle,
    condition_text: 'all(region within "33")',
    materials: ['审计报告'],
  })
  await publishClause(admin, {
    title: grantTitle,
    condition_text: 'all(region within "33")',
    materials: [],
    amount_fixed_fen: 1_234_567,
    mode: 'auto_grant',
  })
  await admin.dispose()
  const enterprise = await signedIn(playwright, baseURL!, DEMO_USERS.enterprise)
  await updateProfile(enterprise, { region_code: '330106' })
  const fileId = (await enterprise.upload<{ id: string }>('application_material', '审计报告.pdf', 'application/pdf', PDF)).id
  const application = await enterprise.post<Record<string, unknown>>(`/clauses/${applyClause}/applications`, {
    materials: [{ name: '审计报告', file_id: fileId }],
  })
  await enterprise.dispose()
  const department = await signedIn(playwright, baseURL!, DEMO_USERS.department)
  await department.post<Record<string, unknown>>(`/applications/${String(application.id)}/decide`, {
    decision: 'return',
    reason: '请补充加盖公章的审计报告',
  })
  await department.dispose()

  await login(page, DEMO_USERS.enterprise)
  await page.getByTestId('menu-applications').click()
  const row = page.getByTestId('applications-table').locator('tbody tr').filter({ hasText: applyTitle })
  await expect(row.getByTestId('application-status')).toHaveText('退回补正')
  await expect(row).toContainText('请补充加盖公章的审计报告')
  await row.getByTestId('application-resubmit').click()
  const dialog = page.getByTestId('resubmit-dialog')
  await expect(dialog).toContainText('请补充加盖公章的审计报告')
  const material = dialog.getByTestId('material').filter({ hasText: '审计报告' })
  // The file handed in before is kept unless replaced; replace it with a stamped one.
  await expect(material.getByTestId('file-upload-item')).toContainText('审计报告.pdf')
  await material.getByTestId('file-upload-input').setInputFiles({ name: '审计报告（盖章）.pdf', mimeType: 'application/pdf', buffer: PDF })
  // While the new file uploads the old one is still listed; once stored it replaces it.
  const replaced = material.getByTestId('file-upload-item').filter({ hasText: '审计报告（盖章）.pdf' })
  await expect(replaced).toHaveAttribute('data-status', 'stored')
  await expect(material.getByTestId('file-upload-item')).toHaveCount(1)
  await page.screenshot({ path: test.info().outputPath('resubmit-zh.png') })
  await dialog.getByTestId('resubmit-submit').click()
  await expect(page.getByText(`已重新提交：${applyTitle}`)).toBeVisible()
  await expect(row.getByTestId('application-status')).toHaveText('审核中')

  await page.getByTestId('menu-policies').click()
  const card = page.getByTestId('policies-eligible').getByTestId('match-card').filter({ hasText: grantTitle })
  await expect(card.getByTestId('match-mode')).toHaveText('免申即享')
  await expect(card.getByTestId('match-amount')).toHaveText('12,345.67 元')
  await expect(card.getByTestId('match-apply')).toHaveCount(0)
  await card.getByTestId('match-confirm').click()
  await page.getByRole('dialog').getByRole('button', { name: '确认享受' }).click()
  await expect(page.getByText(`已确认享受：${grantTitle}`)).toBeVisible()
  await expect(card.getByTestId('match-application-status')).toHaveText('已通过，待兑付')
  await expect(card.getByTestId('match-confirm')).toHaveCount(0)
  await page.getByTestId('menu-applications').click()
  const granted = page.getByTestId('applications-table').locator('tbody tr').filter({ hasText: grantTitle })
  await expect(granted.getByTestId('application-amount')).toHaveText('12,345.67 元')
})
