// @vitest-environment jsdom
// The credit pages with the API mocked: the rating form (every indicator, the comment a low score
// needs, the rating sent, read-only once rated) and the credit file (stars, 推荐, delisting, the
// explanation's marks).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App, type Component } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/client'
import * as credit from '@/api/credit'
import type { CreditEventKind, CreditFile as CreditFileData, FormulaVersion, RatingTask } from '@/api/types'
import CreditFile from '@/components/credit/CreditFile.vue'
import { i18n } from '@/i18n'
import { routes } from '@/router/routes'
import RatingTaskView from './RatingTaskView.vue'

vi.mock('@/api/credit')

const api = vi.mocked(credit)
let app: App | null = null

const indicator = (code: string, name: string) => ({ code, name_zh: name, name_en: code, description_zh: `${name}说明`, description_en: '' })
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
  indicators: [indicator('service_quality', '服务质量'), indicator('timeliness', '服务时效')],
  reason: 'shipped',
  created_at: '2026-01-01T00:00:00Z',
}
const future = new Date(Date.now() + 10 * 86_400_000).toISOString()
const TASK: RatingTask = {
  id: 't1',
  job_id: 'j1',
  job_title: '地质灾害危险性评估',
  rater: 'owner',
  status: 'open',
  accepted_at: '2026-12-01T02:00:00Z',
  due_at: future,
}

async function settle() {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    await nextTick()
  }
}

async function mount(component: Component, props: Record<string, unknown> = {}) {
  const host = document.createElement('div')
  document.body.append(host)
  const router = createRouter({ history: createMemoryHistory(), routes })
  app = createApp({ render: () => h(component, props) })
  app.use(ElementPlus).use(i18n).use(createPinia()).use(router).mount(host)
  await settle()
  return host
}

const byTestId = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => byTestId(testid)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

/** Clicks the n-th star (1–5) of an indicator's rating. */
async function score(code: string, stars: number) {
  byTestId(`rating-score-${code}`)!.querySelectorAll<HTMLElement>('.el-rate__item')[stars - 1]!.click()
  await settle()
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  vi.resetAllMocks()
  api.currentFormula.mockResolvedValue(FORMULA)
})

afterEach(() => {
  app?.unmount()
  app = null
  document.body.innerHTML = ''
})

describe('the rating form', () => {
  it('shows the formula’s indicators in order and asks for a comment when a score is 2', async () => {
    api.getRatingTask.mockResolvedValue(TASK)
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    api.rate.mockResolvedValue({ ...TASK, status: 'rated', rated_at: '2026-12-02T02:00:00Z', scores: { service_quality: 2, timeliness: 5 }, comment: '迟交' })
    await mount(RatingTaskView, { id: 't1' })
    const names = [...document.querySelectorAll('.indicator__name')].map((node) => node.textContent?.trim())
    expect(names).toEqual(['1. 服务质量', '2. 服务时效'])

    byTestId('rating-submit')!.click()
    await settle()
    expect(text('rating-client-error')).toBe('请为每项指标打分（1–5分）')

    await score('service_quality', 2)
    await score('timeliness', 5)
    byTestId('rating-submit')!.click()
    await settle()
    expect(text('rating-client-error')).toBe('有指标评为1分或2分时，请填写评价意见')
    expect(api.rate).not.toHaveBeenCalled()

    const comment = byTestId('rating-comment') as HTMLTextAreaElement
    comment.value = ' 迟交 '
    comment.dispatchEvent(new Event('input'))
    byTestId('rating-submit')!.click()
    await settle()
    expect(api.rate).toHaveBeenCalledWith('t1', { scores: { service_quality: 2, timeliness: 5 }, comment: '迟交' })
    expect(byTestId('rating-task-rated')).not.toBeNull()
    expect(byTestId('rating-submit')).toBeNull()
    expect(text('rating-comment-text')).toBe('迟交')
  })

  it('marks the comment when the server refuses a rating for want of one', async () => {
    api.getRatingTask.mockResolvedValue(TASK)
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    api.rate.mockRejectedValue(new ApiError(400, 'rating_comment_missing', 'comment required'))
    await mount(RatingTaskView, { id: 't1' })
    await score('service_quality', 3)
    await score('timeliness', 4)
    byTestId('rating-submit')!.click()
    await settle()
    // The comment's form item is the one marked in error (jsdom skips the message's transition).
    const failed = [...document.querySelectorAll('.el-form-item.is-error')]
    expect(failed).toHaveLength(1)
    expect(failed[0]!.querySelector('[data-testid="rating-comment"]')).not.toBeNull()
    expect(byTestId('rating-error')).toBeNull()
  })

  it('is read-only for a task past its window, even before the lapse job marks it', async () => {
    api.getRatingTask.mockResolvedValue({ ...TASK, due_at: '2026-01-01T00:00:00Z' })
    await mount(RatingTaskView, { id: 't1' })
    expect(byTestId('rating-task-closed')).not.toBeNull()
    expect(byTestId('rating-submit')).toBeNull()
  })
})

