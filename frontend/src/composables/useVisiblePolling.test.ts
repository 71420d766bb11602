// @vitest-environment jsdom
// The bell's polling: at once and every interval while the tab is visible, paused while hidden.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startVisiblePolling } from './useVisiblePolling'

let visibility: DocumentVisibilityState = 'visible'

function setVisibility(state: DocumentVisibilityState) {
  visibility = state
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(() => {
  vi.useFakeTimers()
  visibility = 'visible'
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility)
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('startVisiblePolling', () => {
  it('runs at once and then every interval', () => {
    const task = vi.fn()
    const stop = startVisiblePolling(task, 30_000)
    expect(task).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(29_999)
    expect(task).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(task).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(60_000)
    expect(task).toHaveBeenCalledTimes(4)
    stop()
  })

  it('pauses while the tab is hidden and runs at once when it is shown again', () => {
    const task = vi.fn()
    const stop = startVisiblePolling(task, 30_000)
    setVisibility('hidden')
    vi.advanceTimersByTime(120_000)
    expect(task).toHaveBeenCalledTimes(1)
    setVisibility('visible')
    expect(task).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(30_000)
    expect(task).toHaveBeenCalledTimes(3)
    stop()
  })

  it('waits for a tab that starts hidden, and does not double up on repeated events', () => {
    visibility = 'hidden'
    const task = vi.fn()
    const stop = startVisiblePolling(task, 30_000)
    vi.advanceTimersByTime(60_000)
    expect(task).not.toHaveBeenCalled()
    setVisibility('visible')
    setVisibility('visible')
    expect(task).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(30_000)
    expect(task).toHaveBeenCalledTimes(2)
    stop()
  })

  it('stops for good, whatever the tab does afterwards', () => {
    const task = vi.fn()
    const stop = startVisiblePolling(task, 30_000)
    stop()
    vi.advanceTimersByTime(90_000)
    setVisibility('hidden')
    setVisibility('visible')
    expect(task).toHaveBeenCalledTimes(1)
  })
})
