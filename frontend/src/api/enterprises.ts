// Enterprise profiles: the signed-in enterprise's own (`/enterprises/me/…`) and all of them as the
// centre sees them (`/enterprises`); the tag catalogue (`/tags`, `/tag-dimensions`), manual tags,
// the classification tables and the condition checker.
import { api } from './client'
import type {
  Classifications,
  ConditionCheck,
  ConditionFields,
  EnterpriseQuery,
  EnterpriseSummary,
  HeldTag,
  NewTagDimension,
  Page,
  PageQuery,
  ProfileRequest,
  ProfileResponse,
  QualificationCheck,
  ProfileVersion,
  Tag,
  TagDimension,
  TagDimensionUpdate,
  TagRequest,
  Uuid,
} from './types'

export const getMyProfile = () => api.get<ProfileResponse>('/enterprises/me/profile')

/** Saves a new version; 409 `profile_version_conflict` when `version` is no longer the latest. */
export const saveMyProfile = (body: ProfileRequest) => api.put<ProfileResponse>('/enterprises/me/profile', body)

/** Versions, newest first. */
export const myProfileHistory = (query: PageQuery) => api.get<Page<ProfileVersion>>('/enterprises/me/profile/history', query)

export const myTags = () => api.get<HeldTag[]>('/enterprises/me/tags')

/** Enterprises by name, filtered by name or code, region and industry prefix, and size class. */
export const listEnterprises = (query: EnterpriseQuery) => api.get<Page<EnterpriseSummary>>('/enterprises', query)

export const enterpriseProfile = (id: Uuid) => api.get<ProfileResponse>(`/enterprises/${id}/profile`)

export const saveEnterpriseProfile = (id: Uuid, body: ProfileRequest) =>
  api.put<ProfileResponse>(`/enterprises/${id}/profile`, body)

/** A department or the centre verifies (核验) a qualification an enterprise declared. */
export const verifyQualification = (enterprise: Uuid, qualification: Uuid) =>
  api.post<QualificationCheck>(`/enterprises/${enterprise}/qualifications/${qualification}/verify`)

/** … or rejects it, with the reason the enterprise is told. */
export const rejectQualification = (enterprise: Uuid, qualification: Uuid, reason: string) =>
  api.post<QualificationCheck>(`/enterprises/${enterprise}/qualifications/${qualification}/reject`, { reason })

export const profileHistory = (id: Uuid, query: PageQuery) =>
  api.get<Page<ProfileVersion>>(`/enterprises/${id}/profile/history`, query)

export const enterpriseTags = (id: Uuid) => api.get<HeldTag[]>(`/enterprises/${id}/tags`)

export const assignTag = (enterprise: Uuid, tag: Uuid) => api.put<void>(`/enterprises/${enterprise}/tags/${tag}`, {})

export const removeTag = (enterprise: Uuid, tag: Uuid) => api.delete<void>(`/enterprises/${enterprise}/tags/${tag}`)

/** The tag catalogue: dimensions in order, each with its tags. */
export const tagCatalogue = () => api.get<TagDimension[]>('/tags')

export const createDimension = (body: NewTagDimension) => api.post<TagDimension>('/tag-dimensions', body)

/** Renames or moves a dimension. */
export const updateDimension = (id: Uuid, body: TagDimensionUpdate) => api.put<TagDimension>(`/tag-dimensions/${id}`, body)

/** Deletes an empty dimension (409 `dimension_in_use` otherwise). */
export const deleteDimension = (id: Uuid) => api.delete<void>(`/tag-dimensions/${id}`)

export const createTag = (body: TagRequest) => api.post<Tag>('/tags', body)

/** Changes a tag; its code stays as it was created. */
export const updateTag = (id: Uuid, body: TagRequest) => api.put<Tag>(`/tags/${id}`, body)

export const deleteTag = (id: Uuid) => api.delete<void>(`/tags/${id}`)

/** Administrative divisions and GB/T 4754 sections and divisions (cached by the browser). */
export const classifications = () => api.get<Classifications>('/reference/classifications')

/** The fields conditions test and the qualification kinds a profile may hold. */
export const conditionFields = () => api.get<ConditionFields>('/conditions/fields')

/**
 * Checks a JSON condition and counts the enterprises meeting it today; a `tagRule` may not test
 * tags. A mistake is a 400 whose `fields` name its path under `condition`.
 */
export const checkCondition = (condition: unknown, tagRule = false) =>
  api.post<ConditionCheck>('/conditions/check', { condition, tag_rule: tagRule })

/** Reads the text form; a mistake's path is under `text`. */
export const checkConditionText = (text: string, tagRule = false) =>
  api.post<ConditionCheck>('/conditions/check', { text, tag_rule: tagRule })
