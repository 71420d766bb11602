// @vitest-environment jsdom
// The sanction and appeal pages with the API mocked: a sanction's decisions as it stands (and
// none for the centre, which only reads), a decision sent with its reason; an appeal's decisions
// (scores adjusted only for a rating) and an adjustment sent with every indicator; the queues'
// tabs with an overdue row in red; the intermediary's appeal refused past its window with the
// server's reason.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App, type Component } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/client'
import * as credit from '@/api/credit'
import * as files from '@/api/files'
import type { Appeal, CreditFile, FormulaVersion, Me, Page, Role, Sanction } from '@/api/types'
import AppealDialog from '@/components/credit/AppealDialog.vue'
import { i18n } from '@/i18n'
import { routes } from '@/router/routes'
import { useSessionStore } from '@/stores/session'
import AppealView from './AppealView.vue'
import CreditQueuesView from './CreditQueuesView.vue'
import SanctionView from './SanctionView.vue'

vi.mock('@/api/credit')
vi.mock('@/api/files')

const api = vi.mocked(credit)
const filesApi = vi.mocked(files)
let app: App | null = null
let pinia: Pinia

const FORMULA: FormulaVersion = {
  version: 1,
  formula: {
    weights: { owner: 50, department: 30, center: 20 },
    indicators: ['service_quality', 'timeliness'],
    stars: { five: 90, four: 80, three: 70, two: 60 },
    window_months: 12,
    rating_window_working_days: 15,
    reminder_working_days: 3,
  },
  indicators: [
    { code: 'service_quality', name_zh: '服务质量', name_en: 'Quality', description_zh: '', description_en: '' },
    { code: 'timeliness', name_zh: '服务时效', name_en: 'Timeliness', description_zh: '', description_en: '' },
  ],
  reason: 'shipped',
  created_at: '2026-01-01T00:00:00Z',
}
const INTERMEDIARY = { id: 'i1', name: '嘉兴明立地质勘察有限公司', uscc: '91330421MA700002BQ' }

const sanction = (patch: Partial<Sanction> = {}): Sanction => ({
  id: 's1',
  intermediary: INTERMEDIARY,
  kind: 'rectification',
  status: 'reported',
  origin: 'stars',
  reason: '信用等级降至二星，须限期整改',
  due_at: '2026-12-20T15:59:59Z',
  overdue: false,
  report: '已补齐资料',
  report_files: ['f1'],
  reported_at: '2026-12-05T02:00:00Z',
  created_at: '2026-11-20T02:00:00Z',
  ...patch,
})

const appeal = (patch: Partial<Appeal> = {}): Appeal => ({
  id: 'a1',
  intermediary: INTERMEDIARY,
  rating_id: 'r1',
  job_title: '地质灾害危险性评估',
  sanction_id: null,
  reason: '返工系业主变更设计条件所致',
  evidence: [],
  status: 'open',
  due_at: '2026-12-01T15:59:59Z',
  overdue: true,
  created_at: '2026-11-10T02:00:00Z',
  ...patch,
})

const page = <T>(items: T[]): Page<T> => ({ items, total: items.length, page: 1, per_page: 20 })

async function settle() {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await nextTick()
  }
}

function signIn(role: Role) {
  useSessionStore(pinia).user = { role, locale: 'zh-CN' } as Me
}

async function mount(component: Component, props: Record<string, unknown> = {}) {
  const host = document.createElement('div')
  document.body.append(host)
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/regulator/queues')
  app = createApp({ render: () => h(component, props) })
  app.use(ElementPlus).use(i18n).use(pinia).use(router).mount(host)
  await settle()
  return host
}

