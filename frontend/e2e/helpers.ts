// Shared steps of the end-to-end tests: demo accounts, signing in and out, unique test data.
import { expect, type Page } from '@playwright/test'
import { randomUscc } from '../src/utils/uscc'

export const DEMO_PASSWORD = 'qifu-demo-2026'

export const DEMO_USERS = {
  enterprise: 'enterprise@demo.qifu.local',
  intermediary: 'intermediary@demo.qifu.local',
  commissioner: 'commissioner@demo.qifu.local',
  department: 'department@demo.qifu.local',
  regulator: 'regulator@demo.qifu.local',
  center_admin: 'admin@demo.qifu.local',
} as const

export type DemoRole = keyof typeof DEMO_USERS

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.getByTestId('login-email').fill(email)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('home')).toBeVisible()
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('user-menu-logout').click()
  await expect(page).toHaveURL(/\/login$/)
}

export async function chooseLocale(page: Page, locale: 'zh-CN' | 'en'): Promise<void> {
  await page.getByTestId('locale-switch').click()
  await page.getByTestId(`locale-${locale}`).click()
}

/** Data for one self-registration that no other test run uses. */
export function newRegistration(kind: 'enterprise' | 'intermediary') {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  return {
    kind,
    organisationName: `${kind === 'enterprise' ? '端到端测试企业' : '端到端测试中介'}${stamp}`,
    uscc: randomUscc(),
    displayName: `测试联系人${stamp.slice(-4)}`,
    email: `e2e-${kind}-${stamp}@example.com`,
    password: `Qifu-e2e-${stamp}`,
  }
}

/** Fills in and submits the registration form. */
export async function register(page: Page, data: ReturnType<typeof newRegistration>): Promise<void> {
  await page.goto('/register')
  await page.getByTestId(`register-kind-${data.kind}`).click()
  await page.getByTestId('register-organisation-name').fill(data.organisationName)
  await page.getByTestId('register-uscc').fill(data.uscc)
  await page.getByTestId('register-display-name').fill(data.displayName)
  await page.getByTestId('register-email').fill(data.email)
  await page.getByTestId('register-password').fill(data.password)
  await page.getByTestId('register-confirm-password').fill(data.password)
  await page.getByTestId('register-submit').click()
}
