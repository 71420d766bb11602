// Scheduled jobs (定时任务) for the centre: list, pause and resume, run now, change the
// expression, and each job's run history.
import { api } from './client'
import type { Job, JobRun, Page, PageQuery } from './types'

const jobPath = (name: string) => `/scheduler/jobs/${encodeURIComponent(name)}`

export const listJobs = () => api.get<Job[]>('/scheduler/jobs')

export const pauseJob = (name: string) => api.post<void>(`${jobPath(name)}/pause`, {})

export const resumeJob = (name: string) => api.post<void>(`${jobPath(name)}/resume`, {})

/** Runs the job now; resolves with the finished run. */
export const runJob = (name: string) => api.post<JobRun>(`${jobPath(name)}/run`, {})

export const updateJobCron = (name: string, cron: string) => api.put<void>(jobPath(name), { cron })

export const listJobRuns = (name: string, query: PageQuery) =>
  api.get<Page<JobRun>>(`${jobPath(name)}/runs`, query)
