// @vitest-environment jsdom
// Request shapes of the API calls the enterprise's pages make (profile, matches, applications).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as applications from './applications'
import * as enterprises from './enterprises'
import * as policies from './policies'

const fetchMock = vi.fn<typeof fetch>()

/** Method, URL and JSON body of the last request. */
function lastRequest(): { method: string; url: string; body: unknown } {
  const [url, init] = fetchMock.mock.lastCall ?? []
  return {
    method: init?.method ?? 'GET',
    url: String(url),
    body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
  }
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock)
  fetchMock.mockReset()
  fetchMock.mockImplementation(async () => new Response(JSON.stringify({}), { status: 200 }))
})

afterEach(() => vi.unstubAllGlobals())

describe('enterprises API', () => {
  it('reads and saves the own profile with its version', async () => {
    await enterprises.getMyProfile()
    expect(lastRequest()).toMatchObject({ method: 'GET', url: '/api/v1/enterprises/me/profile' })
    const body = {
      version: 2,
      legal_representative: null,
      registered_capital_fen: 100,
      revenue_fen: null,
      total_assets_fen: null,
      founded_on: null,
      region_code: '330106',
      industry_code: 'I65',
      employees: 12,
      rd_spending_fen: null,
      tax_credit_grade: null,
      qualifications: [],
      contacts: [],
    }
    await enterprises.saveMyProfile(body)
    expect(lastRequest()).toEqual({ method: 'PUT', url: '/api/v1/enterprises/me/profile', body })
  })

  it('verifies and rejects a declared qualification of an enterprise', async () => {
    await enterprises.verifyQualification('e1', 'q1')
    expect(lastRequest()).toMatchObject({
      method: 'POST',
      url: '/api/v1/enterprises/e1/qualifications/q1/verify',
    })
    await enterprises.rejectQualification('e1', 'q1', '证书编号不符')
    expect(lastRequest()).toEqual({
      method: 'POST',
      url: '/api/v1/enterprises/e1/qualifications/q1/reject',
      body: { reason: '证书编号不符' },
    })
  })

  it('pages the history and reads tags and reference tables', async () => {
    await enterprises.myProfileHistory({ page: 2, per_page: 20 })
    expect(lastRequest().url).toBe('/api/v1/enterprises/me/profile/history?page=2&per_page=20')
    await enterprises.myTags()
    expect(lastRequest().url).toBe('/api/v1/enterprises/me/tags')
    await enterprises.tagCatalogue()
    expect(lastRequest().url).toBe('/api/v1/tags')
    await enterprises.classifications()
    expect(lastRequest().url).toBe('/api/v1/reference/classifications')
    await enterprises.conditionFields()
    expect(lastRequest().url).toBe('/api/v1/conditions/fields')
  })
})

describe('policies and applications API', () => {
  it('applies with one file per material, confirms and declines grants', async () => {
    const materials = [{ name: '营业执照', file_id: 'f1' }]
    await applications.applyForClause('c1', materials)
    expect(lastRequest()).toEqual({ method: 'POST', url: '/api/v1/clauses/c1/applications', body: { materials } })
    await applications.confirmGrant('c2')
    expect(lastRequest()).toMatchObject({ method: 'POST', url: '/api/v1/clauses/c2/confirm' })
    await applications.declineGrant('c2')
    expect(lastRequest()).toMatchObject({ method: 'POST', url: '/api/v1/clauses/c2/decline' })
  })

  it('lists matches and applications, and resubmits a returned one', async () => {
    await policies.myMatches()
    expect(lastRequest().url).toBe('/api/v1/enterprises/me/matches')
    await applications.myApplications({ page: 1, per_page: 20, status: 'returned' })
    expect(lastRequest().url).toBe('/api/v1/enterprises/me/applications?page=1&per_page=20&status=returned')
    await applications.resubmitApplication('a1', [])
    expect(lastRequest()).toEqual({ method: 'POST', url: '/api/v1/applications/a1/resubmit', body: { materials: [] } })
    await policies.policyDetail('p1')
    expect(lastRequest().url).toBe('/api/v1/policies/p1')
  })

  it('filters applications by clause', async () => {
    await applications.listApplications({ page: 1, per_page: 20, clause_id: 'c9' })
    expect(lastRequest().url).toBe('/api/v1/applications?page=1&per_page=20&clause_id=c9')
  })
})

describe('enterprise list', () => {
  it('filters by name or code, region, industry and size class', async () => {
    await enterprises.listEnterprises({ page: 1, per_page: 20, name: '913', region: '3301', industry: 'C39', size_class: 'small' })
    expect(lastRequest().url).toBe('/api/v1/enterprises?page=1&per_page=20&name=913&region=3301&industry=C39&size_class=small')
  })
})
