// Registration, sign-in and the signed-in user's own account (`/auth/*`, `/me`).
import { api } from './client'
import type { Locale, LoginResponse, Me, Organisation, RegisterRequest } from './types'

export const register = (body: RegisterRequest) =>
  api.post<{ organisation: Organisation; user: Me }>('/auth/register', body)

export const login = (email: string, password: string) =>
  api.post<LoginResponse>('/auth/login', { email, password }, { allowUnauthenticated: true })

export const logout = () => api.post<void>('/auth/logout', {}, { allowUnauthenticated: true })

/** The current user, or a 401 `ApiError` when signed out (not treated as a session loss). */
export const fetchMe = () => api.get<Me>('/me', undefined, { allowUnauthenticated: true })

export const updateMe = (body: { display_name: string; locale: Locale }) =>
  api.put<Me>('/me', body)

export const changePassword = (body: { current_password: string; new_password: string }) =>
  api.put<void>('/me/password', body)