const byTestId = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const allByTestId = (testid: string) => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`)]
const text = (testid: string) => byTestId(testid)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

function type(testid: string, value: string) {
  const input = byTestId(testid) as HTMLTextAreaElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  vi.resetAllMocks()
  pinia = createPinia()
  setActivePinia(pinia)
  api.currentFormula.mockResolvedValue(FORMULA)
  filesApi.purposeLimits.mockResolvedValue([])
  filesApi.fileMetadata.mockResolvedValue({ id: 'f1', name: '整改报告.pdf', size: 1024 } as Awaited<ReturnType<typeof files.fileMetadata>>)
  vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
})

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
})

describe('a sanction', () => {
  it('offers a regulator the decisions its state allows and sends one with its reason', async () => {
    signIn('regulator')
    api.getSanction.mockResolvedValue(sanction())
    api.decideSanction.mockResolvedValue(sanction({ status: 'closed', decided_at: '2026-12-06T02:00:00Z', decision_reason: '整改到位' }))
    await mount(SanctionView, { id: 's1' })
    expect(text('sanction-report')).toBe('已补齐资料')
    expect(allByTestId('stored-file')).toHaveLength(1)
    expect(byTestId('sanction-action-close')).not.toBeNull()
    expect(byTestId('sanction-action-escalate')).not.toBeNull()
    expect(byTestId('sanction-action-confirm')).toBeNull()

    byTestId('sanction-action-close')!.click()
    await settle()
    expect(text('reason-message')).toContain('结束本次限期整改')
    type('reason-input', ' 整改到位 ')
    byTestId('reason-confirm')!.click()
    await settle()
    expect(api.decideSanction).toHaveBeenCalledWith('s1', { action: 'close', reason: '整改到位' })
    expect(text('sanction-status')).toBe('整改通过')
    expect(byTestId('sanction-action-close')).toBeNull()
    expect(text('sanction-decision-reason')).toBe('整改到位')
  })

  it('marks an overdue rectification and offers only escalation before a report', async () => {
    signIn('regulator')
    api.getSanction.mockResolvedValue(sanction({ status: 'open', overdue: true, report: null, report_files: [], reported_at: null }))
    await mount(SanctionView, { id: 's1' })
    expect(text('sanction-overdue')).toBe('已逾期')
    expect(allByTestId('sanction-action-escalate')).toHaveLength(1)
    expect(byTestId('sanction-action-close')).toBeNull()
  })

  it('shows the centre the record without decisions', async () => {
    signIn('center_admin')
    api.getSanction.mockResolvedValue(sanction({ kind: 'delisting', status: 'proposed', due_at: null }))
    await mount(SanctionView, { id: 's1' })
    expect(byTestId('sanction-action-confirm')).toBeNull()
    expect(text('sanction-no-actions')).toContain('由监管人员处理')
  })

  it('shows the server’s refusal and the sanction as it now stands when it moved on', async () => {
    signIn('regulator')
    api.getSanction.mockResolvedValueOnce(sanction({ kind: 'delisting', status: 'proposed', due_at: null }))
    api.getSanction.mockResolvedValueOnce(sanction({ kind: 'delisting', status: 'dismissed', due_at: null }))
    api.decideSanction.mockRejectedValue(new ApiError(409, 'sanction_wrong_state', 'moved on'))
    await mount(SanctionView, { id: 's1' })
    byTestId('sanction-action-confirm')!.click()
    await settle()
    type('reason-input', '确认')
    byTestId('reason-confirm')!.click()
    await settle()
    expect(text('sanction-status')).toBe('已撤销')
    expect(document.body.textContent).toContain('该处置当前状态不允许此操作')
  })
})

describe('an appeal', () => {
  const FILE = {
    intermediary: INTERMEDIARY,
    ratings: [
      {
        id: 'r1',
        job_id: 'j1',
        job_title: '地质灾害危险性评估',
        rater: 'owner',
        status: 'rated',
        accepted_at: '2026-11-01T02:00:00Z',
        due_at: '2026-11-20T15:59:59Z',
        rated_at: '2026-11-05T02:00:00Z',
        overturned: false,
        scores: { service_quality: 2, timeliness: 3 },
        comment: '多次返工',
      },
    ],
  } as unknown as CreditFile

  it('shows the rating appealed and adjusts its scores with every indicator', async () => {
    signIn('regulator')
    const decided = appeal({ status: 'adjusted', overdue: false, decided_at: '2026-12-02T02:00:00Z', decision_reason: '核实后更正' })
    api.getAppeal.mockResolvedValueOnce(appeal()).mockResolvedValue(decided)
    api.intermediaryCredit.mockResolvedValue(FILE)
    api.decideAppeal.mockResolvedValue(decided)
    await mount(AppealView, { id: 'a1' })
    expect(text('appeal-overdue')).toBe('已逾期')
    expect(text('appeal-rating')).toContain('多次返工')
    expect(text('appeal-rating-scores')).toContain('服务质量 2')
    expect(allByTestId('appeal-decide-adjusted')).toHaveLength(1)

    byTestId('appeal-decide-adjusted')!.click()
    await settle()
    byTestId('appeal-decision-submit')!.click()
    await settle()
    expect(text('appeal-decision-client-error')).toBe('请填写处理理由')
    type('appeal-decision-reason', '核实后更正')
    // Raise the first indicator from the rater's 2 to 4.
    byTestId('appeal-score-service_quality')!.querySelectorAll<HTMLElement>('.el-rate__item')[3]!.click()
    await settle()
    byTestId('appeal-decision-submit')!.click()
    await settle()
    expect(api.decideAppeal).toHaveBeenCalledWith('a1', { decision: 'adjusted', reason: '核实后更正', scores: { service_quality: 4, timeliness: 3 } })
    expect(byTestId('appeal-decide-adjusted')).toBeNull()
    expect(text('appeal-status')).toBe('已更正分值')
    expect(text('appeal-decision-reason')).toBe('核实后更正')
  })

  it('offers no adjustment on an appealed sanction', async () => {
    signIn('regulator')
    api.getAppeal.mockResolvedValue(appeal({ rating_id: null, job_title: null, sanction_id: 's1' }))
    api.getSanction.mockResolvedValue(sanction())
    await mount(AppealView, { id: 'a1' })
    expect(byTestId('appeal-decide-overturned')).not.toBeNull()
    expect(byTestId('appeal-decide-adjusted')).toBeNull()
    expect(byTestId('appeal-sanction')).not.toBeNull()
  })
})

describe('the queues', () => {
  it('lists each tab’s records, an overdue one in red with its deadline', async () => {
    signIn('regulator')
    api.listSanctions.mockImplementation(async (query) =>
      page(query.kind === 'rectification' ? [sanction({ status: 'open', overdue: true })] : query.status === 'proposed' ? [sanction({ kind: 'delisting', status: 'proposed' })] : []),
    )
    api.listAppeals.mockResolvedValue(page([appeal()]))
    await mount(CreditQueuesView)
    expect(api.listSanctions).toHaveBeenCalledWith(expect.objectContaining({ kind: 'rectification' }))
    expect(api.listSanctions).toHaveBeenCalledWith(expect.objectContaining({ kind: 'delisting', status: 'proposed' }))
    expect(api.listSanctions).toHaveBeenCalledWith(expect.objectContaining({ kind: 'delisting', status: 'delisted' }))
    expect(api.listAppeals).toHaveBeenCalledWith(expect.objectContaining({ status: 'open' }))
    const table = byTestId('queue-rectifications')!
    expect(table.querySelector('tr.overdue-row')).not.toBeNull()
    expect(table.querySelector('[data-testid="queue-row-due"]')!.classList.contains('overdue')).toBe(true)
    expect(text('queue-tab-proposals')).toContain('1')
  })
})

describe('filing an appeal', () => {
  it('shows the server’s reason when the window is over', async () => {
    api.fileAppeal.mockRejectedValue(new ApiError(422, 'appeal_too_late', 'the appeal window has ended'))
    await mount(AppealDialog, { modelValue: true, target: { rating_id: 'r1', title: '地质灾害危险性评估' }, windowDays: 10 })
    expect(text('appeal-dialog')).toContain('10 个工作日内可申诉一次')
    type('appeal-reason-input', '评价不实')
    byTestId('appeal-submit')!.click()
    await settle()
    expect(api.fileAppeal).toHaveBeenCalledWith({ rating_id: 'r1', sanction_id: null, reason: '评价不实', evidence: [] })
    expect(text('appeal-error')).toBe('申诉期限已过')
  })
})
