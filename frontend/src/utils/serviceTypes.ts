// Pure rules of the centre's catalogue of intermediary service types (涉审中介事项) and their
// packages: the dialogs' forms and request bodies, and the checks the server makes too.
import type {
  CatalogueServiceType,
  ServiceType,
  ServiceTypePackage,
  ServiceTypePackageRequest,
  ServiceTypeRequest,
} from '@/api/marketplaceTypes'

/** A catalogue code: lower-case letters, digits and `_`, starting with a letter, at most 50. */
export const isCatalogueCode = (code: string): boolean => /^[a-z][a-z0-9_]{0,49}$/.test(code)

export const MAX_TIME_LIMIT_WORKING_DAYS = 366

/** The dialog's form: the request with the amounts still possibly missing while typed. */
export type ServiceTypeForm = Omit<Required<ServiceTypeRequest>, 'fee_min_fen' | 'fee_max_fen' | 'qualification' | 'department_id'> & {
  qualification: string
  /** The responsible department's organisation id; empty for none. */
  department_id: string
  fee_min_fen: number | null
  fee_max_fen: number | null
}

export function serviceTypeForm(type: ServiceType | CatalogueServiceType | null, nextPosition = 1): ServiceTypeForm {
  return {
    department_id: (type && 'department' in type ? type.department?.id : null) ?? '',
    code: type?.code ?? '',
    name_zh: type?.name_zh ?? '',
    name_en: type?.name_en ?? '',
    approval_zh: type?.approval_zh ?? '',
    approval_en: type?.approval_en ?? '',
    qualification: type?.qualification ?? '',
    fee_min_fen: type?.fee_min_fen ?? null,
    fee_max_fen: type?.fee_max_fen ?? null,
    time_limit_working_days: type?.time_limit_working_days ?? 20,
    guide_zh: type?.guide_zh ?? '',
    guide_en: type?.guide_en ?? '',
    active: type?.active ?? true,
    position: type?.position ?? nextPosition,
  }
}

/** The body to send; no department is sent as none (the server then clears it). */
export function serviceTypeRequest(form: ServiceTypeForm): ServiceTypeRequest {
  const { department_id: department, ...rest } = form
  return {
    ...rest,
    ...(department ? { department_id: department } : {}),
    code: form.code.trim(),
    name_zh: form.name_zh.trim(),
    name_en: form.name_en.trim(),
    approval_zh: form.approval_zh.trim(),
    approval_en: form.approval_en.trim(),
    qualification: form.qualification || null,
    fee_min_fen: form.fee_min_fen ?? 0,
    fee_max_fen: form.fee_max_fen ?? 0,
    guide_zh: form.guide_zh.trim(),
    guide_en: form.guide_en.trim(),
  }
}

/** Why a fee range is not one (message key under `serviceTypesAdmin.errors`), or null. */
export function feeRangeError(minFen: number | null, maxFen: number | null): 'feeMinRequired' | 'feeMaxRequired' | 'feeOrder' | null {
  if (minFen === null || minFen < 1) return 'feeMinRequired'
  if (maxFen === null || maxFen < 1) return 'feeMaxRequired'
  return minFen > maxFen ? 'feeOrder' : null
}

export type PackageForm = Required<ServiceTypePackageRequest>

export function packageForm(pack: ServiceTypePackage | null): PackageForm {
  return {
    code: pack?.code ?? '',
    name_zh: pack?.name_zh ?? '',
    name_en: pack?.name_en ?? '',
    description_zh: pack?.description_zh ?? '',
    description_en: pack?.description_en ?? '',
    service_type_ids: pack?.service_types.map((t) => t.id) ?? [],
  }
}

export function packageRequest(form: PackageForm): ServiceTypePackageRequest {
  return {
    code: form.code.trim(),
    name_zh: form.name_zh.trim(),
    name_en: form.name_en.trim(),
    description_zh: form.description_zh.trim(),
    description_en: form.description_en.trim(),
    service_type_ids: [...new Set(form.service_type_ids)],
  }
}

/** The position after the last one, for a new entry. */
export { nextPosition } from './codeNames'
