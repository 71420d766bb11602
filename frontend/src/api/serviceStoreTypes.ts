// Types of the value-added service store (增值服务, `src/services/dto.rs`): sectors, items,
// packages (一类事), recommendations and orders. Kept apart from `types.ts`.
import type { PageQuery, Timestamp, Uuid } from './types'

export interface ServiceSector {
  id: Uuid
  /** Lower-case letters, digits and `_`, starting with a letter. */
  code: string
  name_zh: string
  name_en: string
  position: number
}

export type SectorRequest = Omit<ServiceSector, 'id'>

export const PROVIDER_KINDS = ['department', 'intermediary'] as const
export type ProviderKind = (typeof PROVIDER_KINDS)[number]

export interface ServiceProvider {
  id: Uuid
  name: string
  kind: ProviderKind
}

export interface ServiceItem {
  id: Uuid
  sector: ServiceSector
  title: string
  description: string
  provider: ServiceProvider
  /** Codes of the tags the service is meant for. */
  target_tags: string[]
  /** Working days from the order to completion. */
  sla_working_days: number
  /** What the enterprise brings. */
  materials: string[]
  active: boolean
  updated_at: Timestamp
}

export interface ServiceItemRequest {
  sector_id: Uuid
  title: string
  description: string
  /** A department or an intermediary organisation. */
  provider_id: Uuid
  target_tags: string[]
  sla_working_days: number
  materials: string[]
  /** `false` withdraws the item from the store. */
  active: boolean
}

export interface ServiceItemQuery extends PageQuery {
  sector_id?: Uuid
  /** Contained in the title or the description. */
  q?: string
  /** A tag code. */
  tag?: string
  /** Withdrawn items too (the centre only). */
  include_inactive?: boolean
}

export interface ServicePackage {
  id: Uuid
  title: string
  description: string
  items: ServiceItem[]
}

export interface ServicePackageRequest {
  title: string
  description: string
  item_ids: Uuid[]
}

export interface ServiceRecommendation {
  item: ServiceItem
  /** The share of the item's target tags the enterprise has, 0 to 1. */
  score: number
  /** The enterprise's tags (codes) among the item's targets: why it is recommended. */
  matched_tags: string[]
}

export const ORDER_STATUSES = ['ordered', 'accepted', 'completed', 'declined', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export interface ServiceOrder {
  id: Uuid
  item_id: Uuid
  item_title: string
  enterprise: string
  provider: string
  status: OrderStatus
  /** What the enterprise asked for. */
  note: string
  ordered_at: Timestamp
  due_at: Timestamp
  accepted_at: Timestamp | null
  closed_at: Timestamp | null
  /** Why the provider declined, or what it did. */
  provider_note: string | null
  /** 1 to 5 stars, once the enterprise rated the order. */
  rating: number | null
  rating_comment: string | null
  sla_working_days: number
  /** Working days from the order to its close, or to now while open. */
  working_days_used: number
  /** Completed after its due time, or still open past it. */
  late: boolean
}

export interface ServiceOrderQuery extends PageQuery {
  status?: OrderStatus
  item_id?: Uuid
  sector_id?: Uuid
  /** Ordered on or after this Beijing day (YYYY-MM-DD). */
  from?: string
  /** Ordered on or before this Beijing day (YYYY-MM-DD). */
  to?: string
  /** Only orders still open past their due time. */
  overdue?: boolean
  /** Contained in the service's title or the ordering enterprise's name. */
  q?: string
}
