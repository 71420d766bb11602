// @vitest-environment jsdom
// Uploads through XMLHttpRequest (multipart, CSRF header, progress, the error contract, aborts),
// signed links, the server's limits, and who may upload what.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { errorMessage } from '@/i18n/errors'
import { i18n } from '@/i18n'
import { ApiError, onUnauthenticated } from './client'
import { fileLink, purposeLimits, uploadablePurposes, uploadFile } from './files'
import type { PurposeLimit, Role } from './types'

/** Records what the code under test does with an XMLHttpRequest and answers it on demand. */
class FakeXhr {
  static last: FakeXhr | null = null
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = undefined
  aborted = false
  status = 0
  statusText = ''
  responseText = ''
  responseHeaders: Record<string, string> = {}
  upload: { onprogress: ((event: Partial<ProgressEvent>) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null

  constructor() {
    FakeXhr.last = this
  }

  open(method: string, url: string) {
    this.method = method
    this.url = url
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name] ?? null
  }

  send(body: unknown) {
    this.body = body
  }

  abort() {
    this.aborted = true
    this.onabort?.()
  }

  respond(status: number, body: unknown, headers: Record<string, string> = {}, statusText = '') {
    this.status = status
    this.statusText = statusText
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body)
    this.responseHeaders = headers
    this.onload?.()
  }
}

function sent(): FakeXhr {
  if (!FakeXhr.last) throw new Error('no request was sent')
  return FakeXhr.last
}

const PDF = new File(['%PDF-1.7\n%%EOF\n'], '报价方案.pdf', { type: 'application/pdf' })

const STORED = {
  id: '7d0c6c1e-2f7a-4a53-9a7e-0a4c1b2d3e4f',
  name: '报价方案.pdf',
  size: PDF.size,
  content_type: 'application/pdf',
  sha256: 'ab'.repeat(32),
  purpose: 'bid_proposal',
  created_at: '2026-11-22T12:00:00Z',
}

/** As `GET /files/limits` answers, with limits other than the defaults. */
const LIMITS: PurposeLimit[] = [
  { purpose: 'bid_proposal', max_bytes: 1000, uploaders: ['intermediary'] },
  { purpose: 'delivery_result', max_bytes: 2000, uploaders: ['intermediary'] },
  { purpose: 'application_material', max_bytes: 3000, uploaders: ['enterprise'] },
  { purpose: 'rectification_report', max_bytes: 4000, uploaders: ['intermediary'] },
  { purpose: 'case_evidence', max_bytes: 5000, uploaders: ['enterprise', 'commissioner', 'department'] },
]

const fetchMock = vi.fn<typeof fetch>()

beforeEach(() => {
  FakeXhr.last = null
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  vi.stubGlobal('fetch', fetchMock)
  fetchMock.mockReset()
  document.cookie = 'qifu_csrf=csrf-token-7; path=/'
  i18n.global.locale.value = 'zh-CN'
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.cookie = 'qifu_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
  onUnauthenticated(() => {})
})

