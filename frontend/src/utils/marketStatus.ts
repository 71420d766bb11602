// The one reading of every state in the supermarket (中介超市) — procurements, bids, contracts,
// deliveries and objections — for the owner's, the intermediary's, the centre's and the public
// pages alike: each state's label (`marketplace.status.<kind>.<state>` in the locales) and the
// colour of its tag. `MarketStatusTag` shows both; pages that need only the words (filters,
// timelines, charts, messages) take the key from `statusLabelKey`. Likewise the one name of each
// selection method (`marketplace.method.*`, `methodLabelKey`) and the one wording of why a bid was
// set aside (`marketplace.bidReason.*`, `bidReasonText`).
import {
  BID_INVALID_REASONS,
  type BidStatus,
  type Contract,
  type Delivery,
  type Objection,
  type ProcurementStatus,
  type SelectionMethod,
} from '@/api/marketplaceTypes'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** The states of each kind of record (a delivery without a decision is `pending`). */
export interface MarketStates {
  procurement: ProcurementStatus
  bid: BidStatus
  contract: Contract['status']
  delivery: NonNullable<Delivery['decision']> | 'pending'
  objection: Objection['status']
}

export type MarketStatusKind = keyof MarketStates

/**
 * Blue while it runs its course, orange where someone has to act or look, green when done or
 * valid, red for a dead end, grey for what no longer counts.
 */
export const STATUS_TAGS: { [K in MarketStatusKind]: Record<MarketStates[K], TagType> } = {
  procurement: {
    draft: 'info',
    published: 'primary',
    evaluating: 'warning',
    notice: 'warning',
    awarded: 'primary',
    contracted: 'primary',
    delivered: 'warning',
    accepted: 'success',
    cancelled: 'info',
    failed: 'danger',
  },
  bid: {
    active: 'success',
    stale: 'warning',
    withdrawn: 'info',
    rejected: 'danger',
  },
  contract: {
    proposed: 'warning',
    signed: 'primary',
    delivered: 'warning',
    accepted: 'success',
  },
  delivery: {
    pending: 'warning',
    accepted: 'success',
    returned: 'danger',
  },
  objection: {
    open: 'warning',
    upheld: 'danger',
    dismissed: 'info',
  },
}

/** The i18n key of a state's label. */
export function statusLabelKey<K extends MarketStatusKind>(kind: K, status: MarketStates[K]): string {
  return `marketplace.status.${kind}.${status}`
}

/** The tag colour of a state; one the front end does not know yet is grey. */
export function statusTagType<K extends MarketStatusKind>(kind: K, status: MarketStates[K]): TagType {
  return (STATUS_TAGS[kind] as Record<string, TagType>)[status] ?? 'info'
}

/** The i18n key of a selection method's name. */
export function methodLabelKey(method: SelectionMethod): string {
  return `marketplace.method.${method}`
}

/** The parts of vue-i18n's composer `bidReasonText` needs. */
export interface Translator {
  t: (key: string) => string
  te: (key: string) => boolean
}

/**
 * Why a bid was set aside, in words: the shared text of a reason the server gives, else the text
 * of an error code it may give instead, else the code itself.
 */
export function bidReasonText(code: string, { t, te }: Translator): string {
  if ((BID_INVALID_REASONS as readonly string[]).includes(code)) return t(`marketplace.bidReason.${code}`)
  return te(`errors.${code}`) ? t(`errors.${code}`) : code
}
