import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import { act, fireEvent } from '@tarojs/test-utils-react/dist/pure'
import Wall from '~src/packages/public/pages/wall/index'
import { setToken } from '~src/services/auth'
import * as catalog from '~src/services/catalog'
import * as social from '~src/services/social'
import { ApiCallError } from '~src/services/transport'
import type { OrgUnit, Theme } from '~types'
import type { WallItem } from '~types/social'
import { clickText, screenText, settle, waitForText } from '../helpers'

jest.mock('~src/services/social')
jest.mock('~src/services/catalog')
const mockedSocial = jest.mocked(social)
const mockedCatalog = jest.mocked(catalog)

const UNITS: OrgUnit[] = [
  { id: 'unit-center', name: '禾溪县新时代文明实践中心', level: 'center', parentId: null, path: ['unit-center'] },
  { id: 'unit-tanwei', name: '滩尾村新时代文明实践站', level: 'station', parentId: 'unit-suxi', path: ['unit-center', 'unit-suxi', 'unit-tanwei'] },
]
const THEMES: Theme[] = [{ id: 'theme-health', name: '卫生健康', seedNamed: true, sort: 1 } as Theme]

const ITEM: WallItem = {
  orderId: 'o-1',
  title: '健康义诊',
  themeId: 'theme-health',
  themeName: '卫生健康',
  stationName: '滩尾村新时代文明实践站',
  teamNames: ['县卫生健康志愿服务分队'],
  servedAt: '2026-03-01T02:00:00.000Z',
  place: '滩尾村文化礼堂',
  residentMasked: '王**',
  photos: [{ id: 'f-1', src: '/api/files/f-1' }],
  requesterStars: 5,
  publicAvg: 3.5,
  publicCount: 2,
  likes: 4,
  liked: false,
  myRating: null,
}

let testUtils: TestUtils

function button(text: string): Element {
  const found = Array.from(document.querySelectorAll('taro-button-core, button')).find((b) => b.textContent?.trim().startsWith(text))
  if (!found) throw new Error(`no button "${text}": ${screenText()}`)
  return found
}

