// The intermediary's supermarket rules in the browser: when bidding is open, the bid form's
// checks against the procurement's terms, qualification expiry, and what each stage allows.
import { describe, expect, it } from 'vitest'
import type { Contract, Delivery, MyBid } from '@/api/marketplaceTypes'
import {
  bidFormProblems,
  biddingOpen,
  contractActions,
  contractLate,
  deliveriesNewestFirst,
  hasContract,
  justificationWanted,
  latestDelivery,
  noticeOpen,
  objectionOpen,
  priceBounds,
  qualificationState,
  returnedForRework,
  wonBy,
} from './market'

const terms = { fee_min_fen: 1_000_000, fee_max_fen: 10_000_000, budget_ceiling_fen: 8_000_000, service_working_days: 20 }

function bid(overrides: Partial<MyBid> = {}): MyBid {
  return {
    id: 'b1',
    price_fen: 5_000_000,
    promised_working_days: 15,
    proposal: '',
    proposal_file_id: null,
    proposal_digest: null,
    status: 'active',
    terms_version: 1,
    placed_at: '2026-12-01T02:00:00Z',
    abnormally_low: false,
    justification: null,
    justification_decision: null,
    invalid_reason: null,
    ...overrides,
  }
}

function delivery(submitted_at: string, decision: Delivery['decision']): Delivery {
  return { id: submitted_at, summary: 's', file_id: null, digest: 'd', submitted_at, decision, reason: null, decided_at: null }
}

describe('bidding', () => {
  const now = new Date('2026-12-01T00:00:00Z')

  it('tells when bidding is open: published and before the deadline', () => {
    expect(biddingOpen({ status: 'published', bid_deadline: '2026-12-02T00:00:00Z' }, now)).toBe(true)
    expect(biddingOpen({ status: 'published', bid_deadline: '2026-11-30T00:00:00Z' }, now)).toBe(false)
    expect(biddingOpen({ status: 'evaluating', bid_deadline: '2026-12-02T00:00:00Z' }, now)).toBe(false)
  })
})

describe('the bid form', () => {
  const ok = { price_fen: 5_000_000, promised_working_days: 15, proposal: '' }

  it('accepts a price within the fee range and the ceiling, and days within the service days', () => {
    expect(bidFormProblems(ok, terms)).toEqual({})
    expect(bidFormProblems({ ...ok, price_fen: 1_000_000, promised_working_days: 1 }, terms)).toEqual({})
    expect(bidFormProblems({ ...ok, price_fen: 8_000_000, promised_working_days: 20 }, terms)).toEqual({})
  })

  it.each([
    [null, 'priceRequired', {}],
    [0, 'priceRequired', {}],
    [999_999, 'priceBelowFee', { min: 1_000_000 }],
    [10_000_001, 'priceAboveFee', { max: 10_000_000 }],
    [8_000_001, 'priceAboveCeiling', { max: 8_000_000 }],
  ])('refuses the price %s as %s', (price, key, params) => {
    expect(bidFormProblems({ ...ok, price_fen: price }, terms)).toEqual({ price_fen: { key, params } })
  })

  it.each([
    [null, 'daysRequired', {}],
    [0, 'daysRange', { max: 20 }],
    [21, 'daysRange', { max: 20 }],
    [2.5, 'daysRange', { max: 20 }],
  ])('refuses %s promised days as %s', (days, key, params) => {
    expect(bidFormProblems({ ...ok, promised_working_days: days }, terms)).toEqual({ promised_working_days: { key, params } })
  })

  it('offers prices from the fee minimum to the lower of the fee maximum and the ceiling', () => {
    expect(priceBounds(terms)).toEqual({ min: 1_000_000, max: 8_000_000 })
    expect(priceBounds({ ...terms, budget_ceiling_fen: 20_000_000 })).toEqual({ min: 1_000_000, max: 10_000_000 })
  })
})

