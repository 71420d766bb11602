// The signed-in enterprise's profile (`/enterprises/me/…`), its history and tags, and the
// reference tables a profile chooses from (regions, industries, qualification kinds, tags).
import { api } from './client'
import type {
  Classifications,
  ConditionFields,
  HeldTag,
  Page,
  PageQuery,
  ProfileRequest,
  ProfileResponse,
  ProfileVersion,
  TagDimension,
} from './types'

export const getMyProfile = () => api.get<ProfileResponse>('/enterprises/me/profile')

/** Saves a new version; 409 `profile_version_conflict` when `version` is no longer the latest. */
export const saveMyProfile = (body: ProfileRequest) => api.put<ProfileResponse>('/enterprises/me/profile', body)

/** Versions, newest first. */
export const myProfileHistory = (query: PageQuery) => api.get<Page<ProfileVersion>>('/enterprises/me/profile/history', query)

export const myTags = () => api.get<HeldTag[]>('/enterprises/me/tags')

/** The tag catalogue: dimensions with their tags. */
export const tagCatalogue = () => api.get<TagDimension[]>('/tags')

/** Administrative divisions and GB/T 4754-2017 sections and divisions. */
export const classifications = () => api.get<Classifications>('/reference/classifications')

/** The fields conditions test and the qualification kinds a profile may hold. */
export const conditionFields = () => api.get<ConditionFields>('/conditions/fields')
