// Element Plus form rules for the inputs that recur across forms. Messages are functions,
// read when a field is validated, so they follow the UI language without rebuilding the
// rules (rebuilding would make Element Plus re-validate every form on a language switch).
import type { FormItemRule } from 'element-plus'
import { i18n } from '@/i18n'
import { usccError } from './uscc'

export const PASSWORD_MIN_LENGTH = 10

const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params)

/** A required field; `field` is the i18n key of its label. */
export function required(field: string): FormItemRule {
  return {
    required: true,
    whitespace: true,
    message: () => t('validation.required', { field: t(field) }),
    trigger: 'blur',
  }
}

export function email(): FormItemRule[] {
  return [required('fields.email'), { type: 'email', message: () => t('validation.email'), trigger: 'blur' }]
}

export function password(field = 'fields.password'): FormItemRule[] {
  return [
    required(field),
    {
      min: PASSWORD_MIN_LENGTH,
      message: () => t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH }),
      trigger: 'blur',
    },
  ]
}

/** The confirmation must equal the value `original` returns. */
export function confirmation(original: () => string): FormItemRule[] {
  return [
    required('fields.confirmPassword'),
    {
      validator: (_rule, value: string, callback) =>
        value === original() ? callback() : callback(new Error(t('validation.passwordMismatch'))),
      trigger: 'blur',
    },
  ]
}

export function uscc(): FormItemRule[] {
  return [
    required('fields.uscc'),
    {
      validator: (_rule, value: string, callback) => {
        const error = usccError(value)
        return error ? callback(new Error(t(`errors.${error}`))) : callback()
      },
      trigger: 'blur',
    },
  ]
}
