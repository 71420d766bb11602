// The one name of each selection method and the one wording of why a bid was set aside, the same
// for the owner, the bidder, the public and the centre, in both languages.
import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import { bidReasonText, methodLabelKey } from './marketStatus'

const { t, te } = i18n.global
const translator = { t: (key: string) => t(key), te: (key: string) => te(key) }

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('selection methods', () => {
  it('names each method the same everywhere', () => {
    expect(t(methodLabelKey('direct_pick'))).toBe('直接选取')
    expect(t(methodLabelKey('random_draw'))).toBe('随机抽取')
    expect(t(methodLabelKey('lowest_price'))).toBe('竞价选取')
    expect(t(methodLabelKey('scored'))).toBe('综合评分')
    i18n.global.locale.value = 'en'
    expect(t(methodLabelKey('scored'))).toBe('Scored comparison')
  })
})

describe('why a bid was set aside', () => {
  it('words a reason the server gives the same for the owner and the bidder', () => {
    expect(bidReasonText('terms_changed', translator)).toBe('采购条件变更后未重新确认')
    expect(bidReasonText('bidder_unqualified', translator)).toBe('投标机构没有本采购要求的有效资质（可能已过期）')
    expect(bidReasonText('objection_upheld', translator)).toBe('异议成立，原中选结果被撤销')
    i18n.global.locale.value = 'en'
    expect(bidReasonText('abnormally_low_rejected', translator)).toBe(
      'The owner did not accept the justification of the abnormally low price',
    )
  })

  it('falls back to the text of an error code, then to the code itself', () => {
    expect(bidReasonText('bid_price_above_ceiling', translator)).toBe(t('errors.bid_price_above_ceiling'))
    expect(bidReasonText('something_new', translator)).toBe('something_new')
  })
})
