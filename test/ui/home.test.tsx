import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { OrgUnit, Profile } from '~types/domain'
import Home from '~src/pages/home/index'
import { getToken, setToken } from '~src/services/auth'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, showPage, waitForText } from './helpers'

jest.mock('~src/services/user')
jest.mock('~src/services/catalog')

const mockedUser = jest.mocked(user)
const mockedCatalog = jest.mocked(catalog)

const profile: Profile = {
  id: 'u-1',
  openid: 'demo-volunteer',
  name: '李秀英',
  phone: '13800000000',
  roles: ['resident', 'volunteer', 'leader'],
  orgUnitId: 'st-1',
  managedUnitId: null,
  teamIds: ['t-1', 't-2'],
}

const tree: OrgUnit[] = [
  { id: 'c-1', name: '示范县新时代文明实践中心', level: 'center', parentId: null, path: ['c-1'] },
  { id: 'in-1', name: '城关镇新时代文明实践所', level: 'institute', parentId: 'c-1', path: ['c-1', 'in-1'] },
  { id: 'st-1', name: '东关村', level: 'station', parentId: 'in-1', path: ['c-1', 'in-1', 'st-1'] },
]

let testUtils: TestUtils
let redirectTo: jest.SpyInstance
let navigateTo: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  localStorage.clear()
  useSession.getState().logout()
  process.env.TARO_ENV = 'h5'
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  mockedCatalog.tree.mockResolvedValue(tree)
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  redirectTo.mockRestore()
  navigateTo.mockRestore()
  process.env.TARO_ENV = 'h5'
})

async function mountHome() {
  await testUtils.mount(Home)
  await showPage()
}

describe('home page', () => {
  it('shows a loading state while signing in', async () => {
    setToken('token-1')
    mockedUser.login.mockReturnValue(new Promise(() => {}))
    await mountHome()
    expect(screenText()).toContain('加载中…')
    expect(mockedUser.login).toHaveBeenCalledTimes(1)
  })

  it('shows who you are: name, roles in Chinese, unit with its level, teams', async () => {
    setToken('token-1')
    mockedUser.login.mockResolvedValue({ user: profile })
    await mountHome()
    await waitForText('您好，李秀英')
    const text = screenText()
    expect(text).toContain('群众')
    expect(text).toContain('志愿者')
    expect(text).toContain('队长')
    expect(text).not.toContain('volunteer')
    expect(text).toContain('东关村')
    expect(text).toContain('新时代文明实践站')
    expect(text).toContain('已加入 2 支')
    expect(mockedCatalog.tree).toHaveBeenCalled()
  })

  it('offers each role what it can start here, and nothing of roles it does not hold', async () => {
    setToken('token-1')
    mockedUser.login.mockResolvedValue({ user: { ...profile, roles: ['resident'] } })
    await mountHome()
    await waitForText('我要点单')
    expect(screenText()).toContain('我的点单')
    expect(screenText()).not.toContain('任务大厅')
    expect(screenText()).not.toContain('派单台')

    await clickText('我要点单')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/menu/index' })
  })

  it('a volunteer and leader sees 任务大厅, 我的积分 and 入队审核; a manager sees 派单台', async () => {
    setToken('token-1')
    mockedUser.login.mockResolvedValue({ user: profile })
    await mountHome()
    await waitForText('任务大厅')
    expect(screenText()).toContain('我的积分')
    expect(screenText()).toContain('入队审核')
    expect(screenText()).not.toContain('派单台')
    testUtils.unmout()
    useSession.getState().logout()
    setToken('token-1')
    mockedUser.login.mockResolvedValue({ user: { ...profile, roles: ['manager'], managedUnitId: 'in-1' } })
    testUtils = new TestUtils()
    await mountHome()
    await waitForText('派单台')
    await clickText('派单台')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/manager/pages/queue/index' })
  })

  it('does not repeat the level when the unit name already says it', async () => {
    setToken('token-1')
    mockedUser.login.mockResolvedValue({ user: { ...profile, orgUnitId: 'in-1' } })
    await mountHome()
    await waitForText('城关镇新时代文明实践所')
    expect(screenText().split('新时代文明实践所').length - 1).toBe(1)
  })

  it('shows the error in Chinese and tries again on 重试', async () => {
    setToken('token-1')
    mockedUser.login
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ user: profile })
    await mountHome()
    await waitForText('网络不给力，请检查网络后重试')
    expect(screenText()).not.toContain('您好')

    await clickText('重试')
    await waitForText('您好，李秀英')
    expect(mockedUser.login).toHaveBeenCalledTimes(2)
  })

  it('sends an H5 visitor without a token to the development login', async () => {
    await mountHome()
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
    expect(mockedUser.login).not.toHaveBeenCalled()
  })

  it('切换账号 on a failed sign-in forgets the token and goes to the login page', async () => {
    setToken('token-1')
    mockedUser.login.mockRejectedValue(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    await mountHome()
    await waitForText('网络不给力')
    await clickText('切换账号')
    expect(getToken()).toBe('')
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  it('a rejected H5 token sends the visitor back to sign in', async () => {
    setToken('stale')
    mockedUser.login.mockRejectedValue(new ApiCallError('UNAUTHENTICATED', '请先登录'))
    await mountHome()
    await settle()
    expect(getToken()).toBe('')
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  it('in WeChat signs in with the WeChat identity, without a token or 切换账号', async () => {
    process.env.TARO_ENV = 'weapp'
    mockedUser.login.mockResolvedValue({ user: { ...profile, orgUnitId: null, teamIds: [] } })
    await mountHome()
    await waitForText('您好，李秀英')
    expect(screenText()).toContain('尚未选择所在站点')
    expect(screenText()).toContain('尚未加入')
    expect(screenText()).not.toContain('切换账号')
    expect(redirectTo).not.toHaveBeenCalled()
  })
})
