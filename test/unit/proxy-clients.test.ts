import { PROXY_CLIENTS_MAX } from '~core/config'
import { forgetClient, rememberClient } from '~core/proxy-clients'
import { shortHanded, shortHandedText } from '~types'

const chen = { name: '陈奶奶', address: '滩尾村五组3号', phone: '' }
const li = { name: '李爷爷', address: '滩尾村二组8号', phone: '13700007777' }
const order = (name: string, address: string, phone: string, phoneOfProxy?: boolean) => ({ onBehalfOf: { name }, address, phone, phoneOfProxy })

describe('a proxy’s people they order for (core/proxy-clients.ts)', () => {
  it.each([
    ['a first person', [], order('陈奶奶', '滩尾村五组3号', '13600006666', true), [chen]],
    ['a new person goes to the top', [chen], order('李爷爷', '滩尾村二组8号', '13700007777'), [li, chen]],
    ['the same person again moves up with the new address', [li, chen], order('陈奶奶', '滩尾村六组1号', '13600006666', true), [{ ...chen, address: '滩尾村六组1号' }, li]],
    ['the proxy’s own number never becomes theirs: the person keeps the phone they had', [li], order('李爷爷', '滩尾村二组8号', '13600006666', true), [li]],
  ])('%s', (_, list, placed, expected) => {
    const next = rememberClient({ proxyClients: list }, placed)
    expect(next ?? list).toEqual(expected)
  })

  it('nothing to write when the top entry is already this person as given, or for an own order', () => {
    expect(rememberClient({ proxyClients: [chen, li] }, order('陈奶奶', '滩尾村五组3号', '13600006666', true))).toBeNull()
    expect(rememberClient({ proxyClients: [chen] }, { onBehalfOf: null, address: 'x', phone: '13800001234' })).toBeNull()
  })

  it(`keeps at most ${PROXY_CLIENTS_MAX}, the least recent dropping off`, () => {
    const full = Array.from({ length: PROXY_CLIENTS_MAX }, (_, i) => ({ name: `村民${i}`, address: `${i}组`, phone: '' }))
    const next = rememberClient({ proxyClients: full }, order('新人', '1组', '13700007777'))!
    expect(next).toHaveLength(PROXY_CLIENTS_MAX)
    expect(next[0].name).toBe('新人')
    expect(next.at(-1)!.name).toBe(`村民${PROXY_CLIENTS_MAX - 2}`)
  })

  it('forgetClient takes one person off, or answers null when they are not on the list', () => {
    expect(forgetClient({ proxyClients: [chen, li] }, '陈奶奶')).toEqual([li])
    expect(forgetClient({ proxyClients: [li] }, '陈奶奶')).toBeNull()
    expect(forgetClient({}, '陈奶奶')).toBeNull()
  })
})

describe('short of volunteers (types/rules.ts shortHanded)', () => {
  it.each([
    [2, 1, { needed: 2, claimed: 1 }],
    [3, 0, { needed: 3, claimed: 0 }],
    [2, 2, null],
    [1, 1, null],
  ])('capacity %i, %i claimed', (capacity, claimed, expected) => {
    expect(shortHanded({ capacity, claims: Array.from({ length: claimed }) })).toEqual(expected)
  })

  it('says it in the field’s words', () => {
    expect(shortHandedText({ needed: 2, claimed: 1 })).toBe('需2名志愿者，实际1人完成')
  })
})
