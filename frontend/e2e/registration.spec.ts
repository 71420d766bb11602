// Self-registration: an enterprise is signed in at once; an intermediary waits for the
// centre, whose administrator approves it.
import { expect, test } from '@playwright/test'
import { DEMO_USERS, login, logout, newRegistration, register } from './helpers'

test('a new enterprise registers and lands on its home', async ({ page }) => {
  const data = newRegistration('enterprise')
  await register(page, data)
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByTestId('home-welcome')).toContainText(data.displayName)
  await expect(page.getByTestId('home-organisation')).toHaveText(data.organisationName)
  await expect(page.getByTestId('menu-profile')).toBeVisible()
})

test('the form rejects a USCC with a wrong check character before sending it', async ({ page }) => {
  const valid = newRegistration('enterprise').uscc
  const wrongCheck = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0')
  await page.goto('/register')
  await page.getByTestId('register-uscc').fill(wrongCheck)
  await page.getByTestId('register-display-name').focus()
  await expect(page.getByText('统一社会信用代码校验位错误，请核对')).toBeVisible()
})

test('the centre approves a newly registered intermediary', async ({ page }) => {
  const data = newRegistration('intermediary')
  await register(page, data)
  await expect(page.getByTestId('register-submitted')).toContainText('已提交入驻申请，等待中心审核')

  await login(page, data.email, data.password)
  await expect(page.getByTestId('home-pending')).toContainText('入驻申请审核中')
  await logout(page)

  await login(page, DEMO_USERS.center_admin)
  await page.getByTestId('menu-approvals').click()
  const row = page.getByTestId('approvals-table').locator('tr', { hasText: data.organisationName })
  await expect(row).toContainText(data.uscc)
  await row.getByTestId('approve-button').click()
  await page.getByTestId('reason-input').fill('资质材料齐全，同意入驻')
  await page.getByTestId('reason-confirm').click()
  await expect(row).toHaveCount(0)
  await logout(page)

  await login(page, data.email, data.password)
  await expect(page.getByTestId('home-welcome')).toContainText(data.displayName)
  await expect(page.getByTestId('home-pending')).toHaveCount(0)
})
