// The one HTTP wrapper every API call goes through (uploads, which need progress events, use
// its helpers from an XMLHttpRequest in `files.ts`).
// It sends the session cookie (same origin), echoes the readable `qifu_csrf` cookie in the
// `X-CSRF-Token` header on every non-GET request, and turns the backend's error contract
// `{"error": {"code", "message", "fields"}}` into an `ApiError`. A 401 on any call that has
// not opted out is reported to the handler installed with `onUnauthenticated`. Every response's
// `X-Qifu-Now` (the server clock's instant) is recorded for `serverNow()`.
import { recordServerNow, SERVER_NOW_HEADER } from '@/composables/serverClock'

export const CSRF_COOKIE = 'qifu_csrf'
export const CSRF_HEADER = 'X-CSRF-Token'

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
type QueryValue = string | number | undefined | null

export interface RequestOptions {
  body?: unknown
  query?: object
  /** Leave a 401 to the caller instead of signing the user out (login, session probe). */
  allowUnauthenticated?: boolean
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
    /** Seconds from the `Retry-After` header of a 429, when present. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

let unauthenticatedHandler: () => void = () => {}

/** Installs what happens when the server says the session is gone (clear state, go to /login). */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler
}

/** The value of a cookie readable from script, or null. */
export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return decodeURIComponent(value.join('='))
  }
  return null
}

/** `/api/v1{path}` with the query's non-empty values as its query string. */
export function apiUrl(path: string, query?: object): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {}) as [string, QueryValue][]) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return `/api/v1${path}${search ? `?${search}` : ''}`
}

/**
 * The `ApiError` for a failed response, from its status, its parsed JSON body (null when it is
 * not JSON) and its `Retry-After` header. A 401 is reported as a lost session unless allowed.
 */
export function toApiError(
  status: number,
  statusText: string,
  body: unknown,
  retryAfterHeader: string | null,
  allowUnauthenticated = false,
): ApiError {
  if (status === 401 && !allowUnauthenticated) unauthenticatedHandler()
  const retryAfter = Number.parseInt(retryAfterHeader ?? '', 10)
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)
    ?.error
  if (error && typeof error.code === 'string') {
    return new ApiError(
      status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      (error.fields as Record<string, string[]> | undefined) ?? {},
      Number.isNaN(retryAfter) ? null : retryAfter,
    )
  }
  return new ApiError(status, `http_${status}`, statusText || `HTTP ${status}`)
}

/** Sends one request to `/api/v1{path}` and returns the parsed JSON body (undefined for 204). */
export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  // Texts the server renders (notifications) come in the UI's current language, which the app
  // keeps on <html lang>.
  const language = globalThis.document?.documentElement.lang
  if (language) headers['Accept-Language'] = language
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE)
    if (csrf) headers[CSRF_HEADER] = csrf
  }
  const response = await fetch(apiUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  recordServerNow(response.headers.get(SERVER_NOW_HEADER))
  if (!response.ok) {
    // A body outside our JSON contract (e.g. a proxy's HTML page) becomes a generic error.
    const body: unknown = await response.json().catch(() => null)
    throw toApiError(
      response.status,
      response.statusText,
      body,
      response.headers.get('Retry-After'),
      options.allowUnauthenticated,
    )
  }
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

export const api = {
  get: <T>(path: string, query?: object, options: RequestOptions = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body: unknown = {}, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options: RequestOptions = {}) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
}
