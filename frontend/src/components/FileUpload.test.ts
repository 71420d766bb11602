// @vitest-environment jsdom
// The upload component: files over the given limit are refused before sending, others go to the
// server; stored files join the v-model, refusals show translated under the file.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, ref, type App } from 'vue'
import ElementPlus from 'element-plus'
import { ApiError } from '@/api/client'
import { uploadFile } from '@/api/files'
import type { FilePurpose, FileResponse } from '@/api/types'
import { i18n } from '@/i18n'
import FileUpload from './FileUpload.vue'

vi.mock('@/api/files', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/api/files')>()),
  uploadFile: vi.fn(),
}))

const upload = vi.mocked(uploadFile)
const MIB = 1024 * 1024
let app: App | null = null

/** Mounts the component bound to a list, as a page would. */
function mountUpload(props: { purpose: FilePurpose; maxBytes: number; multiple?: boolean }) {
  const files = ref<FileResponse[]>([])
  const host = document.createElement('div')
  document.body.append(host)
  app = createApp({
    render: () =>
      h(FileUpload, {
        ...props,
        modelValue: files.value,
        'onUpdate:modelValue': (value: FileResponse[]) => (files.value = value),
      }),
  })
  app.use(ElementPlus).use(i18n).mount(host)
  return { host, files }
}

/** A file of the given size (without allocating it). */
function fileOfSize(name: string, size: number): File {
  const file = new File(['%PDF-1.7\n%%EOF\n'], name, { type: 'application/pdf' })
  Object.defineProperty(file, 'size', { value: size })
  return file
}

/** Picks files with the (hidden) file input. */
async function choose(host: HTMLElement, ...files: File[]) {
  const input = host.querySelector<HTMLInputElement>('[data-testid="file-upload-input"]')!
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change'))
  await nextTick()
}

function texts(host: HTMLElement, testid: string): string[] {
  return [...host.querySelectorAll(`[data-testid="${testid}"]`)].map((node) => node.textContent?.trim() ?? '')
}

function stored(name: string): FileResponse {
  return {
    id: `id-${name}`,
    name,
    size: 16,
    content_type: 'application/pdf',
    sha256: '00'.repeat(32),
    purpose: 'application_material',
    created_at: '2026-11-22T12:00:00Z',
  }
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  upload.mockReset()
})

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
})

describe('FileUpload', () => {
  it('shows the accepted types and the size limit it is given', () => {
    const { host } = mountUpload({ purpose: 'delivery_result', maxBytes: 200 * MIB })
    expect(texts(host, 'file-upload-hint')[0]).toContain('单个文件不超过 200 MB')
    expect(texts(host, 'file-upload-hint')[0]).toContain('PDF')
  })

  it('refuses a file over maxBytes without sending it', async () => {
    const { host, files } = mountUpload({ purpose: 'application_material', maxBytes: 20 * MIB })
    await choose(host, fileOfSize('材料.pdf', 20 * MIB + 1))
    expect(upload).not.toHaveBeenCalled()
    expect(texts(host, 'file-upload-error')).toEqual(['文件超过 20 MB 的大小上限，未上传'])
    expect(host.querySelector('[data-testid="file-upload-retry"]')).toBeNull()
    expect(files.value).toEqual([])

    i18n.global.locale.value = 'en'
    await nextTick()
    expect(texts(host, 'file-upload-error')).toEqual(['Not uploaded: the file is over the 20 MB limit'])
  })

  it('sends the files within maxBytes and refuses the others', async () => {
    upload.mockResolvedValue(stored('small.pdf'))
    const { host, files } = mountUpload({ purpose: 'application_material', maxBytes: 1024, multiple: true })
    await choose(host, fileOfSize('big.pdf', 1025), fileOfSize('small.pdf', 1024))
    expect(upload).toHaveBeenCalledTimes(1)
    expect(upload.mock.lastCall?.[0]).toBe('application_material')
    expect(upload.mock.lastCall?.[1].name).toBe('small.pdf')
    await vi.waitFor(() => expect(files.value).toEqual([stored('small.pdf')]))
    await nextTick()
    expect(texts(host, 'file-upload-error')).toEqual(['文件超过 1 kB 的大小上限，未上传'])
    expect(host.querySelectorAll('[data-testid="file-upload-item"]')).toHaveLength(2)
    expect(texts(host, 'file-upload-download')).toEqual(['下载'])
  })

  it('shows the server’s refusal translated, with a retry when sending again can help', async () => {
    upload.mockRejectedValueOnce(new ApiError(400, 'upload_interrupted', 'interrupted'))
    upload.mockRejectedValueOnce(new ApiError(415, 'file_type_not_allowed', 'not accepted'))
    const { host, files } = mountUpload({ purpose: 'application_material', maxBytes: 20 * MIB })
    await choose(host, fileOfSize('a.pdf', 100))
    await vi.waitFor(() => expect(texts(host, 'file-upload-error')).toEqual(['上传中断，请重试']))

    host.querySelector<HTMLElement>('[data-testid="file-upload-retry"]')!.click()
    await vi.waitFor(() => expect(texts(host, 'file-upload-error')[0]).toContain('不支持该文件类型'))
    expect(upload).toHaveBeenCalledTimes(2)
    expect(host.querySelector('[data-testid="file-upload-retry"]')).toBeNull()

    host.querySelector<HTMLElement>('[data-testid="file-upload-remove"]')!.click()
    await nextTick()
    expect(host.querySelectorAll('[data-testid="file-upload-item"]')).toHaveLength(0)
    expect(files.value).toEqual([])
  })
})
