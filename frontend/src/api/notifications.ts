// The signed-in user's notifications: inbox, unread count (the bell), read marks, e-mail choices.
import { api } from './client'
import type { Notification, NotificationPreference, NotificationQuery, Page, Uuid } from './types'

export const listNotifications = (query: NotificationQuery) =>
  api.get<Page<Notification>>('/notifications', query)

export const unreadCount = () => api.get<{ count: number }>('/notifications/unread-count')

export const markRead = (id: Uuid) => api.post<Notification>(`/notifications/${id}/read`, {})

export const markAllRead = () => api.post<{ updated: number }>('/notifications/read-all', {})

export const getPreferences = () => api.get<NotificationPreference[]>('/notifications/preferences')

export const setPreferences = (preferences: NotificationPreference[]) =>
  api.put<NotificationPreference[]>('/notifications/preferences', { preferences })
