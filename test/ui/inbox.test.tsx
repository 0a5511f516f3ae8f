import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { InboxMessage } from '~types/domain'
import { NOTIFICATION_KINDS } from '~types/labels'
import Inbox from '~src/pages/inbox/index'
import * as inbox from '~src/services/inbox'
import { ApiCallError } from '~src/services/transport'
import { useInbox, useUnread } from '~src/stores/inbox'
import { clickText, screenText, showPage, waitForText } from './helpers'

jest.mock('~src/services/inbox')
const mocked = jest.mocked(inbox)

const message = (over: Partial<InboxMessage> = {}): InboxMessage => ({
  id: 'n-1:u-1',
  userId: 'u-1',
  notificationId: 'n-1',
  kind: 'escalated',
  orderId: 'o-1',
  title: '健康义诊',
  text: '超过48小时未派单，已上报苏溪镇新时代文明实践所',
  at: new Date(Date.now() - 5 * 60 * 1000).toISOString(),
  readAt: null,
  ...over,
})

let testUtils: TestUtils
let navigateTo: jest.SpyInstance
beforeEach(() => {
  jest.resetAllMocks()
  useInbox.getState().reset()
  useUnread.setState({ unread: 0 })
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  navigateTo.mockRestore()
})

async function mountInbox() {
  await testUtils.mount(Inbox)
  await showPage()
}

describe('消息', () => {
  it('shows loading, then the messages newest first with how long ago and the unread count', async () => {
    let resolve: (v: Awaited<ReturnType<typeof inbox.list>>) => void = () => {}
    mocked.list.mockReturnValue(new Promise((r) => (resolve = r)))
    await mountInbox()
    expect(screenText()).toContain('加载中…')
    resolve({ items: [message(), message({ id: 'n-2:u-1', title: '量血压', text: '已派单', readAt: new Date().toISOString() })], nextCursor: null, unread: 1 })
    await waitForText('超过48小时未派单')
    expect(screenText()).toContain('5分钟前')
    expect(screenText()).toContain('1 条未读')
    expect(useUnread.getState().unread).toBe(1)
  })

  it('says so when there are no messages', async () => {
    mocked.list.mockResolvedValue({ items: [], nextCursor: null, unread: 0 })
    await mountInbox()
    await waitForText('还没有消息')
  })

  it('shows the error and tries again', async () => {
    mocked.list
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ items: [message()], nextCursor: null, unread: 1 })
    await mountInbox()
    await waitForText('网络不给力')
    await clickText('重试')
    await waitForText('健康义诊')
  })

  it('a tap marks the message read and opens its order on the page of the person it was meant for', async () => {
    mocked.list.mockResolvedValue({ items: [message()], nextCursor: null, unread: 1 })
    mocked.read.mockResolvedValue({ unread: 0 })
    await mountInbox()
    await waitForText('健康义诊')
    await clickText('健康义诊')
    expect(mocked.read).toHaveBeenCalledWith({ ids: ['n-1:u-1'] })
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/manager/pages/order/index?id=o-1' })
    expect(useUnread.getState().unread).toBe(0)
    expect(useInbox.getState().items[0].readAt).not.toBeNull()
  })

  it('全部已读 marks everything read', async () => {
    mocked.list.mockResolvedValue({ items: [message(), message({ id: 'n-3:u-1' })], nextCursor: null, unread: 2 })
    mocked.read.mockResolvedValue({ unread: 0 })
    await mountInbox()
    await waitForText('2 条未读')
    await clickText('全部已读')
    expect(mocked.read).toHaveBeenCalledWith({ all: true })
    expect(screenText()).not.toContain('条未读')
  })

  it('shows each message with its title, its whole text and the sign and words of its kind (issue 14)', async () => {
    mocked.list.mockResolvedValue({
      items: [message(), message({ id: 'n-4:u-1', kind: 'claimed', title: '量血压', text: '志愿者张志强已接单，会按约定时间上门', readAt: new Date().toISOString() })],
      nextCursor: null,
      unread: 1,
    })
    await mountInbox()
    await waitForText('量血压')
    const rows = Array.from(document.querySelectorAll('.inbox__item'))
    expect(rows).toHaveLength(2)
    expect(rows[0].className).toContain('inbox__item--reminder')
    expect(rows[1].className).toContain('inbox__item--progress')
    expect(rows[0].querySelector('.inbox__kind')?.textContent).toBe(NOTIFICATION_KINDS.escalated.label)
    expect(rows[1].querySelector('.inbox__kind')?.textContent).toBe('志愿者已接单')
    expect(rows[0].querySelector('.inbox__sign')?.textContent).not.toBe(rows[1].querySelector('.inbox__sign')?.textContent)
    expect(rows[1].querySelector('.inbox__text')?.textContent).toBe('志愿者张志强已接单，会按约定时间上门')
    // unread is said in words, not by colour alone; each row is a link named by what it reads
    expect(rows[0].textContent).toContain('未读')
    expect(rows[1].textContent).not.toContain('未读')
    expect(rows[0].getAttribute('role')).toBe('link')
    expect(rows[1].hasAttribute('aria-label')).toBe(false)
    expect(rows[1].querySelector('.inbox__sign')?.getAttribute('aria-hidden')).toBe('true')
  })

  it('every kind of message has a label and a sign of its own words', async () => {
    mocked.list.mockResolvedValue({ items: [], nextCursor: null, unread: 0 })
    await mountInbox()
    const kinds = Object.values(NOTIFICATION_KINDS)
    expect(new Set(kinds.map((k) => k.label)).size).toBe(kinds.length)
    for (const k of kinds) expect(k.sign).toHaveLength(1)
  })
})
