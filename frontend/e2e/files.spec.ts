// File uploads from the account page: a PDF is stored and comes back byte for byte through its
// signed link; content off the allow-list is refused with a translated message; roles that
// upload nothing do not see the section.
import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { chooseLocale, DEMO_USERS, login, logout } from './helpers'

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n')

test('the intermediary uploads a PDF from the account page and downloads the same bytes', async ({
  page,
  playwright,
  baseURL,
}) => {
  await login(page, DEMO_USERS.intermediary)
  await page.goto('/account')
  const section = page.getByTestId('account-files')
  await expect(section).toContainText('文件需在业务中引用，否则 24 小时后自动清理')
  await expect(section.getByTestId('file-upload-hint')).toContainText('单个文件不超过 50 MB')
  await section.getByTestId('file-purpose-delivery_result').click()
  await expect(section.getByTestId('file-upload-hint')).toContainText('单个文件不超过 200 MB')

  const uploaded = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/files')
  await section
    .getByTestId('file-upload-input')
    .setInputFiles({ name: '成果报告.pdf', mimeType: 'application/pdf', buffer: PDF })
  const stored = await uploaded
  expect(stored.status()).toBe(201)
  expect(new URL(stored.url()).searchParams.get('purpose')).toBe('delivery_result')
  const item = section.getByTestId('file-upload-item').filter({ hasText: '成果报告.pdf' })
  await expect(item).toHaveAttribute('data-status', 'stored')
  await expect(item.getByTestId('file-upload-download')).toHaveText('下载')

  const linked = page.waitForResponse((response) => /^\/api\/v1\/files\/[^/]+\/link$/.test(new URL(response.url()).pathname))
  const downloading = page.waitForEvent('download')
  await item.getByTestId('file-upload-download').click()
  const { url } = (await (await linked).json()) as { url: string }
  const download = await downloading
  expect(download.suggestedFilename()).toBe('成果报告.pdf')
  expect(await readFile(await download.path())).toEqual(PDF)

  const viaLink = await page.request.get(url)
  expect(viaLink.ok()).toBe(true)
  expect(await viaLink.body()).toEqual(PDF)
  // The link needs no session.
  const anonymous = await playwright.request.newContext({ baseURL })
  const withoutSession = await anonymous.get(url)
  expect(withoutSession.ok()).toBe(true)
  expect(await withoutSession.body()).toEqual(PDF)
  await anonymous.dispose()

  await item.getByTestId('file-upload-remove').click()
  await expect(item).toBeHidden()
})

test('a text file renamed .pdf is refused with a translated message', async ({ page }) => {
  await login(page, DEMO_USERS.intermediary)
  await page.goto('/account')
  const section = page.getByTestId('account-files')
  await section
    .getByTestId('file-upload-input')
    .setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some notes\n') })
  const item = section.getByTestId('file-upload-item').filter({ hasText: 'notes.pdf' })
  await expect(item).toHaveAttribute('data-status', 'failed')
  await expect(item.getByTestId('file-upload-error')).toHaveText(
    '不支持该文件类型（按文件内容识别），请上传 PDF、图片、Office 文档或 zip 文件',
  )
  await expect(item.getByTestId('file-upload-retry')).toBeHidden()

  await chooseLocale(page, 'en')
  await expect(item.getByTestId('file-upload-error')).toHaveText(
    'This type of file is not accepted (judged by its content); upload a PDF, an image, an Office document or a zip file',
  )
  await expect(section).toContainText('Files not attached to a record are removed after 24 hours.')
})

test('the enterprise uploads its own purposes and the regulator has no file section', async ({ page }) => {
  await login(page, DEMO_USERS.enterprise)
  await page.goto('/account')
  const section = page.getByTestId('account-files')
  await expect(section.getByTestId('file-purpose-application_material')).toBeVisible()
  // Case evidence has no record to attach to until the case domain arrives: nobody uploads it.
  await expect(section.getByTestId('file-purpose-case_evidence')).toHaveCount(0)
  await expect(section.getByTestId('file-purpose-bid_proposal')).toHaveCount(0)
  await expect(section.getByTestId('file-upload-hint')).toContainText('单个文件不超过 20 MB')

  await logout(page)
  await login(page, DEMO_USERS.regulator)
  await page.goto('/account')
  await expect(page.getByTestId('notification-preferences')).toBeVisible()
  await expect(page.getByTestId('account-files')).toHaveCount(0)
})