describe('the credit file', () => {
  const event = (id: string, kind: CreditEventKind, reference: string, occurred_on: string, ends_on: string | null) => ({
    id,
    kind,
    source: '来源',
    reference,
    occurred_on,
    ends_on,
    description: '',
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-01T00:00:00Z',
  })
  const FILE: CreditFileData = {
    intermediary: { id: 'i1', name: '嘉兴明立地质勘察有限公司', uscc: '91330421MA700002BQ' },
    standing: { score: 94, score_hundredths: 9400, stars: 5, delisted: true, rated_jobs: 1, formula_version: 1, updated_at: '2026-12-08T00:00:00Z' },
    explanation: {
      formula_version: 1,
      window_from: '2025-12-08T00:00:00Z',
      computed_at: '2026-12-08T00:00:00Z',
      score_hundredths: 9400,
      stars: 5,
      jobs_mean_hundredths: 9900,
      events: [
        {
          event_id: 'e1',
          kind: 'tax_arrears',
          source: '国家税务总局嘉兴市税务局',
          reference: 'JX-2026-001',
          occurred_on: '2026-10-01',
          ends_on: '2027-10-01',
          adjustment_hundredths: -1000,
        },
        {
          event_id: 'e2',
          kind: 'commendation',
          source: '嘉兴市自然资源局',
          reference: 'JB-2026-07',
          occurred_on: '2026-06-01',
          ends_on: '2027-06-01',
          adjustment_hundredths: 500,
        },
      ],
      adjustment_hundredths: -500,
      jobs: [
        {
          job_id: 'j1',
          title: '地质灾害危险性评估',
          accepted_at: '2026-12-01T02:00:00Z',
          score_hundredths: 9400,
          raters: [
            { rater: 'owner', weight: 50, status: 'rated', overturned: false, mean_hundredths: 9400 },
            { rater: 'department', weight: 30, status: 'rated', overturned: true, mean_hundredths: null },
            { rater: 'center', weight: 20, status: 'lapsed', overturned: false, mean_hundredths: null },
          ],
        },
      ],
    },
    star_history: [{ from_stars: null, to_stars: 5, score_hundredths: 9400, cause: 'rating', formula_version: 1, changed_at: '2026-12-08T00:00:00Z' }],
    ratings: [],
    events: [
      event('e1', 'tax_arrears', 'JX-2026-001', '2026-10-01', null),
      event('e2', 'commendation', 'JB-2026-07', '2026-06-01', null),
      event('e0', 'administrative_penalty', 'XZ-2024-3', '2024-03-01', '2024-09-01'),
    ],
  }

  it('shows the jobs’ mean, each event in force with its adjustment, their total, and every event', async () => {
    await mount(CreditFile, { file: FILE })
    expect(text('credit-jobs-mean')).toBe('项目平均得分 99.00')
    const lines = [...document.querySelectorAll('[data-testid="credit-explanation-event"]')].map((node) => node.textContent?.replace(/\s+/g, ' ').trim())
    expect(lines).toHaveLength(2)
    expect(lines[0]).toContain('欠税 −10 分')
    expect(lines[0]).toContain('2027-10-01 起不再计入')
    expect(lines[1]).toContain('表彰奖励 +5 分')
    expect(text('credit-adjustment')).toBe('外部信用信息调整 −5 分')
    const statuses = [...document.querySelectorAll('[data-testid="credit-event-status"]')].map((node) => node.textContent?.trim())
    expect(statuses).toEqual(['计入中', '计入中', '不再计入'])
    expect(text('credit-events')).toContain('行政处罚')
    expect(text('credit-events')).toContain('XZ-2024-3')
  })

  it('shows the stars with 推荐, the delisting, and each rater’s mark in the explanation', async () => {
    await mount(CreditFile, { file: FILE })
    expect(byTestId('credit-stars')?.dataset.stars).toBe('5')
    expect(text('credit-recommended')).toBe('推荐')
    expect(text('credit-delisted-warning')).toContain('已被临时下架')
    const marks = [...document.querySelectorAll('[data-testid="credit-rater-mark"]')].map((node) => node.textContent?.trim())
    expect(marks).toEqual(['计入', '申诉撤销（不计入）', '逾期未评（权重分摊）'])
    expect(text('credit-explanation-overall')).toBe('信用分 94.00，5★')
    expect(text('credit-history')).toContain('未评级 → 5★')
  })
})
