import TestUtils from '@tarojs/test-utils-react'
import { act } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import type { MenuItem, Theme } from '~types/domain'
import ManagerMenu from '~src/packages/manager/pages/menu/index'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, typeInto, waitForText } from '../helpers'
import { managerProfile, tree } from './fixtures'

jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedCatalog = jest.mocked(catalog)

const themes: Theme[] = [
  { id: 'theme-policy', name: '政策', seedNamed: true, sort: 1 },
  { id: 'theme-health', name: '健康', seedNamed: false, sort: 2 },
  { id: 'theme-culture', name: '文化', seedNamed: false, sort: 3 },
]

function item(over: Partial<MenuItem>): MenuItem {
  return {
    id: 'm-1',
    title: '上门量血压',
    description: '每周二上午',
    themeId: 'theme-health',
    orgUnitId: 'unit-suxi',
    points: 5,
    active: true,
    ...over,
  }
}

const items: MenuItem[] = [
  item({}),
  item({ id: 'm-2', title: '惠农政策宣讲', themeId: 'theme-policy', points: 8, description: '' }),
  item({ id: 'm-3', title: '村晚节目排练', themeId: 'theme-culture', active: false }),
  item({ id: 'm-center', title: '县级法律咨询', orgUnitId: 'unit-center' }),
]

async function pickIndex(index: number) {
  await act(async () => {
    document.querySelector('taro-picker-core')!.dispatchEvent(new CustomEvent('change', { detail: { value: index }, bubbles: true }))
  })
  await settle()
}

async function setSwitch(value: boolean) {
  await act(async () => {
    document.querySelector('taro-switch-core')!.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }))
  })
  await settle()
}

let testUtils: TestUtils
let showModal: jest.SpyInstance
let showToast: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  mockedCatalog.tree.mockResolvedValue(tree)
  mockedCatalog.themes.mockResolvedValue(themes)
  mockedCatalog.menu.mockResolvedValue({ themes, items })
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as any)
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountMenu(waitFor = '上门量血压') {
  await testUtils.mount(ManagerMenu)
  await waitForText(waitFor)
}

describe('服务菜单管理', () => {
  it('shows a loading state while the menu loads', async () => {
    mockedCatalog.menu.mockReturnValue(new Promise(() => {}))
    await testUtils.mount(ManagerMenu)
    await settle()
    expect(screenText()).toContain('加载中…')
    expect(mockedCatalog.menu).toHaveBeenCalledWith({ unitId: 'unit-suxi', includeInactive: true })
  })

  it('says so when the unit has no item of its own', async () => {
    mockedCatalog.menu.mockResolvedValue({ themes, items: [items[3]] })
    await mountMenu('本单位还没有服务菜单')
    expect(screenText()).not.toContain('县级法律咨询')
  })

  it('shows the API error and tries again on 重试', async () => {
    mockedCatalog.menu.mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '您没有权限进行此操作'))
    await mountMenu('您没有权限进行此操作')
    await clickText('重试')
    await waitForText('上门量血压')
    expect(mockedCatalog.menu).toHaveBeenCalledTimes(2)
  })

  it('refuses someone who manages no unit', async () => {
    jest.mocked(user).login.mockResolvedValue({ user: { ...managerProfile, roles: ['resident'], managedUnitId: null } })
    await mountMenu('您还没有管理的单位，请联系中心管理员授权')
    expect(mockedCatalog.menu).not.toHaveBeenCalled()
  })

  it("lists only the unit's own items, by theme, with 积分 and 上架/已下架", async () => {
    await mountMenu()
    const text = screenText()
    expect(text).toContain('苏溪镇新时代文明实践所的服务菜单')
    expect(text).not.toContain('县级法律咨询')
    expect(text).toContain('5 积分')
    expect(text).toContain('8 积分')
    expect(text).toContain('已下架')
    // themes in their order: 政策, 健康, 文化
    expect(text.indexOf('政策')).toBeLessThan(text.indexOf('惠农政策宣讲'))
    expect(text.indexOf('惠农政策宣讲')).toBeLessThan(text.indexOf('健康'))
    expect(text.indexOf('上门量血压')).toBeLessThan(text.indexOf('文化'))
  })

  it('adds an item: the first validation message, then the payload with the unit and a requestId', async () => {
    mockedCatalog.upsertMenuItem.mockResolvedValue({ item: item({ id: 'm-9', title: '手机使用教学', themeId: 'theme-culture', points: 6 }) })
    await mountMenu()
    await clickText('新增服务项目')
    await clickText('保存')
    await waitForText('请填写菜单名称')

    await typeInto('服务名称', '手机使用教学')
    await clickText('保存')
    await waitForText('请填写主题')

    await typeInto('服务内容', '教老人用微信视频')
    await pickIndex(2)
    await typeInto('可得的积分', '150')
    await clickText('保存')
    await waitForText('积分不能超过100')
    expect(mockedCatalog.upsertMenuItem).not.toHaveBeenCalled()

    await typeInto('可得的积分', '6')
    await clickText('保存')
    expect(mockedCatalog.upsertMenuItem).toHaveBeenCalledWith({
      title: '手机使用教学',
      description: '教老人用微信视频',
      themeId: 'theme-culture',
      orgUnitId: 'unit-suxi',
      points: 6,
      active: true,
      requestId: expect.any(String),
    })
    expect(showModal).not.toHaveBeenCalled()
    expect(showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' })
    await waitForText('6 积分')
    expect(screenText()).toContain('手机使用教学')
  })

  it('takes an item off the menu only after confirmation, and re-sends the same requestId after a failure', async () => {
    await mountMenu()
    await clickText('上门量血压')
    await waitForText('修改服务项目')
    await setSwitch(false)

    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await clickText('保存')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '下架服务' }))
    expect(mockedCatalog.upsertMenuItem).not.toHaveBeenCalled()

    mockedCatalog.upsertMenuItem
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ item: item({ active: false }) })
    await clickText('保存')
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('保存')
    const calls = mockedCatalog.upsertMenuItem.mock.calls.map((c) => c[0])
    expect(calls).toHaveLength(2)
    expect(calls[0]).toEqual({
      id: 'm-1',
      title: '上门量血压',
      description: '每周二上午',
      themeId: 'theme-health',
      orgUnitId: 'unit-suxi',
      points: 5,
      active: false,
      requestId: expect.any(String),
    })
    expect(calls[1].requestId).toBe(calls[0].requestId)
    await waitForText('新增服务项目')
    expect(screenText().split('已下架').length - 1).toBe(2)
  })
})
