// The route table. Pages inside the signed-in layout take their allowed roles from the menu
// (`meta.roles`); entries whose page is not built yet show the "coming soon" placeholder.
// The inbox and search are reached from the top bar, not the menu, and open to every role.
import type { RouteLocationRaw, RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { MENU_ENTRIES, rolesWithEntry, type MenuKey } from '@/navigation/menu'
import { useSessionStore } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable signed out (login, register, error pages). */
    public?: boolean
    /** Roles allowed; absent means every signed-in user. */
    roles?: Role[]
    /** i18n key of the page title. */
    title?: string
    /** The menu entry a page below it lights up. */
    menu?: MenuKey
  }
}

type Page = RouteRecordRaw['component']

const ComingSoon: Page = () => import('@/views/ComingSoonView.vue')

/** Where a marketplace notice's link leads the signed-in user (the guard has loaded the session). */
function marketplaceLink(id: string): RouteLocationRaw {
  const role = useSessionStore().user?.role
  if (role === 'intermediary') return { name: 'intermediary-procurement', params: { id } }
  if (role === 'enterprise') return { name: 'procurement-detail', params: { id } }
  return { name: 'home' }
}

const BUILT_PAGES: Partial<Record<MenuKey, Page>> = {
  home: () => import('@/views/HomeView.vue'),
  profile: () => import('@/views/enterprise/ProfileView.vue'),
  policies: () => import('@/views/enterprise/PoliciesView.vue'),
  applications: () => import('@/views/enterprise/ApplicationsView.vue'),
  account: () => import('@/views/AccountView.vue'),
  approvals: () => import('@/views/admin/ApprovalsView.vue'),
  enterprises: () => import('@/views/admin/EnterprisesView.vue'),
  tags: () => import('@/views/admin/TagsView.vue'),
  'policy-admin': () => import('@/views/admin/PoliciesView.vue'),
  'application-review': () => import('@/views/department/ApplicationsReviewView.vue'),
  services: () => import('@/views/enterprise/ServiceStoreView.vue'),
  orders: () => import('@/views/enterprise/ServiceOrdersView.vue'),
  'provider-orders': () => import('@/views/provider/ProviderOrdersView.vue'),
  'service-catalogue': () => import('@/views/admin/ServiceCatalogueView.vue'),
  'marketplace-stats': () => import('@/views/admin/MarketplaceStatsView.vue'),
  'service-types': () => import('@/views/admin/ServiceTypesView.vue'),
  procurements: () => import('@/views/enterprise/procurements/ProcurementsView.vue'),
  users: () => import('@/views/admin/UsersView.vue'),
  organisations: () => import('@/views/admin/OrganisationsView.vue'),
  jobs: () => import('@/views/admin/JobsView.vue'),
  outbox: () => import('@/views/admin/OutboxView.vue'),
  audit: () => import('@/views/AuditView.vue'),
  organisation: () => import('@/views/intermediary/OrganisationView.vue'),
  'open-procurements': () => import('@/views/intermediary/OpenProcurementsView.vue'),
  'my-bids': () => import('@/views/intermediary/MyBidsView.vue'),
  'my-contracts': () => import('@/views/intermediary/MyContractsView.vue'),
  ratings: () => import('@/views/credit/RatingTasksView.vue'),
  'my-credit': () => import('@/views/credit/MyCreditView.vue'),
  'credit-review': () => import('@/views/credit/CreditOverviewView.vue'),
  'credit-queues': () => import('@/views/credit/CreditQueuesView.vue'),
  'my-rectifications': () => import('@/views/credit/MyRectificationsView.vue'),
  'my-appeals': () => import('@/views/credit/MyAppealsView.vue'),
  'credit-formula': () => import('@/views/admin/CreditFormulaView.vue'),
}

const menuPages: RouteRecordRaw[] = (Object.keys(MENU_ENTRIES) as MenuKey[]).map((key) => ({
  path: MENU_ENTRIES[key].path,
  name: key,
  component: BUILT_PAGES[key] ?? ComingSoon,
  meta: { roles: rolesWithEntry(key), title: MENU_ENTRIES[key].label },
}))

