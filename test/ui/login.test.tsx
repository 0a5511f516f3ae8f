import TestUtils from '@tarojs/test-utils-react'
import { act } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import type { OrgUnit, Profile } from '~types/domain'
import Login from '~src/pages/login/index'
import { getToken } from '~src/services/auth'
import * as catalog from '~src/services/catalog'
import * as devAuth from '~src/services/devAuth'
import * as signIn from '~src/services/signIn'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, findField, screenText, settle, typeInto, waitForText } from './helpers'

jest.mock('~src/services/devAuth')
jest.mock('~src/services/catalog')
jest.mock('~src/services/user')
jest.mock('~src/services/signIn', () => ({ ...jest.requireActual('~src/services/signIn'), signInMethods: jest.fn(), register: jest.fn(), login: jest.fn() }))

const mockedDevAuth = jest.mocked(devAuth)
const mockedCatalog = jest.mocked(catalog)
const mockedUser = jest.mocked(user)
const mockedSignIn = jest.mocked(signIn)

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
  // the host's answer to which sign-ins it offers (development login on, as under npm start)
  mockedSignIn.signInMethods.mockResolvedValue({ devLogin: true, password: true })
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

describe('login page, H5 sign-in with phone and password', () => {
  const answer = { token: 's.session-1.sig', expiresAt: '2026-04-01T01:00:00.000Z' }

  /** Tap the form's own button (the tab above the form reads 登录 too). */
  async function tapSubmit() {
    await act(async () => {
      document.querySelector('.login__submit')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    })
    await settle()
  }

  /** Choose the station at `index` in the register form's picker, as its 确定 would. */
  async function pickStation(index: number) {
    await act(async () => {
      document.querySelector('taro-picker-core')!.dispatchEvent(new CustomEvent('change', { detail: { value: index }, bubbles: true }))
    })
    await settle()
  }

  it('asks the host once which sign-ins it offers and shows 登录 and 注册 beside the development login', async () => {
    mockedDevAuth.listDemoUsers.mockResolvedValue(demoUsers)
    await testUtils.mount(Login)
    await waitForText('王大爷')
    const text = screenText()
    for (const word of ['登录', '注册', '手机号', '密码', '开发登录（仅本地演示）']) expect(text).toContain(word)
    expect(mockedSignIn.signInMethods).toHaveBeenCalledTimes(1)
  })

  it('without development login on the host: only 登录 and 注册, no demo users asked for', async () => {
    mockedSignIn.signInMethods.mockResolvedValue({ devLogin: false, password: true })
    await testUtils.mount(Login)
    await waitForText('注册')
    expect(screenText()).not.toContain('开发登录')
    expect(mockedDevAuth.listDemoUsers).not.toHaveBeenCalled()
  })

  it('a loading state, then the error in Chinese with 重试 when the host cannot be reached', async () => {
    mockedSignIn.signInMethods.mockReturnValueOnce(new Promise(() => {}))
    await testUtils.mount(Login)
    expect(screenText()).toContain('正在加载…')
    testUtils.unmout()
    mockedSignIn.signInMethods.mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    mockedSignIn.signInMethods.mockResolvedValueOnce({ devLogin: false, password: true })
    testUtils = new TestUtils()
    await testUtils.mount(Login)
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('注册')
  })

  it('登录: signs in with phone and password, keeps the token and goes home; the button says it is busy', async () => {
    mockedSignIn.signInMethods.mockResolvedValue({ devLogin: false, password: true })
    let finish: (v: typeof answer) => void = () => {}
    mockedSignIn.login.mockReturnValue(new Promise((resolve) => (finish = resolve)))
    await testUtils.mount(Login)
    await typeInto('注册时填的手机号', '13912340001')
    await typeInto('请输入密码', 'qingshan2026')
    await tapSubmit()
    expect(screenText()).toContain('正在登录…')
    expect(mockedSignIn.login).toHaveBeenCalledWith({ phone: '13912340001', password: 'qingshan2026' })
    // a second tap while it is on its way sends nothing more
    await tapSubmit()
    expect(mockedSignIn.login).toHaveBeenCalledTimes(1)
    finish(answer)
    await settle()
    expect(getToken()).toBe(answer.token)
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('登录 refused: the host’s message in Chinese, and the token is not kept', async () => {
    mockedSignIn.signInMethods.mockResolvedValue({ devLogin: false, password: true })
    mockedSignIn.login.mockRejectedValueOnce(new signIn.SignInError('UNAUTHENTICATED', '手机号或密码不正确', null))
    mockedSignIn.login.mockRejectedValueOnce(new signIn.SignInError('INVALID_INPUT', '请填写11位手机号码', 'phone'))
    await testUtils.mount(Login)
    await typeInto('请输入密码', 'wrong-password')
    await tapSubmit()
    await waitForText('手机号或密码不正确')
    await tapSubmit()
    await waitForText('请填写11位手机号码')
    // beside the phone field: the alert follows the phone's input
    const phone = await findField('注册时填的手机号')
    expect(phone.closest('.login__field')?.textContent).toContain('请填写11位手机号码')
    expect(screenText()).not.toContain('手机号或密码不正确')
    expect(getToken()).toBe('')
    expect(reLaunch).not.toHaveBeenCalled()
  })

  it('注册: phone, password, name, the station picked and an invite code; each refusal beside its field', async () => {
    mockedSignIn.signInMethods.mockResolvedValue({ devLogin: false, password: true })
    mockedSignIn.register
      .mockRejectedValueOnce(new signIn.SignInError('CONFLICT', '该手机号已注册，请直接登录', 'phone'))
      .mockRejectedValueOnce(new signIn.SignInError('CONFLICT', '邀请码已被使用，请联系邀请人重新生成', 'invite'))
      .mockResolvedValueOnce(answer)
    await testUtils.mount(Login)
    await waitForText('注册')
    await clickText('注册')
    await waitForText('请选择所在的新时代文明实践站')
    await typeInto('用来登录的手机号', '13912340001')
    await typeInto('8到64位', 'qingshan2026')
    await typeInto('请输入姓名', '青山村民')
    await pickStation(0)
    expect(screenText()).toContain('东关村新时代文明实践站')
    await typeInto('没有可不填', 'abcd-2345-wxyz')
    await clickText('注册并登录')
    expect(mockedSignIn.register).toHaveBeenLastCalledWith({
      phone: '13912340001',
      password: 'qingshan2026',
      name: '青山村民',
      orgUnitId: 'st-1',
      invite: 'abcd-2345-wxyz',
    })
    await waitForText('该手机号已注册，请直接登录')
    const phone = await findField('用来登录的手机号')
    expect(phone.closest('.login__field')?.textContent).toContain('该手机号已注册，请直接登录')

    await clickText('注册并登录')
    await waitForText('邀请码已被使用，请联系邀请人重新生成')
    const code = await findField('没有可不填')
    expect(code.closest('.login__field')?.textContent).toContain('邀请码已被使用')
    expect(screenText()).not.toContain('该手机号已注册')
    expect(getToken()).toBe('')

    await clickText('注册并登录')
    await settle()
    expect(getToken()).toBe(answer.token)
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('注册 without an invite code sends none; the stations come from the unit tree', async () => {
    mockedSignIn.signInMethods.mockResolvedValue({ devLogin: false, password: true })
    mockedSignIn.register.mockResolvedValue(answer)
    await testUtils.mount(Login)
    await waitForText('注册')
    await clickText('注册')
    await waitForText('请选择所在的新时代文明实践站')
    await typeInto('用来登录的手机号', '13912340001')
    await typeInto('8到64位', 'qingshan2026')
    await typeInto('请输入姓名', '青山村民')
    await pickStation(0)
    await clickText('注册并登录')
    expect(mockedSignIn.register).toHaveBeenCalledWith({ phone: '13912340001', password: 'qingshan2026', name: '青山村民', orgUnitId: 'st-1' })
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
    expect(mockedSignIn.signInMethods).not.toHaveBeenCalled()
    expect(screenText()).not.toContain('注册')

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

describe('login page, the 公示栏 without an account', () => {
  it('offers the 公示栏 to a reader without an account (issue 11: readable without signing in)', async () => {
    mockedDevAuth.listDemoUsers.mockResolvedValue(demoUsers)
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
    await testUtils.mount(Login)
    await waitForText('不登录，先看公示栏')
    await clickText('不登录，先看公示栏')
    expect(nav).toHaveBeenCalledWith({ url: '/packages/public/pages/wall/index' })
    nav.mockRestore()
  })
})
