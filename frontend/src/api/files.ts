// Files (`/files`): uploads with progress, which `fetch` cannot report, so they go through an
// XMLHttpRequest that follows `client.ts`'s conventions (same-origin cookies, CSRF header, error
// contract, lost sessions); signed download links; who may upload what, and how much.
import { api, apiUrl, CSRF_COOKIE, CSRF_HEADER, readCookie, toApiError } from './client'
import type { FileLink, FilePurpose, FileResponse, Role, Uuid } from './types'

const MIB = 1024 * 1024

/** The server's default size limit per purpose (`files.max_bytes`). */
export const MAX_BYTES: Record<FilePurpose, number> = {
  bid_proposal: 50 * MIB,
  delivery_result: 200 * MIB,
  application_material: 20 * MIB,
  rectification_report: 50 * MIB,
  case_evidence: 20 * MIB,
}

/** The roles that may upload each purpose. */
const UPLOADERS: Record<FilePurpose, readonly Role[]> = {
  bid_proposal: ['intermediary'],
  delivery_result: ['intermediary'],
  rectification_report: ['intermediary'],
  application_material: ['enterprise'],
  case_evidence: ['enterprise', 'commissioner', 'department'],
}

/** The purposes a role may upload, in a stable order (none for regulators and the centre). */
export function uploadablePurposes(role: Role): FilePurpose[] {
  return (Object.keys(UPLOADERS) as FilePurpose[]).filter((purpose) => UPLOADERS[purpose].includes(role))
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
