// The application's history-mode router, guarded by role (see `guard.ts`).
import { createRouter, createWebHistory } from 'vue-router'
import { guard } from './guard'
import { routes } from './routes'

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
})

router.beforeEach(guard)
