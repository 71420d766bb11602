// Rating anomalies (评价异常) in the browser: the demo intermediary has an accepted job whose
// owner (another demo enterprise, not the one credit.spec.ts rates as) has yet to rate it. In its
// 机构信息 page the intermediary saves that owner's sign-in e-mail as its contact e-mail (the
// legal representative it already had is kept); the owner then rates the job through the API, which
// flags the rating as a tied owner. The regulator finds the count on the credit overview, opens
// the 评价异常 tab from it, reads the shared e-mail, is told a note is needed, reviews the flag with
// one and finds it among the reviewed ones; the centre sees the tab without the review action.
// Afterwards the intermediary's contact e-mail is put back.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { signedIn } from './api'
import { DEMO_PASSWORD, DEMO_USERS, login } from './helpers'

const SCREENS = 'test-results/screens'

interface ReceivedRating {
  id: string
  job_id: string
  job_title: string
  rater: string
  status: string
  due_at: string
}

interface Profile {
  id: string
  name: string
  practitioners: number
  introduction: string
  service_types: { id: string }[]
  legal_representative?: string | null
  contact_phone?: string | null
  contact_email?: string | null
}

async function settled(page: Page): Promise<void> {
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0)
}

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' })
  const page = await context.newPage()
  await login(page, email)
  return page
}

