// Types of the value-added service store (增值服务): sectors, items, packages (一类事),
// recommendations and orders. Generated from the server's OpenAPI document (see `types.ts`);
// written by hand only the lists the views offer.
import type { PageQuery, QueryOf, Schemas } from './types'

export type ServiceSector = Schemas['SectorResponse']
export type SectorRequest = Schemas['SectorRequest']

/** Who provides a service (`ServiceProvider.kind`; the document says only `string`). */
export const PROVIDER_KINDS = ['department', 'intermediary'] as const
export type ProviderKind = (typeof PROVIDER_KINDS)[number]

export type ServiceProvider = Schemas['ProviderResponse']
export type ServiceItem = Schemas['ItemResponse']
export type ServiceItemRequest = Schemas['ItemRequest']
export type ServiceItemQuery = PageQuery & QueryOf<'list_items'>
export type ServicePackage = Schemas['PackageResponse']
export type ServicePackageRequest = Schemas['PackageRequest']
export type ServiceRecommendation = Schemas['RecommendationResponse']

export type OrderStatus = Schemas['OrderStatus']
export const ORDER_STATUSES = [
  'ordered',
  'accepted',
  'completed',
  'declined',
  'cancelled',
] as const satisfies readonly OrderStatus[]
export type ServiceOrder = Schemas['OrderResponse']
export type ServiceOrderQuery = PageQuery & QueryOf<'list_orders'>
