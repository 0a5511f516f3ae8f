/** The character and time rules of the input schemas (types/text.ts) and the schema fields built on them. */
import { hasUnsafeChar, hasVisibleChar, parseZonedTime } from '~types/text'
import { schemas } from '~types/schemas'
import { MESSAGE_ID_MAX, PREFERRED_AT_MAX } from '~types/rules'

const first = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (r.success ? '' : r.error!.issues[0].message)

describe('hasUnsafeChar: NUL and the bidirectional controls', () => {
  it.each(['\u0000', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'])(
    'U+%s is refused',
    (c) => {
      expect(hasUnsafeChar(`滩尾村${c}三组`)).toBe(true)
    },
  )
  it('ordinary Chinese, punctuation, emoji and zero-width joiners (in emoji) are not', () => {
    for (const s of ['滩尾村三组12号', '王大爷（代）', '👨‍👩‍👧', 'a\u200Bb', '\t换行\n']) expect(hasUnsafeChar(s)).toBe(false)
  })
})

describe('hasVisibleChar: a name needs something that shows', () => {
  it.each(['\u200B', '\u200C\u200D', '\uFEFF', '\u2060', ' \u3000 ', '\u200B \u2060'])('%j has none', (s) => {
    expect(hasVisibleChar(s)).toBe(false)
  })
  it.each(['王', '\u200B王', 'A', '1'])('%j has one', (s) => {
    expect(hasVisibleChar(s)).toBe(true)
  })
})

describe('parseZonedTime: ISO 8601 with an offset or Z', () => {
  it.each([
    ['2026-03-02T09:00:00+08:00', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T09:00+08:00', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T01:00:00.000Z', '2026-03-02T01:00:00.000Z'],
    ['2026-03-01T20:00:00-05:00', '2026-03-02T01:00:00.000Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('%s is %s', (s, iso) => {
    expect(new Date(parseZonedTime(s)!).toISOString()).toBe(iso)
  })
  it.each([
    '5',
    '2001-05-01',
    'Mon, 02 Mar 2026 09:00:00 +0800',
    '2026-03-02T09:00:00',
    '2026-03-02 09:00:00+08:00',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-03-02T24:00:00Z',
    '2026-03-02T09:60:00Z',
    '2026-03-02T09:00:60Z',
    '2026-03-02T09:00:00+24:00',
    '0999-03-02T09:00:00Z',
    '+275760-09-13T00:00:00Z',
    ' 2026-03-02T09:00:00Z',
  ])('%j is not', (s) => {
    expect(parseZonedTime(s)).toBeNull()
  })
})

describe('the schema fields', () => {
  const place = { menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组', phone: '13800001234' }

  it('preferredAt is normalised to UTC and capped at PREFERRED_AT_MAX characters', () => {
    const ok = schemas.order.place.parse({ ...place, preferredAt: '2026-03-02T09:00:00+08:00' })
    expect(ok.preferredAt).toBe('2026-03-02T01:00:00.000Z')
    const long = `2026-03-02T09:00:00.${'0'.repeat(PREFERRED_AT_MAX - 25)}+08:00`
    expect(long.length).toBe(PREFERRED_AT_MAX + 1)
    expect(first(schemas.order.place.safeParse({ ...place, preferredAt: long }))).toBe('期望时间格式不对')
  })

  it('every text field refuses the unsafe characters, in Chinese naming the field', () => {
    expect(first(schemas.order.place.safeParse({ ...place, address: '三组\u202E' }))).toBe('服务地址含有不允许的特殊字符')
    expect(first(schemas.order.claim.safeParse({ orderId: 'o\u0000' }))).toBe('订单编号含有不允许的特殊字符')
    expect(first(schemas.order.rate.safeParse({ orderId: 'o-1', stars: 5, comment: '好\u2067' }))).toBe('评价含有不允许的特殊字符')
  })

  it('names need a visible character; other text may be empty where it is optional', () => {
    expect(first(schemas.user.updateProfile.safeParse({ name: '\u200B' }))).toBe('请填写姓名')
    expect(first(schemas.catalog.upsertTeam.safeParse({ name: '\uFEFF', themeIds: ['t'], orgUnitId: 'u' }))).toBe('请填写队伍名称')
    expect(schemas.order.rate.safeParse({ orderId: 'o-1', stars: 5, comment: '' }).success).toBe(true)
  })

  it('inbox message ids may be up to MESSAGE_ID_MAX characters, other ids 64', () => {
    expect(schemas.inbox.read.safeParse({ ids: ['m'.repeat(MESSAGE_ID_MAX)] }).success).toBe(true)
    expect(first(schemas.inbox.read.safeParse({ ids: ['m'.repeat(MESSAGE_ID_MAX + 1)] }))).toBe(`消息不能超过${MESSAGE_ID_MAX}个字`)
    expect(first(schemas.order.claim.safeParse({ orderId: 'o'.repeat(65) }))).toBe('订单编号不能超过64个字')
  })
})
