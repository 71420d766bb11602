// End-to-end tests: headless Debian Chromium against a real, freshly seeded backend that
// serves the built frontend (see e2e/serve.sh). Run `npm run build` first.
import { defineConfig } from '@playwright/test'

const port = process.env.QIFU_E2E_PORT ?? 18080
const baseURL = `http://127.0.0.1:${port}`

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  reporter: 'list',
  // One backend, and sign-in throttling counts per client address: keep the runs sequential.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // The random-draw walk moves the server's clock weeks ahead: it runs after every other spec.
  projects: [
    { name: 'pages', testIgnore: /random-draw\.spec\.ts/ },
    { name: 'time-travel', testMatch: /random-draw\.spec\.ts/, dependencies: ['pages'] },
  ],
  webServer: {
    command: 'bash e2e/serve.sh',
    url: `${baseURL}/health/ready`,
    reuseExistingServer: !process.env.CI,
    // The server seeds the full demo data first (about a minute in a debug build).
    timeout: 300_000,
  },
})
