// The side menu: every entry once (path, label key, icon) and, per role, which entries it
// shows in which order. Routes take their allowed roles from here, so the menu and the
// router's role guard cannot disagree. Until the centre approves an organisation, its users
// see only the pages of their own registration (the server refuses everything else).
import type { Component } from 'vue'
import {
  Box,
  ChatDotSquare,
  ChatLineSquare,
  Checked,
  Collection,
  CollectionTag,
  DataAnalysis,
  Document,
  DocumentChecked,
  Files,
  Goods,
  Handbag,
  House,
  List,
  Medal,
  Memo,
  Message,
  Notification,
  OfficeBuilding,
  Operation,
  Postcard,
  PriceTag,
  School,
  Setting,
  Share,
  ShoppingCart,
  Stamp,
  Star,
  StarFilled,
  Tickets,
  Timer,
  TrendCharts,
  User,
  Warning,
} from '@element-plus/icons-vue'
import type { OrganisationStatus, Role } from '@/api/types'

export interface MenuEntry {
  path: string
  /** i18n key of the label. */
  label: string
  icon: Component
}

export const MENU_ENTRIES = {
  home: { path: '/', label: 'menu.home', icon: House },
  profile: { path: '/enterprise/profile', label: 'menu.profile', icon: Postcard },
  policies: { path: '/enterprise/policies', label: 'menu.policies', icon: Tickets },
  applications: { path: '/enterprise/applications', label: 'menu.applications', icon: DocumentChecked },
  services: { path: '/enterprise/services', label: 'menu.services', icon: Goods },
  orders: { path: '/enterprise/orders', label: 'menu.orders', icon: List },
  procurements: { path: '/enterprise/procurements', label: 'menu.procurements', icon: ShoppingCart },
  organisation: { path: '/intermediary/organisation', label: 'menu.organisation', icon: OfficeBuilding },
  'open-procurements': { path: '/market/procurements', label: 'menu.openProcurements', icon: Notification },
  'my-bids': { path: '/market/bids', label: 'menu.myBids', icon: PriceTag },
  'my-contracts': { path: '/intermediary/contracts', label: 'menu.myContracts', icon: Files },
  'my-credit': { path: '/credit', label: 'menu.myCredit', icon: Star },
  'my-rectifications': { path: '/credit/rectifications', label: 'menu.myRectifications', icon: Warning },
  'my-appeals': { path: '/credit/appeals', label: 'menu.myAppeals', icon: ChatDotSquare },
  cases: { path: '/commissioner/cases', label: 'menu.cases', icon: ChatLineSquare },
  'my-enterprises': { path: '/commissioner/enterprises', label: 'menu.myEnterprises', icon: School },
  'dispatched-cases': { path: '/department/cases', label: 'menu.dispatchedCases', icon: Share },
  'application-review': { path: '/department/applications', label: 'menu.applicationReview', icon: DocumentChecked },
  'provider-orders': { path: '/provider/orders', label: 'menu.providerOrders', icon: Handbag },
  ratings: { path: '/ratings', label: 'menu.ratings', icon: StarFilled },
  'credit-review': { path: '/regulator/credit', label: 'menu.creditReview', icon: Medal },
  'credit-queues': { path: '/regulator/queues', label: 'menu.creditQueues', icon: Checked },
  'credit-formula': { path: '/admin/credit-formula', label: 'menu.creditFormula', icon: Operation },
  approvals: { path: '/admin/approvals', label: 'menu.approvals', icon: Stamp },
  enterprises: { path: '/admin/enterprises', label: 'menu.enterprises', icon: DataAnalysis },
  tags: { path: '/admin/tags', label: 'menu.tags', icon: CollectionTag },
  'policy-admin': { path: '/admin/policies', label: 'menu.policyAdmin', icon: Memo },
  'service-catalogue': { path: '/admin/services', label: 'menu.serviceCatalogue', icon: Box },
  'marketplace-stats': { path: '/admin/marketplace-statistics', label: 'menu.marketplaceStats', icon: TrendCharts },
  'service-types': { path: '/admin/service-types', label: 'menu.serviceTypes', icon: Collection },
  users: { path: '/admin/users', label: 'menu.users', icon: User },
  organisations: { path: '/admin/organisations', label: 'menu.organisations', icon: OfficeBuilding },
  jobs: { path: '/admin/jobs', label: 'menu.jobs', icon: Timer },
  outbox: { path: '/admin/outbox', label: 'menu.outbox', icon: Message },
  audit: { path: '/audit', label: 'menu.audit', icon: Document },
  account: { path: '/account', label: 'menu.account', icon: Setting },
} satisfies Record<string, MenuEntry>

export type MenuKey = keyof typeof MENU_ENTRIES

export const ROLE_MENUS: Record<Role, readonly MenuKey[]> = {
  enterprise: ['home', 'profile', 'policies', 'applications', 'services', 'orders', 'procurements', 'ratings', 'account'],
  intermediary: [
    'home',
    'organisation',
    'open-procurements',
    'my-bids',
    'my-contracts',
    'provider-orders',
    'my-credit',
    'my-rectifications',
    'my-appeals',
    'account',
  ],
  commissioner: ['home', 'cases', 'my-enterprises', 'account'],
  department: ['home', 'dispatched-cases', 'application-review', 'provider-orders', 'ratings', 'account'],
  regulator: ['home', 'credit-review', 'credit-queues', 'ratings', 'marketplace-stats', 'audit', 'account'],
  center_admin: [
    'home',
    'approvals',
    'enterprises',
    'tags',
    'policy-admin',
    'application-review',
    'service-catalogue',
    'service-types',
    'provider-orders',
    'marketplace-stats',
    'ratings',
    'credit-review',
    'credit-queues',
    'credit-formula',
    'users',
    'organisations',
    'jobs',
    'outbox',
    'audit',
    'account',
  ],
}

/**
 * The pages (route names) a user of an organisation not yet approved may open, matching what the
 * server still answers: a pending one completes its registration (organisation profile,
 * account, notifications); a rejected one only reads why, on its home page.
 */
export const STANDING_PAGES: Record<Exclude<OrganisationStatus, 'active'>, readonly string[]> = {
  pending: ['home', 'organisation', 'account', 'notifications'],
  rejected: ['home'],
}

/** Whether a user whose organisation has `status` may open the page named `name`. */
export function standingAllows(status: OrganisationStatus, name: string): boolean {
  return status === 'active' || STANDING_PAGES[status].includes(name)
}

/**
 * The menu a role sees, in order, for its organisation's status; each item's `key` is also its
 * test id suffix (`menu-<key>`).
 */
export function menuFor(role: Role, status: OrganisationStatus = 'active'): (MenuEntry & { key: MenuKey })[] {
  return ROLE_MENUS[role]
    .filter((key) => standingAllows(status, key))
    .map((key) => ({ key, ...MENU_ENTRIES[key] }))
}

/** The roles whose menu has the entry: the roles allowed on its route. */
export function rolesWithEntry(key: MenuKey): Role[] {
  return (Object.keys(ROLE_MENUS) as Role[]).filter((role) => ROLE_MENUS[role].includes(key))
}