async function tap(el: Element) {
  await act(async () => {
    fireEvent(el, new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
  await settle()
}

beforeEach(() => {
  jest.resetAllMocks()
  process.env.TARO_ENV = 'h5'
  setToken('t-1')
  mockedCatalog.tree.mockResolvedValue(UNITS)
  mockedCatalog.themes.mockResolvedValue(THEMES)
  mockedSocial.wall.mockResolvedValue({ items: [ITEM], nextCursor: null })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  setToken('')
  jest.restoreAllMocks()
})

describe('公示栏', () => {
  it('shows each served order with 群众评分 and 社会评分 apart, the masked person and the photo named for readers', async () => {
    await testUtils.mount(Wall)
    await waitForText('健康义诊')
    const text = screenText()
    expect(text).toContain('群众评分：5星')
    expect(text).toContain('社会评分：3.5星（2人评价）')
    expect(text).toContain('服务对象：王**')
    expect(text).toContain('服务队伍：县卫生健康志愿服务分队')
    expect(text).toContain('滩尾村文化礼堂')
    const photo = document.querySelector('[role="img"]')
    expect(photo?.getAttribute('aria-label')).toBe('健康义诊服务照片1')
  })

  it('filters by unit and theme: the server is asked again with them', async () => {
    await testUtils.mount(Wall)
    await waitForText('健康义诊')
    await clickText('滩尾村新时代文明实践站')
    expect(mockedSocial.wall).toHaveBeenLastCalledWith({ unitId: 'unit-tanwei' })
    await clickText('卫生健康')
    expect(mockedSocial.wall).toHaveBeenLastCalledWith({ unitId: 'unit-tanwei', themeId: 'theme-health' })
  })

  it('empty and error states', async () => {
    mockedSocial.wall.mockResolvedValueOnce({ items: [], nextCursor: null })
    await testUtils.mount(Wall)
    await waitForText('暂无公示的服务')
    testUtils.unmout()
    mockedSocial.wall.mockRejectedValueOnce(new ApiCallError('INTERNAL', '服务暂时不可用，请稍后再试'))
    testUtils = new TestUtils()
    await testUtils.mount(Wall)
    await waitForText('服务暂时不可用，请稍后再试')
  })

  it('signed out on H5: read only, 登录后可点赞、评分, no like or rate control', async () => {
    setToken('')
    await testUtils.mount(Wall)
    await waitForText('健康义诊')
    expect(screenText()).toContain('登录后可点赞、评分')
    expect(document.querySelector('[aria-pressed]')).toBeNull()
    expect(screenText()).not.toContain('评分我的')
  })
})

describe('点赞', () => {
  it('shows pressed at once, then the server answer replaces it', async () => {
    let answer!: (v: { orderId: string; likes: number; liked: boolean }) => void
    mockedSocial.like.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    await testUtils.mount(Wall)
    await waitForText('健康义诊')
    const like = button('点赞')
    expect(like.getAttribute('aria-pressed')).toBe('false')
    await tap(like)
    expect(button('已赞').getAttribute('aria-pressed')).toBe('true')
    expect(screenText()).toContain('已赞 5')
    // the server says 9 (others liked meanwhile): its count replaces the guess
    await act(async () => answer({ orderId: 'o-1', likes: 9, liked: true }))
    await settle()
    expect(screenText()).toContain('已赞 9')
    expect(mockedSocial.like).toHaveBeenCalledWith('o-1', expect.any(String))
  })

  it('a refusal puts back what the server said and says why; a lost sign-in sends to 登录', async () => {
    mockedSocial.like.mockRejectedValueOnce(new ApiCallError('RATE_LIMITED', '每天最多点赞30次，明天再来吧'))
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
    await testUtils.mount(Wall)
    await waitForText('健康义诊')
    await tap(button('点赞'))
    await waitForText('每天最多点赞30次，明天再来吧')
    expect(button('点赞').getAttribute('aria-pressed')).toBe('false')
    expect(screenText()).toContain('点赞 4')
    mockedSocial.like.mockRejectedValueOnce(new ApiCallError('UNAUTHENTICATED', '请先登录'))
    await tap(button('点赞'))
    expect(nav).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })
})

describe('评分', () => {
  it('1–5 stars and a comment with its 200 counter; success is confirmed and the card shows the new 社会评分', async () => {
    mockedSocial.rate.mockResolvedValue({ orderId: 'o-1', publicAvg: 4, publicCount: 3, myRating: { stars: 5, comment: '很好', at: '2026-03-02T01:00:00.000Z' } })
    await testUtils.mount(Wall)
    await waitForText('健康义诊')
    await tap(button('评分'))
    await waitForText('社会评分：健康义诊')
    expect(screenText()).toContain('0/200')
    await tap(button('提交评分'))
    expect(screenText()).toContain('请选择1到5星')
    expect(mockedSocial.rate).not.toHaveBeenCalled()
    const five = document.querySelector('[aria-label="5星"]')!
    await tap(five)
    expect(five.getAttribute('aria-checked')).toBe('true')
    await tap(button('提交评分'))
    await waitForText('感谢您的评价')
    expect(mockedSocial.rate).toHaveBeenCalledWith({ orderId: 'o-1', stars: 5, comment: '', requestId: expect.any(String) })
    expect(screenText()).toContain('社会评分：4星（3人评价）')
    expect(screenText()).toContain('我的评分 5星')
  })

  it("a refusal (the order's own people) is shown in the server's words", async () => {
    mockedSocial.rate.mockRejectedValue(new ApiCallError('FORBIDDEN', '不能为本人点的单、本人代点的单或为本人代点的单做社会评分'))
    await testUtils.mount(Wall)
    await waitForText('健康义诊')
    await tap(button('评分'))
    await tap(document.querySelector('[aria-label="3星"]')!)
    await tap(button('提交评分'))
    await waitForText('不能为本人点的单')
  })
})
