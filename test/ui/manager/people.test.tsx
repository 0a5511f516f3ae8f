import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { PersonListing } from '~types/api'
import People from '~src/packages/manager/pages/people/index'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, showPage, typeInto, waitForText } from '../helpers'
import { managerProfile, tree } from './fixtures'

jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedUser = jest.mocked(user)

const admin = { ...managerProfile, id: 'u-admin', name: '周主任', roles: ['admin' as const, 'manager' as const], managedUnitId: 'unit-center' }

function person(over: Partial<PersonListing> = {}): PersonListing {
  return {
    id: 'u-wang',
    openid: 'o-wang',
    name: '滩尾村王大爷',
    phone: '13800001111',
    roles: ['resident'],
    orgUnitId: 'unit-tanwei',
    managedUnitId: null,
    teamIds: [],
    unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'],
    ...over,
  }
}

let testUtils: TestUtils
let showModal: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  mockedUser.login.mockResolvedValue({ user: admin })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as never)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountPeople() {
  await testUtils.mount(People)
  await showPage().catch(() => undefined)
  await waitForText('查找')
}

async function find(q: string) {
  await typeInto('姓名开头或手机号', q)
  await clickText('查找')
}

describe('人员与角色', () => {
  it('is for admins only: a manager is told so, and nothing is searched', async () => {
    mockedUser.login.mockResolvedValue({ user: managerProfile })
    await testUtils.mount(People)
    await waitForText('只有中心管理员可以管理人员与角色')
    expect(mockedUser.search).not.toHaveBeenCalled()
  })

  it('finds people by name or phone, says when nobody matches, and pages', async () => {
    mockedUser.search
      .mockResolvedValueOnce({ items: [person()], nextCursor: 'c-2' })
      .mockResolvedValueOnce({ items: [person({ id: 'u-wang2', name: '王芳', phone: '' })], nextCursor: null })
      .mockResolvedValueOnce({ items: [], nextCursor: null })
    await mountPeople()
    expect(screenText()).toContain('输入姓名的开头')
    await find(' 王 ')
    await waitForText('滩尾村王大爷')
    expect(mockedUser.search).toHaveBeenCalledWith('王', undefined)
    expect(screenText()).toContain('13800001111 · 滩尾村新时代文明实践站')
    await clickText('加载更多')
    await waitForText('王芳')
    expect(mockedUser.search).toHaveBeenLastCalledWith('王', 'c-2')
    expect(screenText()).toContain('未填手机号')
    await find('张')
    await waitForText('没有找到“张”')
  })

  it('shows the API error of a search', async () => {
    mockedUser.search.mockRejectedValue(new ApiCallError('FORBIDDEN', '只有中心管理员可以查找人员'))
    await mountPeople()
    await find('王')
    await waitForText('只有中心管理员可以查找人员')
  })

  it('grants manager for the chosen unit and proxy, with a requestId; the roles shown follow the answer', async () => {
    mockedUser.search.mockResolvedValue({ items: [person()], nextCursor: null })
    mockedUser.grantRole
      .mockResolvedValueOnce({ user: { ...person(), roles: ['resident', 'manager'], managedUnitId: 'unit-tanwei' } })
      .mockResolvedValueOnce({ user: { ...person(), roles: ['resident', 'manager', 'proxy'], managedUnitId: 'unit-tanwei' } })
    await mountPeople()
    await find('王')
    await clickText('滩尾村王大爷')
    await waitForText('授予管理员（滩尾村新时代文明实践站）')
    await clickText('授予管理员（滩尾村新时代文明实践站）')
    await waitForText('撤销管理员')
    expect(mockedUser.grantRole).toHaveBeenCalledWith(
      expect.objectContaining({ userId: 'u-wang', role: 'manager', revoke: false, unitId: 'unit-tanwei', requestId: expect.any(String) }),
    )
    expect(showModal).not.toHaveBeenCalled()
    expect(screenText()).toContain('（管理：滩尾村新时代文明实践站）')
    await clickText('授予代办员')
    await waitForText('撤销代办员')
    expect(mockedUser.grantRole).toHaveBeenLastCalledWith(expect.objectContaining({ role: 'proxy', revoke: false }))
    expect(mockedUser.grantRole.mock.calls[1][0]).not.toHaveProperty('unitId')
    expect(screenText()).toContain('现有角色：群众、管理员、代办员')
  })

  it('revokes only after a confirmation; declining sends nothing', async () => {
    mockedUser.search.mockResolvedValue({ items: [person({ roles: ['resident', 'proxy'] })], nextCursor: null })
    mockedUser.grantRole.mockResolvedValue({ user: { ...person(), roles: ['resident'] } })
    await mountPeople()
    await find('王')
    await clickText('滩尾村王大爷')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await clickText('撤销代办员')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤销代办员' }))
    expect(mockedUser.grantRole).not.toHaveBeenCalled()
    await clickText('撤销代办员')
    await waitForText('授予代办员')
    expect(mockedUser.grantRole).toHaveBeenCalledWith(expect.objectContaining({ userId: 'u-wang', role: 'proxy', revoke: true }))
  })

  it('shows a refused grant', async () => {
    mockedUser.search.mockResolvedValue({ items: [person({ roles: ['admin'], managedUnitId: 'unit-center' })], nextCursor: null })
    mockedUser.grantRole.mockRejectedValue(new ApiCallError('CONFLICT', '不能撤销自己的中心管理员角色'))
    await mountPeople()
    await find('王')
    await clickText('滩尾村王大爷')
    await clickText('撤销中心管理员')
    await waitForText('不能撤销自己的中心管理员角色')
  })
})
