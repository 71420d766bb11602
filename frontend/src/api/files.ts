// Files (`/files`): uploads with progress, which `fetch` cannot report, so they go through an
// XMLHttpRequest that follows `client.ts`'s conventions (same-origin cookies, CSRF header, error
// contract, lost sessions); signed download links; who may upload what, and how much (as the
// server publishes it).
import { recordServerNow, SERVER_NOW_HEADER } from '@/composables/serverClock'
import { api, apiUrl, CSRF_COOKIE, CSRF_HEADER, readCookie, toApiError } from './client'
import type { FileLink, FilePurpose, FileResponse, PurposeLimit, Role, Uuid } from './types'

/** Each purpose's size limit and uploaders, in the server's order. */
export const purposeLimits = () => api.get<PurposeLimit[]>('/files/limits')

/** The purposes a role may upload, in the server's order (none for regulators and the centre). */
export function uploadablePurposes(limits: readonly PurposeLimit[], role: Role): PurposeLimit[] {
  return limits.filter((limit) => limit.uploaders.includes(role))
}

/** What the file picker offers; the server decides from the bytes. */
export const ACCEPTED_EXTENSIONS = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.zip,.doc,.docx,.xls,.xlsx,.ppt,.pptx'

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * Uploads one file as the multipart field `file`. `onProgress` gets the percentage of bytes
 * sent (0–100). Fails with an `ApiError` as `api` calls do, with a `TypeError` when the server
 * cannot be reached (as `fetch` does), and with an `AbortError` when `signal` aborts.
 */
export function uploadFile(
  purpose: FilePurpose,
  file: File,
  onProgress?: (percent: number) => void,
  signal?: AbortSignal,
): Promise<FileResponse> {
  const aborted = () => new DOMException('The upload was aborted', 'AbortError')
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(aborted())
      return
    }
    const xhr = new XMLHttpRequest()
    xhr.open('POST', apiUrl('/files', { purpose }))
    xhr.setRequestHeader('Accept', 'application/json')
    const csrf = readCookie(CSRF_COOKIE)
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.floor((event.loaded / event.total) * 100))
    }
    xhr.onload = () => {
      recordServerNow(xhr.getResponseHeader(SERVER_NOW_HEADER))
      const body = parseJson(xhr.responseText)
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as FileResponse)
      else reject(toApiError(xhr.status, xhr.statusText, body, xhr.getResponseHeader('Retry-After')))
    }
    xhr.onerror = () => reject(new TypeError('Network request failed'))
    xhr.onabort = () => reject(aborted())
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}

/** A short-lived signed link that downloads the file without a session. */
export const fileLink = (id: Uuid) => api.post<FileLink>(`/files/${id}/link`)

/** A stored file's name, size and type (for files a record already refers to). */
export const fileMetadata = (id: Uuid) => api.get<FileResponse>(`/files/${id}`)
