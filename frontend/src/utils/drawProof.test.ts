// The browser's draw verifier against the known answers pinned in the server's draw.rs tests
// (computed there by an independent Python implementation), and every way a proof can be wrong.
import { describe, expect, it } from 'vitest'
import {
  acceptBelow,
  canonicalBidders,
  drawCommitment,
  drawOrder,
  isCanonicalSeed,
  verifyDrawProof,
  type DrawProofInput,
} from './drawProof'

const PROCUREMENT = '6f1c2b9e-3d4a-4c8e-9b2f-1a2b3c4d5e6f'

/** Bytes 00 01 02 … 1f. */
const COUNTING_SEED = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('')

/** 24 zero bytes, then the counter as a big-endian u64. */
function seedFromCounter(counter: number): string {
  return '00'.repeat(24) + counter.toString(16).padStart(16, '0')
}

const BIDDERS = [
  '91330782MA2E9RT04Y',
  '91330100MA2B3C4D5N',
  '91330212MA2H5W3N6H',
  '91330110MA27XY8K1P',
  '91330106MA2GL0P7X7',
]

const TWELVE = [
  '91330100MA2B3C400R',
  '91330100MA2B3C401W',
  '91330100MA2B3C4020',
  '91330100MA2B3C4033',
  '91330100MA2B3C4046',
  '91330100MA2B3C4059',
  '91330100MA2B3C406C',
  '91330100MA2B3C407F',
  '91330100MA2B3C408J',
  '91330100MA2B3C409M',
  '91330100MA2B3C410T',
  '91330100MA2B3C411X',
]

async function proof(): Promise<DrawProofInput> {
  const order = await drawOrder(COUNTING_SEED, BIDDERS)
  return {
    algorithm: 'qifu-draw-v1',
    procurement_id: PROCUREMENT,
    commitment: await drawCommitment(PROCUREMENT, COUNTING_SEED),
    seed: COUNTING_SEED,
    bidders: canonicalBidders(BIDDERS),
    order,
    winner: order[0] ?? null,
  }
}

describe('qifu-draw-v1 known answers (draw.rs)', () => {
  it('the counting seed is the pinned hex', () => {
    expect(COUNTING_SEED).toBe('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')
  })

  it('the commitment of a fixed seed is the pinned known answer', async () => {
    expect(await drawCommitment(PROCUREMENT, COUNTING_SEED)).toBe(
      '5a764e0703a50f8b1a5b2570556dd55ddff2eb18867238b87c0a5e29e3c903a8',
    )
  })

  it('the draw order of five bidders is the pinned known answer', async () => {
    expect(await drawOrder(COUNTING_SEED, BIDDERS)).toEqual([
      '91330110MA27XY8K1P',
      '91330782MA2E9RT04Y',
      '91330212MA2H5W3N6H',
      '91330106MA2GL0P7X7',
      '91330100MA2B3C4D5N',
    ])
  })

  it('the draw order of twelve bidders over several blocks is the pinned known answer', async () => {
    expect(await drawOrder(seedFromCounter(7), TWELVE)).toEqual([
      '91330100MA2B3C4046',
      '91330100MA2B3C407F',
      '91330100MA2B3C410T',
      '91330100MA2B3C408J',
      '91330100MA2B3C401W',
      '91330100MA2B3C409M',
      '91330100MA2B3C4033',
      '91330100MA2B3C4020',
      '91330100MA2B3C400R',
      '91330100MA2B3C406C',
      '91330100MA2B3C4059',
      '91330100MA2B3C411X',
    ])
  })
})

