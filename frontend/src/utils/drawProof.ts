// The random draw (随机抽取) recomputed in the browser: `qifu-draw-v1` exactly as the server's
// `src/marketplace/draw.rs` defines it, on WebCrypto SHA-256, so anyone reading a public proof
// can check that the seed was fixed before bidding (the commitment) and that the published order
// follows from the seed and the sorted bidders.
//
//   commitment = hex SHA-256 of "qifu-draw-v1:{procurement uuid}:{seed hex}"
//   block i    = SHA-256 of "qifu-draw-v1:{seed hex}:{c0},{c1},…:{i}", read as 4 big-endian u64s
//   pick j < m = next x, rejected while x >= m·floor(2^64/m), then x mod m
//   order      = Fisher–Yates from the sorted list, k = n−1 down to 1, swap k and pick(k+1)

export const DRAW_ALGORITHM = 'qifu-draw-v1'

const TWO_TO_64 = 1n << 64n
const encoder = new TextEncoder()

/** The proof fields the check reads (the API's `DrawProof`). */
export interface DrawProofInput {
  algorithm: string
  procurement_id: string
  commitment: string
  seed: string
  bidders: string[]
  order: string[]
  winner?: string | null
}

/** Why a proof does not verify, in the order the checks run (as `DrawError` in draw.rs). */
export const DRAW_FAILURES = [
  'unknown_algorithm',
  'malformed_seed',
  'commitment_mismatch',
  'bidders_not_canonical',
  'order_mismatch',
  'winner_mismatch',
] as const
export type DrawFailure = (typeof DRAW_FAILURES)[number]

export type DrawVerification =
  | { ok: true; order: string[] }
  /** `order` is the recomputed order when the check got that far. */
  | { ok: false; reason: DrawFailure; order: string[] | null }

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The canonical seed: exactly 64 lowercase hexadecimal digits. */
export function isCanonicalSeed(seed: string): boolean {
  return /^[0-9a-f]{64}$/.test(seed)
}

/** The public commitment to `seed` for the procurement (its id lowercase and hyphenated). */
export async function drawCommitment(procurementId: string, seed: string): Promise<string> {
  return toHex(await sha256(`${DRAW_ALGORITHM}:${procurementId.toLowerCase()}:${seed}`))
}

/** Byte order of the UTF-8 texts, as Rust sorts `String`s. */
export function compareBytes(a: string, b: string): number {
  const x = encoder.encode(a)
  const y = encoder.encode(b)
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return x[i]! - y[i]!
  }
  return x.length - y.length
}

/** The bidders as the draw sees them: sorted in byte order, duplicates removed. */
export function canonicalBidders(bidders: readonly string[]): string[] {
  const sorted = [...bidders].sort(compareBytes)
  return sorted.filter((code, i) => i === 0 || code !== sorted[i - 1])
}

function isCanonical(bidders: readonly string[]): boolean {
  return bidders.every((code, i) => i === 0 || compareBytes(bidders[i - 1]!, code) < 0)
}

/** Step 5: `x mod m`, unless `x >= m * floor(2^64 / m)`, where that would bias small results. */
export function acceptBelow(x: bigint, m: bigint): bigint | null {
  const bound = m < 1n ? 1n : m
  const zone = bound * (TWO_TO_64 / bound)
  return x < zone ? x % bound : null
}

/** The stream of big-endian u64s of step 4, block by block. */
class DrawStream {
  private blockIndex = 0
  private block: DataView | null = null
  private offset = 32

  constructor(private readonly prefix: string) {}

  async nextU64(): Promise<bigint> {
    if (this.offset === 32 || this.block === null) {
      const digest = await sha256(`${this.prefix}${this.blockIndex}`)
      this.block = new DataView(digest.buffer, digest.byteOffset, digest.byteLength)
      this.blockIndex += 1
      this.offset = 0
    }
    const word = this.block.getBigUint64(this.offset, false)
    this.offset += 8
    return word
  }

  async nextBelow(m: number): Promise<number> {
    for (;;) {
      const j = acceptBelow(await this.nextU64(), BigInt(m))
      if (j !== null) return Number(j)
    }
  }
}

/** The draw order of `bidders` (sorted and deduplicated first): the winner first, then the reserve. */
export async function drawOrder(seed: string, bidders: readonly string[]): Promise<string[]> {
  const order = canonicalBidders(bidders)
  const stream = new DrawStream(`${DRAW_ALGORITHM}:${seed}:${order.join(',')}:`)
  for (let k = order.length - 1; k >= 1; k -= 1) {
    const j = await stream.nextBelow(k + 1)
    ;[order[k], order[j]] = [order[j]!, order[k]!]
  }
  return order
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i])
}

/**
 * Recomputes the draw from the proof's own data; the first failing check is the answer. Call it
 * only once the seed is revealed (an empty seed is malformed).
 */
export async function verifyDrawProof(proof: DrawProofInput): Promise<DrawVerification> {
  if (proof.algorithm !== DRAW_ALGORITHM) return { ok: false, reason: 'unknown_algorithm', order: null }
  if (!isCanonicalSeed(proof.seed)) return { ok: false, reason: 'malformed_seed', order: null }
  if ((await drawCommitment(proof.procurement_id, proof.seed)) !== proof.commitment) {
    return { ok: false, reason: 'commitment_mismatch', order: null }
  }
  if (!isCanonical(proof.bidders)) return { ok: false, reason: 'bidders_not_canonical', order: null }
  const order = await drawOrder(proof.seed, proof.bidders)
  if (!sameList(order, proof.order)) return { ok: false, reason: 'order_mismatch', order }
  if ((proof.winner ?? null) !== (order[0] ?? null)) return { ok: false, reason: 'winner_mismatch', order }
  return { ok: true, order }
}
