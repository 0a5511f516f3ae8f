import Taro from '@tarojs/taro'
import { returnTo } from '~src/lib/returnTo'

/** A form page goes back to the page it serves when that page is below it, and opens it in its place otherwise. */
describe('returnTo', () => {
  let back: jest.SpyInstance
  let redirect: jest.SpyInstance
  let stack: jest.SpyInstance
  beforeEach(() => {
    back = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    stack = jest.spyOn(Taro, 'getCurrentPages')
  })
  afterEach(() => jest.restoreAllMocks())

  const url = '/packages/resident/pages/order/index?id=o-1'
  const rate = { route: 'packages/resident/pages/rate/index', options: { id: 'o-1' } }

  it.each([
    ['the mini-program (query in options)', { route: 'packages/resident/pages/order/index', options: { id: 'o-1' } }],
    ['H5 (query in $taroParams)', { route: '/packages/resident/pages/order/index', options: {}, $taroParams: { id: 'o-1', stamp: 'AE' } }],
  ])('goes back when the page below is that order page: %s', async (_where, below) => {
    stack.mockReturnValue([{ route: 'pages/home/index' }, below, rate] as never)
    await returnTo(url)
    expect(back).toHaveBeenCalledTimes(1)
    expect(redirect).not.toHaveBeenCalled()
  })

  it.each([
    ['another order below', [{ route: 'packages/resident/pages/order/index', options: { id: 'o-2' } }, rate]],
    ['another page below', [{ route: 'packages/resident/pages/orders/index', options: {} }, rate]],
    ['nothing below', [rate]],
  ])('opens the page in place of this one: %s', async (_case, pages) => {
    stack.mockReturnValue(pages as never)
    await returnTo(url)
    expect(redirect).toHaveBeenCalledWith({ url })
    expect(back).not.toHaveBeenCalled()
  })

  it('opens the page when the stack cannot be read', async () => {
    stack.mockImplementation(() => {
      throw new Error('no router')
    })
    await returnTo(url)
    expect(redirect).toHaveBeenCalledWith({ url })
  })
})
