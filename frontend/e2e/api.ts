// Test data through the API: each signed-in caller is its own request context holding a bearer
// token (no cookies shared with the page, so no CSRF header needed), and new enterprises are
// registered with names no other run uses.
import { expect, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from '@playwright/test'
import { randomUscc } from '../src/utils/uscc'
import { DEMO_PASSWORD } from './helpers'

export interface ApiCaller {
  get<T>(path: string): Promise<T>
  post<T>(path: string, body?: unknown): Promise<T>
  put<T>(path: string, body: unknown): Promise<T>
  /** Uploads one file for a purpose (multipart field `file`). */
  upload<T>(purpose: string, name: string, mimeType: string, buffer: Buffer): Promise<T>
  dispose(): Promise<void>
}

async function json<T>(response: APIResponse, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true)
  return (response.status() === 204 ? undefined : await response.json()) as T
}

/** A caller signed in as `email` (a demo user unless a password is given). */
export async function signedIn(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<ApiCaller> {
  const context: APIRequestContext = await playwright.request.newContext({ baseURL })
  const { token } = await json<{ token: string }>(
    await context.post('/api/v1/auth/login', { data: { email, password } }),
    `sign in ${email}`,
  )
  const headers = { Authorization: `Bearer ${token}` }
  return {
    get: async (path) => json(await context.get(`/api/v1${path}`, { headers }), `GET ${path}`),
    post: async (path, body = {}) => json(await context.post(`/api/v1${path}`, { headers, data: body }), `POST ${path}`),
    put: async (path, body) => json(await context.put(`/api/v1${path}`, { headers, data: body }), `PUT ${path}`),
    upload: async (purpose, name, mimeType, buffer) =>
      json(
        await context.post(`/api/v1/files?purpose=${purpose}`, { headers, multipart: { file: { name, mimeType, buffer } } }),
        `upload ${name}`,
      ),
    dispose: () => context.dispose(),
  }
}

/** A unique suffix for names and numbers of one test run. */
export function stamp(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

/** Registers a new enterprise; returns its id, name and its user's credentials. */
export async function registerEnterprise(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  name: string,
): Promise<{ id: string; name: string; email: string; password: string }> {
  const context = await playwright.request.newContext({ baseURL })
  const suffix = stamp()
  const email = `e2e-ent-${suffix}@example.com`
  const password = `Qifu-e2e-${suffix}`
  const registered = await json<{ organisation: { id: string } }>(
    await context.post('/api/v1/auth/register', {
      data: {
        kind: 'enterprise',
        organisation_name: name,
        uscc: randomUscc(),
        display_name: '测试联系人',
        email,
        password,
        locale: 'zh-CN',
      },
    }),
    `register ${name}`,
  )
  await context.dispose()
  return { id: registered.organisation.id, name, email, password }
}

/** A profile body in the shape `tests/api/enterprises.rs` uses, with the given head count. */
export function profileBody(employees: number, version: number) {
  return {
    legal_representative: '张三',
    registered_capital_fen: 1_000_000_000,
    revenue_fen: 4_500_000_000,
    founded_on: '2019-05-20',
    region_code: '330106',
    industry_code: 'I6513',
    employees,
    rd_spending_fen: 300_000_000,
    tax_credit_grade: 'A',
    qualifications: [],
    contacts: [],
    version,
  }
}

/** Sets an enterprise's profile as the centre, on top of whatever version it has. */
export async function setProfile(admin: ApiCaller, enterpriseId: string, employees: number): Promise<void> {
  const { version } = await admin.get<{ version: number }>(`/enterprises/${enterpriseId}/profile`)
  await admin.put(`/enterprises/${enterpriseId}/profile`, profileBody(employees, version))
}

/** The id of the demo department that issues the test policies. */
export async function demoDepartmentId(admin: ApiCaller): Promise<string> {
  const page = await admin.get<{ items: { id: string; name: string }[] }>('/organisations?kind=department&per_page=100')
  const department = page.items.find((organisation) => organisation.name === '演示区发展和改革局')
  expect(department, 'the demo department').toBeTruthy()
  return department!.id
}