test('an owner tied to the intermediary it rates is flagged, and a regulator reviews the flag', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(180_000)

  // ---- set-up through the API: an open owner rating of the demo intermediary, and that owner's user ----
  const intermediary = await signedIn(playwright, baseURL!, DEMO_USERS.intermediary)
  const before = await intermediary.get<Profile>('/intermediaries/me')
  const file = await intermediary.get<{ ratings: ReceivedRating[] }>('/credit/mine')
  const admin = await signedIn(playwright, baseURL!, DEMO_USERS.center_admin)
  const demoOwner = await signedIn(playwright, baseURL!, DEMO_USERS.enterprise)
  const demoOwnerId = (await demoOwner.get<{ organisation: { id: string } }>('/me')).organisation.id
  await demoOwner.dispose()
  let found: { task: ReceivedRating; owner: string; email: string } | null = null
  for (const task of file.ratings.filter((r) => r.rater === 'owner' && r.status === 'open' && Date.parse(r.due_at) > Date.now() + 120_000)) {
    const procurement = await admin.get<{ owner: { id: string; name: string } }>(`/procurements/${task.job_id}`)
    if (procurement.owner.id === demoOwnerId) continue
    const users = await admin.get<{ items: { email: string; role: string }[] }>(`/users?organisation_id=${procurement.owner.id}&role=enterprise`)
    const user = users.items[0]
    if (user) {
      found = { task, owner: procurement.owner.name, email: user.email }
      break
    }
  }
  await admin.dispose()
  expect(found, 'the demo data leaves the demo intermediary an open owner rating of another enterprise').not.toBeNull()
  if (!found) return
  const { task, email: ownerEmail } = found
  expect(before.legal_representative, 'the demo intermediary states its legal representative').toBeTruthy()

  // ---- the intermediary saves the owner's e-mail as its contact e-mail in 机构信息 ----
  const own = await pageAs(browser, DEMO_USERS.intermediary)
  await own.getByTestId('menu-organisation').click()
  await expect(own.getByTestId('org-legal-representative')).toHaveValue(before.legal_representative ?? '')
  await own.getByTestId('org-contact-email').fill('不是邮箱')
  await own.getByTestId('org-save').click()
  const wrong = own.locator('.el-form-item.is-error')
  await expect(wrong).toHaveCount(1)
  await expect(wrong).toContainText('联系邮箱')
  await expect(wrong.locator('.el-form-item__error')).not.toBeEmpty()
  await own.getByTestId('org-contact-email').fill(ownerEmail)
  await own.getByTestId('org-contact-phone').fill('0573-87650000')
  await own.getByTestId('org-save').click()
  await expect(own.locator('.el-message--success')).toBeVisible()
  await own.reload()
  await expect(own.getByTestId('org-contact-email')).toHaveValue(ownerEmail)
  await expect(own.getByTestId('org-contact-phone')).toHaveValue('0573-87650000')
  await expect(own.getByTestId('org-legal-representative')).toHaveValue(before.legal_representative ?? '')
  await own.screenshot({ path: `${SCREENS}/organisation-contacts-zh.png`, fullPage: true })
  await own.context().close()
  const saved = await intermediary.get<Profile>('/intermediaries/me')
  expect(saved.contact_email).toBe(ownerEmail)

  // ---- the owner rates the job: the rating is flagged ----
  const owner = await signedIn(playwright, baseURL!, ownerEmail, DEMO_PASSWORD)
  const formula = await owner.get<{ indicators: { code: string }[] }>('/credit/formula')
  await owner.post(`/credit/rating-tasks/${task.id}/rating`, { scores: Object.fromEntries(formula.indicators.map((i) => [i.code, 4])) })
  await owner.dispose()

  try {
    // ---- the regulator finds it from the overview and reviews it ----
    await login(page, DEMO_USERS.regulator)
    await page.getByTestId('menu-credit-review').click()
    const counter = page.getByTestId('credit-queue-anomalies')
    await expect(counter).toContainText('评价异常')
    expect(Number(await counter.getByTestId('credit-queue-count').textContent())).toBeGreaterThanOrEqual(1)
    await expect(page.getByTestId('credit-trend').locator('svg')).toBeVisible()
    await page.screenshot({ path: `${SCREENS}/credit-overview-anomalies-zh.png` })
    await counter.click()
    await expect(page).toHaveURL(/\/regulator\/queues\?tab=anomalies$/)
    const row = page.getByTestId('queue-anomalies').locator('tbody tr').filter({ hasText: task.job_title }).filter({ hasText: '业主与中介关联' })
    await expect(row).toHaveCount(1)
    await expect(row.getByTestId('anomaly-detail')).toContainText(`业主与中介共用：邮箱 ${ownerEmail}`)
    await expect(row.getByTestId('anomaly-rater')).toHaveText('评价方：项目业主')
    await expect(row.getByTestId('queue-row-name')).toHaveText(before.name)
    await expect(row.getByTestId('queue-row-status')).toHaveText('待核查')
    await settled(page)
    await page.screenshot({ path: `${SCREENS}/credit-queues-anomalies-zh.png`, fullPage: true })

    await row.getByTestId('anomaly-review').click()
    const dialog = page.getByTestId('anomaly-review-dialog')
    await expect(dialog).toContainText(ownerEmail)
    await dialog.getByTestId('anomaly-review-submit').click()
    await expect(dialog.getByTestId('anomaly-note-error')).toHaveText('请填写核查意见')
    const note = `已电话核实：业主经办人误将中介邮箱登记为本单位账号（${task.job_title}）`
    await dialog.getByTestId('anomaly-note-input').fill(note)
    await expect(dialog.getByTestId('anomaly-note-error')).toHaveCount(0)
    await page.screenshot({ path: `${SCREENS}/credit-anomaly-review-zh.png`, fullPage: true })
    await dialog.getByTestId('anomaly-review-submit').click()
    await page.locator('.el-message-box').getByRole('button', { name: '核查' }).click()
    await expect(page.locator('.el-message--success').filter({ hasText: '已记录核查意见' })).toBeVisible()
    await expect(dialog).toBeHidden()
    await expect(row).toHaveCount(0)

    await page.getByTestId('queue-anomaly-status').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '已核查' }).click()
    const reviewed = page.getByTestId('queue-anomalies').locator('tbody tr').filter({ hasText: task.job_title }).filter({ hasText: '业主与中介关联' })
    await expect(reviewed).toHaveCount(1)
    await expect(reviewed.getByTestId('queue-row-status')).toHaveText('已核查')
    await expect(reviewed.getByTestId('anomaly-note')).toHaveText(note)
    await expect(reviewed.getByTestId('anomaly-review')).toHaveCount(0)

    // ---- the centre reads the tab without the review action ----
    const centre = await pageAs(browser, DEMO_USERS.center_admin)
    await centre.goto('/regulator/queues?tab=anomalies')
    await expect(centre.getByTestId('queue-tab-anomalies')).toBeVisible()
    await expect(centre.locator('.el-tabs__item.is-active')).toContainText('评价异常')
    await expect(centre.getByTestId('queue-anomalies')).toBeVisible()
    await settled(centre)
    await expect(centre.getByTestId('anomaly-review')).toHaveCount(0)
    await centre.context().close()
  } finally {
    // ---- the demo intermediary's contacts as they were ----
    await intermediary.put('/intermediaries/me', {
      practitioners: before.practitioners,
      introduction: before.introduction,
      service_type_ids: before.service_types.map((type) => type.id),
      legal_representative: before.legal_representative ?? null,
      contact_phone: before.contact_phone ?? null,
      contact_email: before.contact_email ?? null,
    })
    await intermediary.dispose()
  }
})
