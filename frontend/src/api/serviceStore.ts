// The value-added service store (增值服务): the catalogue (read by all, kept by the centre),
// recommendations for the signed-in enterprise, and orders from placing to rating.
import { api } from './client'
import type {
  SectorRequest,
  ServiceItem,
  ServiceItemQuery,
  ServiceItemRequest,
  ServiceOrder,
  ServiceOrderQuery,
  ServicePackage,
  ServicePackageRequest,
  ServiceRecommendation,
  ServiceSector,
} from './serviceStoreTypes'
import type { Page, Uuid } from './types'

// ---- the catalogue ----

/** The sectors in display order. */
export const listSectors = () => api.get<ServiceSector[]>('/service-sectors')

export const createSector = (body: SectorRequest) => api.post<ServiceSector>('/service-sectors', body)

/** Replaces a sector: 409 `code_taken` when another sector has the code. */
export const updateSector = (id: Uuid, body: SectorRequest) => api.put<ServiceSector>(`/service-sectors/${id}`, body)

/** Deletes a sector: 409 `sector_not_empty` while any item (withdrawn ones too) belongs to it. */
export const deleteSector = (id: Uuid) => api.delete<void>(`/service-sectors/${id}`)

export const listServiceItems = (query: ServiceItemQuery) => api.get<Page<ServiceItem>>('/service-items', query)

export const getServiceItem = (id: Uuid) => api.get<ServiceItem>(`/service-items/${id}`)

export const createServiceItem = (body: ServiceItemRequest) => api.post<ServiceItem>('/service-items', body)

/** Replaces an item; `active: false` withdraws it from the store. */
export const updateServiceItem = (id: Uuid, body: ServiceItemRequest) =>
  api.put<ServiceItem>(`/service-items/${id}`, body)

export const listPackages = () => api.get<ServicePackage[]>('/service-packages')

export const createPackage = (body: ServicePackageRequest) => api.post<ServicePackage>('/service-packages', body)

export const updatePackage = (id: Uuid, body: ServicePackageRequest) =>
  api.put<ServicePackage>(`/service-packages/${id}`, body)

/** Deletes a package; its items and their orders stay. */
export const deletePackage = (id: Uuid) => api.delete<void>(`/service-packages/${id}`)

// ---- the enterprise ----

/** Services for the signed-in enterprise, best fit first, with the tags that make them fit. */
export const serviceRecommendations = (limit = 10) =>
  api.get<ServiceRecommendation[]>('/enterprises/me/service-recommendations', { limit })

/** 点单: 409 `order_duplicate` while an order for it is open, 422 `service_inactive`. */
export const placeOrder = (itemId: Uuid, note: string) =>
  api.post<ServiceOrder>(`/service-items/${itemId}/orders`, { note })

export const myOrders = (query: ServiceOrderQuery) =>
  api.get<Page<ServiceOrder>>('/enterprises/me/service-orders', query)

/** Withdraws an order before the provider accepts it. */
export const cancelOrder = (id: Uuid) => api.post<ServiceOrder>(`/service-orders/${id}/cancel`)

/** Rates a completed order once: 409 `order_already_rated` or `order_wrong_state`. */
export const rateOrder = (id: Uuid, rating: number, comment: string) =>
  api.post<ServiceOrder>(`/service-orders/${id}/rate`, { rating, comment })

// ---- providers (and the centre, read only) ----

/** A provider's own orders; all of them for the centre. */
export const providerOrders = (query: ServiceOrderQuery) => api.get<Page<ServiceOrder>>('/service-orders', query)

export const getOrder = (id: Uuid) => api.get<ServiceOrder>(`/service-orders/${id}`)

export const acceptOrder = (id: Uuid) => api.post<ServiceOrder>(`/service-orders/${id}/accept`)

/** Declines an order; the reason is required. */
export const declineOrder = (id: Uuid, reason: string) =>
  api.post<ServiceOrder>(`/service-orders/${id}/decline`, { note: reason })

export const completeOrder = (id: Uuid, note: string) =>
  api.post<ServiceOrder>(`/service-orders/${id}/complete`, { note })
