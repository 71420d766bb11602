// Full-text search over what the caller may see.
import { api } from './client'
import type { Page, SearchHit, SearchQuery } from './types'

export const search = (query: SearchQuery) => api.get<Page<SearchHit>>('/search', query)
