import TestUtils from '@tarojs/test-utils-react'
import { act, fireEvent } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import type { Membership, Team } from '~types/domain'
import Approvals from '~src/packages/volunteer/pages/approvals/index'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { screenText, settle, showPage, waitForText } from '../helpers'
import { button } from './fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/user')
const mockedCatalog = jest.mocked(catalog)
const mockedUser = jest.mocked(user)

const application = (id: string, userId: string, userName: string): Membership => ({
  id,
  teamId: 't-health',
  userId,
  userName,
  status: 'pending',
  appliedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
  approvedAt: null,
  approvedBy: null,
})

const health: Team = {
  id: 't-health',
  name: '健康义诊服务队',
  themeIds: [],
  orgUnitId: 'st-1',
  leaderId: 'l-1',
  memberIds: [],
  description: '',
}

let testUtils: TestUtils
const spies: jest.SpyInstance[] = []
let showModal: jest.SpyInstance
let showToast: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  mockedCatalog.teams.mockResolvedValue([health])
  mockedUser.applications.mockResolvedValue({
    items: [application('m-1', 'u-1', '滩尾村王大爷'), application('m-2', 'u-2', '江滨村李奶奶')],
  })
  spies.push(
    (showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
    (showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })),
  )
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  spies.splice(0).forEach((s) => s.mockRestore())
})

async function mountApprovals() {
  await testUtils.mount(Approvals)
  await showPage()
}

/** Tap the button reading `text` inside the card of `userName`. */
async function tapFor(userName: string, text: '同意' | '拒绝') {
  const card = Array.from(document.querySelectorAll('.approvals__card')).find((c) => c.textContent?.includes(userName))
  const el = Array.from(card?.querySelectorAll('taro-button-core') ?? []).find((b) => b.textContent?.trim() === text)
  if (!el) throw new Error(`no ${text} for ${userName}`)
  await act(async () => {
    fireEvent(el, new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
  await settle()
}

describe('入队审核', () => {
  it('shows a loading state', async () => {
    mockedUser.applications.mockReturnValue(new Promise(() => {}))
    await mountApprovals()
    expect(screenText()).toContain('加载中…')
  })

  it('says when nothing waits', async () => {
    mockedUser.applications.mockResolvedValue({ items: [] })
    await mountApprovals()
    await waitForText('没有待审核的入队申请')
  })

  it('someone who leads no team sees the refusal; 重试 asks again', async () => {
    mockedUser.applications.mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '只有队长或管理员可以审核入队申请'))
    await mountApprovals()
    await waitForText('只有队长或管理员可以审核入队申请')
    await act(async () => {
      fireEvent(button('重试'), new MouseEvent('click', { bubbles: true }))
    })
    await waitForText('滩尾村王大爷')
    expect(mockedUser.applications).toHaveBeenCalledTimes(2)
  })

  it('lists who applied, to which team, and when', async () => {
    await mountApprovals()
    await waitForText('滩尾村王大爷')
    expect(screenText()).toContain('申请加入 健康义诊服务队')
    expect(screenText()).toContain('3小时前申请')
    expect(screenText()).toContain('江滨村李奶奶')
  })

  it('同意 approves with a requestId and takes the application off the list', async () => {
    mockedUser.approveMember.mockResolvedValue({ membership: { ...application('m-1', 'u-1', '滩尾村王大爷'), status: 'active' } })
    await mountApprovals()
    await waitForText('滩尾村王大爷')
    await tapFor('滩尾村王大爷', '同意')
    expect(showModal).not.toHaveBeenCalled()
    expect(mockedUser.approveMember).toHaveBeenCalledWith({ teamId: 't-health', userId: 'u-1', approve: true, requestId: expect.any(String) })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已同意入队' }))
    expect(screenText()).not.toContain('滩尾村王大爷')
    expect(screenText()).toContain('江滨村李奶奶')
  })

  it('拒绝 asks first, then sends approve:false', async () => {
    mockedUser.approveMember.mockResolvedValue({ membership: application('m-2', 'u-2', '江滨村李奶奶') })
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await mountApprovals()
    await waitForText('江滨村李奶奶')
    await tapFor('江滨村李奶奶', '拒绝')
    expect(mockedUser.approveMember).not.toHaveBeenCalled()
    expect(screenText()).toContain('江滨村李奶奶')

    await tapFor('江滨村李奶奶', '拒绝')
    expect(showModal).toHaveBeenCalledTimes(2)
    expect(mockedUser.approveMember).toHaveBeenCalledWith({ teamId: 't-health', userId: 'u-2', approve: false, requestId: expect.any(String) })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已拒绝' }))
    expect(screenText()).not.toContain('江滨村李奶奶')
  })

  it('a failure stays on the card with the message; a retry re-sends the same requestId', async () => {
    mockedUser.approveMember
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ membership: { ...application('m-1', 'u-1', '滩尾村王大爷'), status: 'active' } })
    await mountApprovals()
    await waitForText('滩尾村王大爷')
    await tapFor('滩尾村王大爷', '同意')
    await waitForText('网络不给力，请检查网络后重试')
    expect(screenText()).toContain('滩尾村王大爷')
    await tapFor('滩尾村王大爷', '同意')
    const [first, second] = mockedUser.approveMember.mock.calls.map(([input]) => input.requestId)
    expect(first).toBeTruthy()
    expect(second).toBe(first)
    expect(screenText()).not.toContain('滩尾村王大爷')
  })
})