/** Pages under a menu entry (a record opened from its list): the entry's roles, and its item lit. */
const detailPages: RouteRecordRaw[] = [
  {
    // Rating notices link here.
    path: '/ratings/:id',
    name: 'rating-task',
    component: () => import('@/views/credit/RatingTaskView.vue'),
    props: true,
    meta: { roles: rolesWithEntry('ratings'), title: MENU_ENTRIES.ratings.label, menu: 'ratings' },
  },
  {
    // The regulators' sanction notices link here.
    path: '/regulator/sanctions/:id',
    name: 'sanction',
    component: () => import('@/views/credit/SanctionView.vue'),
    props: true,
    meta: { roles: rolesWithEntry('credit-queues'), title: MENU_ENTRIES['credit-queues'].label, menu: 'credit-queues' },
  },
  {
    // The regulators' appeal notices link here.
    path: '/regulator/appeals/:id',
    name: 'appeal',
    component: () => import('@/views/credit/AppealView.vue'),
    props: true,
    meta: { roles: rolesWithEntry('credit-queues'), title: MENU_ENTRIES['credit-queues'].label, menu: 'credit-queues' },
  },
  {
    path: '/admin/policies/:id',
    name: 'policy-detail',
    component: () => import('@/views/admin/PolicyDetailView.vue'),
    props: true,
    meta: { roles: rolesWithEntry('policy-admin'), title: MENU_ENTRIES['policy-admin'].label, menu: 'policy-admin' },
  },
  {
    path: '/enterprise/procurements/:id',
    name: 'procurement-detail',
    component: () => import('@/views/enterprise/procurements/ProcurementDetailView.vue'),
    props: true,
    meta: { roles: rolesWithEntry('procurements'), title: MENU_ENTRIES.procurements.label, menu: 'procurements' },
  },
  {
    path: '/intermediary/procurements/:id',
    name: 'intermediary-procurement',
    component: () => import('@/views/intermediary/ProcurementDetailView.vue'),
    props: true,
    meta: {
      roles: rolesWithEntry('open-procurements'),
      title: MENU_ENTRIES['open-procurements'].label,
      menu: 'open-procurements',
    },
  },
]

const topBarPages: RouteRecordRaw[] = [
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('@/views/NotificationsView.vue'),
    meta: { title: 'notifications.title' },
  },
  {
    path: '/search',
    name: 'search',
    component: () => import('@/views/SearchView.vue'),
    meta: { title: 'search.title' },
  },
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/RegisterView.vue'),
    meta: { public: true, title: 'register.title' },
  },
  {
    path: '/public/notices',
    name: 'public-notices',
    component: () => import('@/views/public/PublicNoticesView.vue'),
    meta: { public: true, title: 'publicNotices.title' },
  },
  {
    path: '/public/draws/:id',
    name: 'public-draw',
    component: () => import('@/views/public/DrawProofView.vue'),
    props: true,
    meta: { public: true, title: 'publicNotices.draw.title' },
  },
  {
    path: '/public/credit',
    name: 'public-credit',
    component: () => import('@/views/public/PublicCreditView.vue'),
    meta: { public: true, title: 'publicCredit.title' },
  },
  {
    // The server's marketplace notices link here, whoever they are for: each role goes to its own
    // page of the procurement (intermediaries and owners to their own views of it).
    path: '/marketplace/procurements/:id',
    name: 'marketplace-procurement',
    component: ComingSoon,
    beforeEnter: (to) => marketplaceLink(String(to.params.id)),
  },
  {
    path: '/403',
    name: 'forbidden',
    component: () => import('@/views/ForbiddenView.vue'),
    meta: { public: true, title: 'forbidden.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [...menuPages, ...detailPages, ...topBarPages],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, title: 'notFound.title' },
  },
]