describe('after closing', () => {
  const now = new Date('2026-12-10T00:00:00Z')

  it('asks for a justification only of an abnormally low bid under evaluation, until decided', () => {
    expect(justificationWanted({ status: 'evaluating', my_bid: bid({ abnormally_low: true }) })).toBe(true)
    expect(justificationWanted({ status: 'evaluating', my_bid: bid() })).toBe(false)
    expect(justificationWanted({ status: 'notice', my_bid: bid({ abnormally_low: true }) })).toBe(false)
    expect(
      justificationWanted({ status: 'evaluating', my_bid: bid({ abnormally_low: true, justification_decision: 'accepted' }) }),
    ).toBe(false)
    expect(justificationWanted({ status: 'evaluating', my_bid: null })).toBe(false)
  })

  it('is in public notice from the award until the notice ends, by the server’s clock', () => {
    const during = { status: 'notice' as const, notice_ends_at: '2026-12-12T10:00:00Z' }
    expect(noticeOpen(during, now)).toBe(true)
    expect(noticeOpen({ ...during, notice_ends_at: '2026-12-09T10:00:00Z' }, now)).toBe(false)
    expect(noticeOpen({ ...during, notice_ends_at: null }, now)).toBe(false)
    expect(noticeOpen({ ...during, status: 'awarded' }, now)).toBe(false)
  })

  it('has a contract from the end of the notice on', () => {
    expect(hasContract({ status: 'notice' })).toBe(false)
    expect(hasContract({ status: 'awarded' })).toBe(true)
    expect(hasContract({ status: 'contracted' })).toBe(true)
    expect(hasContract({ status: 'accepted' })).toBe(true)
    expect(hasContract({ status: 'cancelled' })).toBe(false)
  })

  it('lets a bidder object only during the notice', () => {
    const during = { status: 'notice' as const, notice_ends_at: '2026-12-12T10:00:00Z', my_bid: bid() }
    expect(objectionOpen(during, now)).toBe(true)
    expect(objectionOpen({ ...during, my_bid: null }, now)).toBe(false)
    expect(objectionOpen({ ...during, notice_ends_at: '2026-12-09T10:00:00Z' }, now)).toBe(false)
    expect(objectionOpen({ ...during, status: 'awarded' }, now)).toBe(false)
  })

  it('knows the winner only once bids are open', () => {
    const winner = { id: 'org-1', name: '甲' }
    expect(wonBy({ status: 'notice', winner }, 'org-1')).toBe(true)
    expect(wonBy({ status: 'notice', winner }, 'org-2')).toBe(false)
    expect(wonBy({ status: 'published', winner }, 'org-1')).toBe(false)
  })
})

describe('contracts', () => {
  const base = { status: 'proposed' as Contract['status'], intermediary_confirmed_at: null as string | null, deliveries: [] as Delivery[] }

  it('are confirmed once by the intermediary, then delivered while signed', () => {
    expect(contractActions(base)).toEqual(['confirm'])
    expect(contractActions({ ...base, intermediary_confirmed_at: '2026-12-10T00:00:00Z' })).toEqual([])
    expect(contractActions({ ...base, status: 'signed' })).toEqual(['deliver'])
    expect(contractActions({ ...base, status: 'delivered' })).toEqual([])
    expect(contractActions({ ...base, status: 'accepted' })).toEqual([])
  })

  it('are late when delivered late, or still owed after the due time', () => {
    const now = new Date('2026-12-20T00:00:00Z')
    const signed = { status: 'signed' as const, due_at: '2026-12-19T15:59:59Z', late: false, overdue: false }
    expect(contractLate(signed, now)).toBe(true)
    expect(contractLate({ ...signed, due_at: '2026-12-22T15:59:59Z' }, now)).toBe(false)
    expect(contractLate({ ...signed, due_at: '2026-12-22T15:59:59Z', overdue: true }, now)).toBe(true)
    expect(contractLate({ ...signed, status: 'delivered' }, now)).toBe(false)
    expect(contractLate({ ...signed, status: 'accepted', late: true }, now)).toBe(true)
    expect(contractLate({ ...signed, status: 'proposed', due_at: null }, now)).toBe(false)
  })

  it('know a returned delivery is to be resubmitted', () => {
    const returned = [delivery('2026-12-11T00:00:00Z', 'returned'), delivery('2026-12-10T00:00:00Z', 'returned')]
    expect(latestDelivery({ deliveries: returned })?.submitted_at).toBe('2026-12-11T00:00:00Z')
    expect(deliveriesNewestFirst({ deliveries: [...returned].reverse() }).map((d) => d.submitted_at)).toEqual([
      '2026-12-11T00:00:00Z',
      '2026-12-10T00:00:00Z',
    ])
    expect(latestDelivery({ deliveries: [] })).toBeNull()
    expect(returnedForRework({ status: 'signed', deliveries: returned })).toBe(true)
    expect(returnedForRework({ status: 'signed', deliveries: [] })).toBe(false)
    expect(returnedForRework({ status: 'delivered', deliveries: [delivery('2026-12-12T00:00:00Z', null)] })).toBe(false)
  })
})

describe('qualifications', () => {
  it('expire after their expiry day and warn within 30 days of it', () => {
    expect(qualificationState({ expires_on: '2026-12-09' }, '2026-12-10')).toBe('expired')
    expect(qualificationState({ expires_on: '2026-12-10' }, '2026-12-10')).toBe('expiring')
    expect(qualificationState({ expires_on: '2027-01-09' }, '2026-12-10')).toBe('expiring')
    expect(qualificationState({ expires_on: '2027-01-10' }, '2026-12-10')).toBe('valid')
  })
})
