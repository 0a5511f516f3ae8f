import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { OrgUnit, Profile } from '~types/domain'
import Login from '~src/pages/login/index'
import { getToken } from '~src/services/auth'
import * as catalog from '~src/services/catalog'
import * as devAuth from '~src/services/devAuth'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, waitForText } from './helpers'

jest.mock('~src/services/devAuth')
jest.mock('~src/services/catalog')
jest.mock('~src/services/user')

const mockedDevAuth = jest.mocked(devAuth)
const mockedCatalog = jest.mocked(catalog)
const mockedUser = jest.mocked(user)

const demoUsers: devAuth.DemoUser[] = [
  { openid: 'demo-resident', name: '王大爷', roles: ['resident'], orgUnitId: 'st-1', teamIds: [] },
  { openid: 'demo-volunteer', name: '李秀英', roles: ['resident', 'volunteer'], orgUnitId: 'st-1', teamIds: ['t-1'] },
  { openid: 'demo-manager', name: '张所长', roles: ['manager'], orgUnitId: 'in-1', teamIds: [] },
  { openid: 'demo-admin', name: '赵主任', roles: ['admin', 'manager'], orgUnitId: null, teamIds: [] },
]

const tree: OrgUnit[] = [
  { id: 'c-1', name: '示范县新时代文明实践中心', level: 'center', parentId: null, path: ['c-1'] },
  { id: 'in-1', name: '城关镇新时代文明实践所', level: 'institute', parentId: 'c-1', path: ['c-1', 'in-1'] },
  { id: 'st-1', name: '东关村新时代文明实践站', level: 'station', parentId: 'in-1', path: ['c-1', 'in-1', 'st-1'] },
]

let testUtils: TestUtils
let reLaunch: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  localStorage.clear()
  useSession.getState().logout()
  process.env.TARO_ENV = 'h5'
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  mockedCatalog.tree.mockResolvedValue(tree)
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  reLaunch.mockRestore()
  process.env.TARO_ENV = 'h5'
})

describe('login page, H5 development login', () => {
  it('is marked as development login and shows a loading state', async () => {
    mockedDevAuth.listDemoUsers.mockReturnValue(new Promise(() => {}))
    await testUtils.mount(Login)
    expect(screenText()).toContain('开发登录（仅本地演示）')
    expect(screenText()).toContain('正在加载演示用户…')
  })

  it('lists the demo users grouped by role, with roles in Chinese and unit names', async () => {
    mockedDevAuth.listDemoUsers.mockResolvedValue(demoUsers)
    await testUtils.mount(Login)
    await waitForText('王大爷')
    const text = screenText()
    for (const name of ['王大爷', '李秀英', '张所长', '赵主任']) expect(text).toContain(name)
    expect(text).toContain('东关村新时代文明实践站')
    expect(text).toContain('城关镇新时代文明实践所')
    expect(text).toContain('未选择所在站点')
    expect(text).not.toMatch(/resident|volunteer|manager|admin/)
    // one group per role, from the most senior down; each user is listed once, under their most senior role
    const groups = Array.from(document.querySelectorAll('.login__group')).map((group) => ({
      title: group.querySelector('.login__group-title')?.textContent,
      names: Array.from(group.querySelectorAll('.login__user-name')).map((el) => el.textContent),
    }))
    expect(groups).toEqual([
      { title: '中心管理员', names: ['赵主任'] },
      { title: '管理员', names: ['张所长'] },
      { title: '志愿者', names: ['李秀英'] },
      { title: '群众', names: ['王大爷'] },
    ])
  })

  it('still lists the users when unit names cannot be read before signing in', async () => {
    mockedDevAuth.listDemoUsers.mockResolvedValue(demoUsers)
    mockedCatalog.tree.mockRejectedValue(new ApiCallError('UNAUTHENTICATED', '请先登录'))
    await testUtils.mount(Login)
    await waitForText('王大爷')
    expect(screenText()).not.toContain('请先登录')
  })

  it('says so when there are no demo users', async () => {
    mockedDevAuth.listDemoUsers.mockResolvedValue([])
    await testUtils.mount(Login)
    await waitForText('还没有演示用户')
  })

  it('shows the error in Chinese and loads again on 重试', async () => {
    mockedDevAuth.listDemoUsers
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(demoUsers)
    await testUtils.mount(Login)
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('王大爷')
    expect(mockedDevAuth.listDemoUsers).toHaveBeenCalledTimes(2)
  })

  it('tapping a user signs in as that user, keeps the token and goes home', async () => {
    mockedDevAuth.listDemoUsers.mockResolvedValue(demoUsers)
    mockedDevAuth.devLogin.mockResolvedValue({ token: 'token-li' })
    await testUtils.mount(Login)
    await waitForText('李秀英')
    await clickText('李秀英')
    expect(mockedDevAuth.devLogin).toHaveBeenCalledWith('demo-volunteer')
    expect(getToken()).toBe('token-li')
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('shows why signing in failed and stays on the list', async () => {
    mockedDevAuth.listDemoUsers.mockResolvedValue(demoUsers)
    mockedDevAuth.devLogin.mockRejectedValue(new ApiCallError('NOT_FOUND', '没有找到相关内容'))
    await testUtils.mount(Login)
    await waitForText('王大爷')
    await clickText('王大爷')
    await waitForText('没有找到相关内容')
    expect(getToken()).toBe('')
    expect(reLaunch).not.toHaveBeenCalled()
    expect(screenText()).toContain('李秀英')
  })
})

describe('login page in WeChat', () => {
  const profile: Profile = {
    id: 'u-1',
    openid: 'o-wx',
    name: '微信用户',
    phone: '',
    roles: ['resident'],
    orgUnitId: null,
    managedUnitId: null,
    teamIds: [],
  }

  it('offers no development login and signs in through the cloud', async () => {
    process.env.TARO_ENV = 'weapp'
    let finish: (v: { user: Profile }) => void = () => {}
    mockedUser.login.mockReturnValue(new Promise((resolve) => (finish = resolve)))
    await testUtils.mount(Login)
    expect(screenText()).toContain('正在登录…')
    expect(screenText()).not.toContain('开发登录')
    expect(mockedDevAuth.listDemoUsers).not.toHaveBeenCalled()

    finish({ user: profile })
    await settle()
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('shows a cloud error with 重试', async () => {
    process.env.TARO_ENV = 'weapp'
    mockedUser.login
      .mockRejectedValueOnce(new ApiCallError('INTERNAL', '系统繁忙，请稍后再试'))
      .mockResolvedValueOnce({ user: profile })
    await testUtils.mount(Login)
    await waitForText('系统繁忙，请稍后再试')
    await clickText('重试')
    await settle()
    expect(mockedUser.login).toHaveBeenCalledTimes(2)
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })
})
