// Pure rules of the service store pages: tag codes to names, a recommendation's fit, which
// actions an order offers to whom, its SLA clock, the catalogue's item form, and the query an
// order list's filter controls send.
import type {
  OrderStatus,
  ServiceItem,
  ServiceItemRequest,
  ServiceOrder,
  ServiceOrderQuery,
} from '@/api/serviceStoreTypes'
import type { TagDimension } from '@/api/types'

type LocalName = (named: { name_zh: string; name_en: string }) => string

/** Tag code → its name in the UI language, over the whole catalogue. */
export function tagNameIndex(dimensions: readonly TagDimension[], localName: LocalName): Map<string, string> {
  return new Map(dimensions.flatMap((dimension) => dimension.tags.map((tag) => [tag.code, localName(tag)] as const)))
}

/** The names of tag codes; a code the catalogue no longer has is shown as it is. */
export function tagLabels(codes: readonly string[], index: ReadonlyMap<string, string>): string[] {
  return codes.map((code) => index.get(code) ?? code)
}

/** A recommendation's score (0 to 1) as a whole percentage. */
export function fitPercent(score: number): number {
  if (!Number.isFinite(score)) return 0
  return Math.min(100, Math.max(0, Math.round(score * 100)))
}

/** Who looks at an order: the enterprise that placed it, its provider, or the centre (read only). */
export type OrderSide = 'enterprise' | 'provider' | 'readonly'
export type OrderAction = 'cancel' | 'rate' | 'accept' | 'decline' | 'complete'

/** What the side may do with the order now (the server's `may_become`, and rating once). */
export function orderActions(order: Pick<ServiceOrder, 'status' | 'rating'>, side: OrderSide): OrderAction[] {
  if (side === 'enterprise') {
    if (order.status === 'ordered') return ['cancel']
    if (order.status === 'completed' && order.rating === null) return ['rate']
    return []
  }
  if (side === 'provider') {
    if (order.status === 'ordered') return ['accept', 'decline']
    if (order.status === 'accepted') return ['complete']
  }
  return []
}

export function isOpen(status: OrderStatus): boolean {
  return status === 'ordered' || status === 'accepted'
}

export type StatusTag = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export const ORDER_STATUS_TAGS: Record<OrderStatus, StatusTag> = {
  ordered: 'primary',
  accepted: 'warning',
  completed: 'success',
  declined: 'danger',
  cancelled: 'info',
}

/** Working days used of the SLA as a percentage for a progress bar (capped at 100). */
export function slaPercent(order: Pick<ServiceOrder, 'working_days_used' | 'sla_working_days'>): number {
  return Math.min(100, Math.round((order.working_days_used / Math.max(1, order.sla_working_days)) * 100))
}

/** The item form of the catalogue: a blank one, or one copied from a stored item. */
/** An item's form: every field of the request, filled in. */
export type ItemForm = Required<ServiceItemRequest>

export function itemForm(item: ServiceItem | null): ItemForm {
  return {
    sector_id: item?.sector.id ?? '',
    title: item?.title ?? '',
    description: item?.description ?? '',
    provider_id: item?.provider.id ?? '',
    target_tags: [...(item?.target_tags ?? [])],
    sla_working_days: item?.sla_working_days ?? 5,
    materials: [...(item?.materials ?? [])],
    active: item?.active ?? true,
  }
}

/** The request body from the form: trimmed texts, no blank or repeated materials. */
export function itemRequest(form: ItemForm): ServiceItemRequest {
  return {
    ...form,
    title: form.title.trim(),
    description: form.description.trim(),
    target_tags: [...new Set(form.target_tags)],
    materials: [...new Set(form.materials.map((m) => m.trim()).filter(Boolean))],
  }
}

/** The body that withdraws an item (or puts it back on offer), everything else unchanged. */
export function withActive(item: ServiceItem, active: boolean): ServiceItemRequest {
  return { ...itemForm(item), active }
}

/** The filter controls of an order list, as the page holds them. */
export interface OrderFilterForm {
  status?: OrderStatus
  sector_id?: string
  item_id?: string
  /** The chosen [from, to] Beijing days (YYYY-MM-DD), or null. */
  dates: [string, string] | null
  overdue: boolean
  q: string
}

export const EMPTY_ORDER_FILTERS: Readonly<OrderFilterForm> = Object.freeze({
  status: undefined,
  sector_id: undefined,
  item_id: undefined,
  dates: null,
  overdue: false,
  q: '',
})

/** The query an order list sends for its filter controls: only what narrows the list. */
export function orderQuery(form: OrderFilterForm): Omit<ServiceOrderQuery, 'page' | 'per_page'> {
  const q = form.q.trim()
  return {
    status: form.status || undefined,
    sector_id: form.sector_id || undefined,
    item_id: form.item_id || undefined,
    from: form.dates?.[0] || undefined,
    to: form.dates?.[1] || undefined,
    overdue: form.overdue || undefined,
    q: q || undefined,
  }
}
