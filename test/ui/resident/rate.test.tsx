import TestUtils from '@tarojs/test-utils-react'
import Rate from '~src/packages/resident/pages/rate/index'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import { useResidentOrders } from '~src/stores/resident'
import { clickText, typeInto, waitForText } from '../helpers'
import { answer, item } from '~test/support/order-fixture'
import { clickEl, doubleTap, makeOrder, pageText, resetResident } from './fixtures'

jest.mock('~src/services/order')
const mockedOrder = jest.mocked(order)

const completed = makeOrder({
  status: 'completed',
  teamIds: ['t-1'],
  claims: [{ volunteerId: 'v-1', name: '李秀英', at: '2026-01-05T03:00:00.000Z', unitPath: [] }],
})
const rated = { ...completed, status: 'rated' as const, rating: { stars: 4, comment: '准时到达', at: '2026-01-07T03:00:00.000Z' } }

let testUtils: TestUtils
let spies: ReturnType<typeof resetResident>

beforeEach(() => {
  jest.resetAllMocks()
  spies = resetResident({ id: 'o-1' })
  mockedOrder.get.mockResolvedValue(answer(completed, ['rate']))
  mockedOrder.rate.mockResolvedValue({ ...answer(rated), awards: [] })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountRate() {
  await testUtils.mount(Rate)
  await waitForText('提交评价')
}

const comment = () => document.querySelector('textarea')!.value

describe('resident rate page (评单)', () => {
  it('shows a loading state', async () => {
    mockedOrder.get.mockReturnValue(new Promise(() => {}))
    await testUtils.mount(Rate)
    expect(pageText()).toContain('加载中…')
    expect(mockedOrder.get).toHaveBeenCalledWith('o-1')
  })

  it('shows the error and loads again on 重试', async () => {
    mockedOrder.get
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(answer(completed, ['rate']))
    await testUtils.mount(Rate)
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('提交评价')
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
  })

  it('says so when the order cannot be rated now, and leads back to it', async () => {
    mockedOrder.get.mockResolvedValue(answer(rated, []))
    await testUtils.mount(Rate)
    await waitForText('这一单已经评过了')
    expect(pageText()).not.toContain('提交评价')
    await clickText('查看点单')
    expect(spies.redirectTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-1' })
  })

  it('says so when the service is not done yet', async () => {
    mockedOrder.get.mockResolvedValue(answer(makeOrder({ status: 'claimed' }), ['cancel']))
    await testUtils.mount(Rate)
    await waitForText('这一单现在还不能评单')
  })

  it('names the order and its volunteers; each star count has its word', async () => {
    await mountRate()
    expect(pageText()).toContain('上门义诊')
    expect(pageText()).toContain('服务志愿者：李秀英')
    expect(pageText()).toContain('点星星打分')
    const words = ['很不满意', '不满意', '一般', '满意', '非常满意']
    for (let i = 0; i < 5; i++) {
      await clickEl('.rate__star', i)
      expect(document.querySelector('.rate__word')!.textContent).toBe(words[i])
      expect(document.querySelectorAll('.rate__star--on')).toHaveLength(i + 1)
    }
  })

  it('tags join into the comment and come out again on a second tap', async () => {
    await mountRate()
    await clickText('准时到达')
    await clickText('态度热情')
    expect(comment()).toBe('准时到达，态度热情')
    expect(pageText()).toContain('9/200')
    await clickText('准时到达')
    expect(comment()).toBe('态度热情')
  })

  it('asks for stars before sending', async () => {
    await mountRate()
    await clickText('提交评价')
    expect(pageText()).toContain('请点星星打分')
    expect(mockedOrder.rate).not.toHaveBeenCalled()
  })

  it('sends stars and comment, thanks the person and opens the order', async () => {
    useResidentOrders.setState({ status: 'ready', items: [item(completed, ['rate'])] })
    await mountRate()
    await clickEl('.rate__star', 3)
    await clickText('准时到达')
    await typeInto('还想说点什么', '准时到达，谢谢李大姐 ')
    await clickText('提交评价')

    expect(mockedOrder.rate).toHaveBeenCalledTimes(1)
    expect(mockedOrder.rate.mock.calls[0][0]).toEqual({
      orderId: 'o-1',
      stars: 4,
      comment: '准时到达，谢谢李大姐',
      requestId: expect.any(String),
    })
    expect(spies.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '感谢您的评价' }))
    expect(spies.redirectTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-1' })
    expect(useResidentOrders.getState().items[0].status).toBe('rated')
  })

  it('shows the API error as it is and re-sends the same requestId', async () => {
    mockedOrder.rate
      .mockRejectedValueOnce(new ApiCallError('CONFLICT', '这一单已经评过了'))
      .mockResolvedValueOnce({ ...answer(rated), awards: [] })
    await mountRate()
    await clickEl('.rate__star', 4)
    await clickText('提交评价')
    await waitForText('这一单已经评过了')
    expect(spies.redirectTo).not.toHaveBeenCalled()
    await clickText('提交评价')
    const [first, second] = mockedOrder.rate.mock.calls.map((c) => c[0].requestId)
    expect(second).toBe(first)
    expect(mockedOrder.rate.mock.calls[1][0]).toMatchObject({ stars: 5, comment: '' })
    expect(spies.redirectTo).toHaveBeenCalled()
  })

  it('a double tap sends one request', async () => {
    mockedOrder.rate.mockReturnValue(new Promise(() => {}))
    await mountRate()
    await clickEl('.rate__star', 4)
    await doubleTap('提交评价')
    expect(pageText()).toContain('正在提交…')
    expect(mockedOrder.rate).toHaveBeenCalledTimes(1)
  })
})
