// External feedback events (外部信用信息, `/credit/events`, `src/credit/event/`): the list (the
// centre and regulators) and the centre's import of a file of events (Excel, CSV or a JSON array
// of objects), sent as the raw request body like the enterprise import.
import { api } from './client'
import { sendImport, type ImportMode } from './enterpriseImport'
import type { CreditEventListItem, CreditEventQuery, EventImportReport, Page } from './types'

/** The columns of an event file in the template's order (their keys; labels in `creditEvents.columns`). */
export const EVENT_COLUMNS = ['uscc', 'kind', 'source', 'reference', 'occurred_on', 'ends_on', 'description'] as const
export type EventColumn = (typeof EVENT_COLUMNS)[number]

/** The columns a file must have (the end and the description may be left out). */
export const REQUIRED_EVENT_COLUMNS = ['uscc', 'kind', 'source', 'reference', 'occurred_on'] as const satisfies readonly EventColumn[]

/** What the picker offers; the server tells the formats apart by the bytes. */
export const EVENT_IMPORT_EXTENSIONS = '.xlsx,.csv,.json'

/** Whether a file's name says it is one of the importable formats. */
export function isEventImportFile(name: string): boolean {
  return /\.(xlsx|csv|json)$/i.test(name.trim())
}

/** Every event with its intermediary, the latest occurred first. */
export const listCreditEvents = (query: CreditEventQuery) => api.get<Page<CreditEventListItem>>('/credit/events', query)

/** Imports events from a file in one mode (the centre); see `sendImport`. */
export const importCreditEvents = (file: Blob, mode: ImportMode) => sendImport<EventImportReport>('/credit/events/import', file, mode)
