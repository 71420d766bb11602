// Error codes turned into messages above a form and under its fields.
import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '@/api/client'
import { errorMessage, fieldErrors, isFieldError } from './errors'
import { i18n } from './index'

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('errorMessage', () => {
  it('translates a lockout with the wait in whole minutes', () => {
    expect(errorMessage(new ApiError(429, 'account_locked', 'Account locked', {}, 300))).toBe(
      '账户已锁定，请 5 分钟后再试',
    )
    expect(errorMessage(new ApiError(429, 'too_many_attempts', 'Slow down', {}, 61))).toBe(
      '尝试次数过多，请 2 分钟后再试',
    )
  })

  it('follows the UI language', () => {
    i18n.global.locale.value = 'en'
    expect(errorMessage(new ApiError(401, 'invalid_credentials', 'x'))).toBe('Wrong email or password')
  })

  it('falls back to the server message for codes it does not know', () => {
    expect(errorMessage(new ApiError(422, 'a_code_from_a_newer_server', 'The bidding deadline has passed'))).toBe(
      'The bidding deadline has passed',
    )
  })

  it('describes responses outside the contract and unreachable servers', () => {
    expect(errorMessage(new ApiError(502, 'http_502', 'Bad Gateway'))).toBe('请求失败（502）')
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('无法连接服务器，请检查网络')
  })
})

describe('fieldErrors', () => {
  it('takes the first message of each field, translating messages that are error codes', () => {
    const error = new ApiError(400, 'validation_failed', 'Invalid', {
      email: ['not an email', 'second'],
      uscc: ['uscc_check_character'],
    })
    expect(fieldErrors(error)).toEqual({ email: 'not an email', uscc: '统一社会信用代码校验位错误，请核对' })
    expect(isFieldError(error)).toBe(false)
  })

  it('puts field-specific codes under their field, renamed to the form’s name', () => {
    expect(fieldErrors(new ApiError(409, 'email_taken', 'Email taken'))).toEqual({ email: '该邮箱已被注册' })
    const weak = new ApiError(400, 'weak_password', 'Weak')
    expect(fieldErrors(weak, { password: 'new_password' })).toEqual({
      new_password: '密码太容易被猜到：不能是邮箱、常见密码、重复字符或 0123456789 这类连续字符',
    })
    expect(isFieldError(weak)).toBe(true)
  })

  it('shows a rejected cron expression under the expression, in the UI language', () => {
    const error = new ApiError(400, 'invalid_cron', 'bad', { cron: ['`bad` is not a valid cron expression'] })
    expect(fieldErrors(error)).toEqual({ cron: '执行表达式无效：应为六位，秒在前，例如 0 30 3 * * *' })
    expect(isFieldError(error)).toBe(true)
  })

  it('shows a specific refusal of one field under it, translated', () => {
    const error = new ApiError(400, 'profile_amount_invalid', 'bad', { revenue_fen: ['revenue_fen is an amount in fen'] })
    expect(fieldErrors(error)).toEqual({ revenue_fen: '金额无效：应为不小于 0 的金额' })
    expect(isFieldError(error)).toBe(true)
    const region = new ApiError(400, 'profile_region_invalid', 'bad', { region_code: ['`99` is not a code'] })
    expect(fieldErrors(region)).toEqual({ region_code: '注册地代码无效，请从列表中选择' })
  })

  it('keeps an unknown code’s message above the form', () => {
    const error = new ApiError(400, 'some_new_code', 'Something new', { x: ['nope'] })
    expect(fieldErrors(error)).toEqual({ x: 'nope' })
    expect(isFieldError(error)).toBe(false)
  })
})
