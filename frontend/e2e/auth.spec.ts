// Signing in and out, wrong passwords, language switching and pages for signed-out visitors.
import { expect, test } from '@playwright/test'
import { DEMO_USERS, chooseLocale, login, logout } from './helpers'

test('a wrong password shows the translated error and stays on the login page', async ({ page }) => {
  await page.goto('/login')
  await page.getByTestId('login-email').fill(DEMO_USERS.department)
  await page.getByTestId('login-password').fill('not-the-password')
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('login-error')).toContainText('邮箱或密码错误')
  await expect(page).toHaveURL(/\/login$/)
})

test('signed-out visitors are sent to login and come back afterwards', async ({ page }) => {
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)account$/)
  await page.getByTestId('login-email').fill(DEMO_USERS.commissioner)
  await page.getByTestId('login-password').fill('qifu-demo-2026')
  await page.getByTestId('login-submit').click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByTestId('account-display-name')).toBeVisible()
})

test('signing out ends the session', async ({ page }) => {
  await login(page, DEMO_USERS.department)
  await logout(page)
  await page.goto('/')
  await expect(page).toHaveURL(/\/login$/)
})

test('switching to English relabels the menu and is remembered', async ({ page }) => {
  await login(page, DEMO_USERS.enterprise)
  await chooseLocale(page, 'zh-CN')
  await expect(page.getByTestId('menu-home')).toHaveText('工作台')
  await expect(page.getByTestId('menu-policies')).toHaveText('政策匹配')
  await chooseLocale(page, 'en')
  await expect(page.getByTestId('menu-home')).toHaveText('Home')
  await expect(page.getByTestId('menu-policies')).toHaveText('Policies')
  await page.reload()
  await expect(page.getByTestId('menu-policies')).toHaveText('Policies')
})

test('unknown addresses show the 404 page', async ({ page }) => {
  await page.goto('/no/such/page')
  await expect(page.getByTestId('not-found')).toBeVisible()
})
