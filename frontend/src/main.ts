// Application entry: plugins, global styles, and what a lost session does (back to /login).
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { onUnauthenticated } from './api/client'
import { i18n } from './i18n'
import { router } from './router'
import { useSessionStore } from './stores/session'
import './styles.css'

const app = createApp(App).use(createPinia()).use(i18n).use(router).use(ElementPlus)

onUnauthenticated(() => {
  useSessionStore().clear()
  const current = router.currentRoute.value
  if (!current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath } })
})

app.mount('#app')