describe('uploadFile', () => {
  it('posts the file as the multipart field `file` with the CSRF header and reports progress', async () => {
    const progress: number[] = []
    const upload = uploadFile('bid_proposal', PDF, (percent) => progress.push(percent))
    const xhr = sent()
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/files?purpose=bid_proposal')
    expect(xhr.headers).toEqual({ Accept: 'application/json', 'X-CSRF-Token': 'csrf-token-7' })
    expect(xhr.body).toBeInstanceOf(FormData)
    const field = (xhr.body as FormData).get('file')
    expect(field).toBeInstanceOf(File)
    expect((field as File).name).toBe('报价方案.pdf')
    expect((field as File).size).toBe(PDF.size)

    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 3 })
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 2, total: 0 })
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 3, total: 3 })
    xhr.respond(201, STORED)
    await expect(upload).resolves.toEqual(STORED)
    expect(progress).toEqual([33, 100])
  })

  it('sends no CSRF header when there is no CSRF cookie', () => {
    document.cookie = 'qifu_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
    void uploadFile('case_evidence', PDF).catch(() => undefined)
    expect(sent().headers['X-CSRF-Token']).toBeUndefined()
  })

  it('turns a refusal into an ApiError with a translated message', async () => {
    const upload = uploadFile('bid_proposal', PDF).catch((e: unknown) => e)
    sent().respond(415, {
      error: { code: 'file_type_not_allowed', message: 'this type of file is not accepted (text/plain)' },
    })
    const error = await upload
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 415, code: 'file_type_not_allowed' })
    expect(errorMessage(error)).toBe('不支持该文件类型（按文件内容识别），请上传 PDF、图片、Office 文档或 zip 文件')

    const large = uploadFile('bid_proposal', PDF).catch((e: unknown) => e)
    sent().respond(413, { error: { code: 'file_too_large', message: 'too large' } })
    i18n.global.locale.value = 'en'
    expect(errorMessage(await large)).toBe('The file is larger than allowed for this purpose')
  })

  it('gives a body outside the contract an http_<status> code', async () => {
    const upload = uploadFile('bid_proposal', PDF).catch((e: unknown) => e)
    sent().respond(502, '<html>Bad gateway</html>', {}, 'Bad Gateway')
    expect(await upload).toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway' })
  })

  it('reports a 401 as a lost session', async () => {
    const lost = vi.fn()
    onUnauthenticated(lost)
    const upload = uploadFile('bid_proposal', PDF).catch((e: unknown) => e)
    sent().respond(401, { error: { code: 'session_expired', message: 'Session expired' } })
    expect(await upload).toMatchObject({ code: 'session_expired' })
    expect(lost).toHaveBeenCalledTimes(1)
  })

  it('fails like fetch when the server cannot be reached', async () => {
    const upload = uploadFile('bid_proposal', PDF).catch((e: unknown) => e)
    sent().onerror?.()
    expect(errorMessage(await upload)).toBe('无法连接服务器，请检查网络')
  })

  it('aborts the request when the signal fires, and sends nothing for an aborted signal', async () => {
    const controller = new AbortController()
    const upload = uploadFile('bid_proposal', PDF, undefined, controller.signal).catch((e: unknown) => e)
    controller.abort()
    expect(sent().aborted).toBe(true)
    expect(await upload).toMatchObject({ name: 'AbortError' })

    FakeXhr.last = null
    await expect(uploadFile('bid_proposal', PDF, undefined, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    })
    expect(FakeXhr.last).toBeNull()
  })
})

describe('files API', () => {
  it('asks for a signed link with the CSRF header', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ url: '/api/v1/files/x/download', expires_at: 'y' })))
    await expect(fileLink(STORED.id)).resolves.toEqual({ url: '/api/v1/files/x/download', expires_at: 'y' })
    const [url, init] = fetchMock.mock.lastCall ?? []
    expect(url).toBe(`/api/v1/files/${STORED.id}/link`)
    expect(init?.method).toBe('POST')
    expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-token-7')
  })

  it('asks the server for each purpose’s limit', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify(LIMITS)))
    await expect(purposeLimits()).resolves.toEqual(LIMITS)
    const [url, init] = fetchMock.mock.lastCall ?? []
    expect(url).toBe('/api/v1/files/limits')
    expect(init?.method).toBe('GET')
  })

  it('offers each role the purposes it may upload, in the server’s order', () => {
    const purposes = (role: Role) => uploadablePurposes(LIMITS, role).map((limit) => limit.purpose)
    expect(purposes('intermediary')).toEqual(['bid_proposal', 'delivery_result', 'rectification_report'])
    expect(purposes('enterprise')).toEqual(['application_material', 'case_evidence'])
    expect(purposes('commissioner')).toEqual(['case_evidence'])
    expect(purposes('department')).toEqual(['case_evidence'])
    expect(purposes('regulator')).toEqual([])
    expect(purposes('center_admin')).toEqual([])
    // The limits come along unchanged, and a server order other than ours is kept.
    expect(uploadablePurposes(LIMITS, 'enterprise')).toEqual([LIMITS[2], LIMITS[4]])
    expect(uploadablePurposes([...LIMITS].reverse(), 'intermediary').map((limit) => limit.purpose)).toEqual([
      'rectification_report',
      'delivery_result',
      'bid_proposal',
    ])
    expect(uploadablePurposes([], 'enterprise')).toEqual([])
  })
})
