import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { OrgUnit, Profile } from '~types/domain'
import Me from '~src/pages/me/index'
import Home from '~src/pages/home/index'
import { getToken, setToken } from '~src/services/auth'
import * as catalog from '~src/services/catalog'
import * as signIn from '~src/services/signIn'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { PREFS_KEY, usePrefs } from '~src/stores/prefs'
import { useSession } from '~src/stores/session'
import { clickText, screenText, showPage, typeInto, waitForText } from './helpers'

jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
jest.mock('~src/services/signIn')
const mockedUser = jest.mocked(user)
const mockedCatalog = jest.mocked(catalog)
const mockedSignIn = jest.mocked(signIn)

const profile: Profile = {
  id: 'u-1', openid: 'o-1', name: '王大爷', phone: '', roles: ['resident'], orgUnitId: null, managedUnitId: null, teamIds: [],
}
const tree: OrgUnit[] = [
  { id: 'c-1', name: '示范县新时代文明实践中心', level: 'center', parentId: null, path: ['c-1'] },
  { id: 'st-1', name: '东关村新时代文明实践站', level: 'station', parentId: 'c-1', path: ['c-1', 'st-1'] },
]

let testUtils: TestUtils
let toast: jest.SpyInstance
let reLaunch: jest.SpyInstance
beforeEach(() => {
  jest.resetAllMocks()
  localStorage.clear()
  useSession.getState().logout()
  usePrefs.getState().setLargeText(false)
  setToken('token-1')
  mockedUser.login.mockResolvedValue({ user: profile })
  mockedCatalog.tree.mockResolvedValue(tree)
  toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  toast.mockRestore()
  reLaunch.mockRestore()
})

async function mountMe() {
  await testUtils.mount(Me)
  await showPage()
}

describe('我的', () => {
  it('shows loading, then the person with their roles in Chinese', async () => {
    let resolve: (v: { user: Profile }) => void = () => {}
    mockedUser.login.mockReturnValue(new Promise((r) => (resolve = r)))
    await mountMe()
    expect(screenText()).toContain('加载中…')
    resolve({ user: profile })
    await waitForText('群众')
    expect(screenText()).toContain('请选择所在的新时代文明实践站')
  })

  it('shows the error and tries again', async () => {
    mockedUser.login.mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    await mountMe()
    await waitForText('网络不给力')
    await clickText('重试')
    await waitForText('群众')
  })

  it('大字模式 switches every page to the large sizes and is remembered on this phone', async () => {
    await mountMe()
    await waitForText('大字模式')
    expect(document.querySelector('.screen--large')).toBeNull()
    const sw = document.querySelector('.me__switch input') as HTMLInputElement
    sw.checked = true
    sw.dispatchEvent(new Event('change', { bubbles: true }))
    await waitForText('大字模式')
    expect(usePrefs.getState().largeText).toBe(true)
    expect(Taro.getStorageSync(PREFS_KEY)).toEqual({ largeText: true })
    expect(document.querySelector('.screen--large')).not.toBeNull()

    // another page honours it too
    testUtils.unmout()
    testUtils = new TestUtils()
    await testUtils.mount(Home)
    await showPage()
    await waitForText('您好')
    expect(document.querySelector('.screen.screen--large')).not.toBeNull()
  })

  it('saves name and phone, and shows the API\'s refusal as it is', async () => {
    mockedUser.updateProfile.mockRejectedValueOnce(new ApiCallError('INVALID_INPUT', '请填写11位手机号码'))
    mockedUser.updateProfile.mockResolvedValueOnce({ user: { ...profile, name: '王建国', phone: '13800001111' } })
    await mountMe()
    await typeInto('请输入姓名', '王建国')
    await typeInto('11位手机号码', '1380000')
    await clickText('保存')
    expect(toast).toHaveBeenCalledWith({ title: '请填写11位手机号码', icon: 'none' })
    await typeInto('11位手机号码', '13800001111')
    await clickText('保存')
    expect(mockedUser.updateProfile).toHaveBeenLastCalledWith({ name: '王建国', phone: '13800001111' })
    expect(toast).toHaveBeenLastCalledWith({ title: '已保存', icon: 'success' })
  })

  it('退出登录 (H5) revokes the session on the host, forgets the token and goes to the login page', async () => {
    let revoke: (v: Record<string, never>) => void = () => {}
    mockedSignIn.logout.mockReturnValue(new Promise((resolve) => (revoke = resolve)))
    await mountMe()
    await waitForText('退出登录')
    await clickText('退出登录')
    // while the host is asked, the button says so and the token is still there
    expect(screenText()).toContain('正在退出…')
    expect(mockedSignIn.logout).toHaveBeenCalledTimes(1)
    expect(getToken()).toBe('token-1')
    revoke({})
    await waitForText('退出登录')
    expect(getToken()).toBe('')
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  it('退出登录 forgets the token even when the host cannot be reached', async () => {
    mockedSignIn.logout.mockRejectedValue(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    await mountMe()
    await waitForText('退出登录')
    await clickText('退出登录')
    await waitForText('退出登录')
    expect(getToken()).toBe('')
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  it('links 审计日志 for county admins only', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await mountMe()
    await waitForText('群众')
    expect(screenText()).not.toContain('审计日志')
    testUtils.unmout()
    useSession.getState().logout()
    mockedUser.login.mockResolvedValue({ user: { ...profile, roles: ['admin', 'manager'], managedUnitId: 'c-1' } })
    testUtils = new TestUtils()
    await mountMe()
    await waitForText('审计日志')
    await clickText('审计日志')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/manager/pages/audit/index' })
    navigateTo.mockRestore()
  })
})