describe('the draw', () => {
  it('rejection sampling refuses exactly the biased tail', () => {
    const max = (1n << 64n) - 1n
    expect(acceptBelow(max, 3n)).toBeNull()
    expect(acceptBelow(max - 1n, 3n)).toBe((max - 1n) % 3n)
    const zone = 10n * 1_844_674_407_370_955_161n
    expect(acceptBelow(zone - 1n, 10n)).toBe(9n)
    expect(acceptBelow(zone, 10n)).toBeNull()
    expect(acceptBelow(max, 10n)).toBeNull()
    expect(acceptBelow(max, 4n)).toBe(3n)
    expect(acceptBelow(max, 1n)).toBe(0n)
  })

  it('does not depend on the order or repetition of the bidders given', async () => {
    const seed = seedFromCounter(7)
    const expected = await drawOrder(seed, BIDDERS)
    expect(await drawOrder(seed, [...BIDDERS].reverse())).toEqual(expected)
    expect(await drawOrder(seed, [...BIDDERS, BIDDERS[2]!])).toEqual(expected)
  })

  it('gives an empty order for no bidders and the only one for one', async () => {
    expect(await drawOrder(COUNTING_SEED, [])).toEqual([])
    expect(await drawOrder(COUNTING_SEED, [BIDDERS[0]!])).toEqual([BIDDERS[0]])
  })

  it('accepts only 64 lowercase hex digits as a seed', () => {
    expect(isCanonicalSeed(COUNTING_SEED)).toBe(true)
    for (const bad of ['', COUNTING_SEED.slice(0, 62), `${COUNTING_SEED}00`, COUNTING_SEED.toUpperCase(), ` ${COUNTING_SEED.slice(1)}`]) {
      expect(isCanonicalSeed(bad), bad).toBe(false)
    }
  })
})

describe('verifyDrawProof', () => {
  it('verifies a correct proof, also with no bidders', async () => {
    expect(await verifyDrawProof(await proof())).toMatchObject({ ok: true })
    const empty = { ...(await proof()), bidders: [], order: [], winner: null }
    expect(await verifyDrawProof(empty)).toEqual({ ok: true, order: [] })
  })

  it('refuses an unknown algorithm and a malformed or unrevealed seed', async () => {
    expect(await verifyDrawProof({ ...(await proof()), algorithm: 'qifu-draw-v2' })).toMatchObject({
      ok: false,
      reason: 'unknown_algorithm',
    })
    expect(await verifyDrawProof({ ...(await proof()), seed: '' })).toMatchObject({ ok: false, reason: 'malformed_seed' })
  })

  it('refuses another seed and another procurement on the commitment', async () => {
    const other = seedFromCounter(1)
    const order = await drawOrder(other, BIDDERS)
    expect(await verifyDrawProof({ ...(await proof()), seed: other, order, winner: order[0]! })).toMatchObject({
      ok: false,
      reason: 'commitment_mismatch',
    })
    expect(
      await verifyDrawProof({ ...(await proof()), procurement_id: '00000000-0000-0000-0000-000000000000' }),
    ).toMatchObject({ ok: false, reason: 'commitment_mismatch' })
  })

  it('accepts the procurement id in capitals (a UUID is case-insensitive)', async () => {
    expect(await verifyDrawProof({ ...(await proof()), procurement_id: PROCUREMENT.toUpperCase() })).toMatchObject({ ok: true })
  })

  it('refuses an unsorted or duplicated bidder list', async () => {
    const unsorted = await proof()
    ;[unsorted.bidders[0], unsorted.bidders[1]] = [unsorted.bidders[1]!, unsorted.bidders[0]!]
    expect(await verifyDrawProof(unsorted)).toMatchObject({ ok: false, reason: 'bidders_not_canonical' })
    const duplicated = await proof()
    duplicated.bidders.unshift(duplicated.bidders[0]!)
    expect(await verifyDrawProof(duplicated)).toMatchObject({ ok: false, reason: 'bidders_not_canonical' })
  })

  it('refuses a dropped bidder or a tampered order on the order', async () => {
    const dropped = await proof()
    const [removed] = dropped.bidders.splice(1, 1)
    dropped.order = dropped.order.filter((code) => code !== removed)
    dropped.winner = dropped.order[0]!
    expect(await verifyDrawProof(dropped)).toMatchObject({ ok: false, reason: 'order_mismatch' })
    const swapped = await proof()
    ;[swapped.order[1], swapped.order[2]] = [swapped.order[2]!, swapped.order[1]!]
    const result = await verifyDrawProof(swapped)
    expect(result).toMatchObject({ ok: false, reason: 'order_mismatch' })
    expect(result.order).toEqual((await proof()).order)
  })

  it('refuses a winner other than the first of the order', async () => {
    const tampered = await proof()
    tampered.winner = tampered.order[1]!
    expect(await verifyDrawProof(tampered)).toMatchObject({ ok: false, reason: 'winner_mismatch' })
    tampered.winner = null
    expect(await verifyDrawProof(tampered)).toMatchObject({ ok: false, reason: 'winner_mismatch' })
  })
})
