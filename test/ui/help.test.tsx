/** 使用帮助 (issue 14): how to order, what each status means and whom to call, linked from home and 我的. */
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { OrderStatus, Profile } from '~types/domain'
import { STATUS_DESCRIPTIONS, STATUS_LABELS } from '~types/labels'
import Guide from '~src/packages/help/pages/guide/index'
import Home from '~src/pages/home/index'
import Me from '~src/pages/me/index'
import { ROUTES } from '~src/routes'
import { setToken } from '~src/services/auth'
import * as catalog from '~src/services/catalog'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, showPage, waitForText } from './helpers'

jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
jest.mock('~src/services/inbox')
const mockedUser = jest.mocked(user)
const mockedCatalog = jest.mocked(catalog)

const profile: Profile = { id: 'u-1', openid: 'o-1', name: '王大爷', phone: '', roles: ['resident'], orgUnitId: null, managedUnitId: null, teamIds: [] }

let testUtils: TestUtils
let navigateTo: jest.SpyInstance
beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  setToken('token-1')
  mockedUser.login.mockResolvedValue({ user: profile })
  mockedCatalog.tree.mockResolvedValue([])
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  navigateTo.mockRestore()
})

describe('使用帮助', () => {
  it('says how to order in numbered steps with a picture each, and leads to the menu', async () => {
    await testUtils.mount(Guide)
    await waitForText('怎么点单')
    for (const step of ['第1步', '第2步', '第3步', '第4步', '第5步']) expect(screenText()).toContain(step)
    expect(document.querySelectorAll('.guide-pic')).toHaveLength(5)
    // the pictures are decoration: the words say it
    expect(document.querySelector('.guide-pic')?.getAttribute('aria-hidden')).toBe('true')
    await clickText('现在就去点单')
    expect(navigateTo).toHaveBeenCalledWith({ url: ROUTES.resident.menu })
  })

  it('explains every status, with its label and the one description of it in types/', async () => {
    await testUtils.mount(Guide)
    await waitForText('点单的状态是什么意思')
    for (const status of Object.keys(STATUS_LABELS) as OrderStatus[]) {
      expect(screenText()).toContain(STATUS_LABELS[status])
      expect(screenText()).toContain(STATUS_DESCRIPTIONS[status])
    }
  })

  it('says whom to call, and 120 / 110 when it cannot wait', async () => {
    await testUtils.mount(Guide)
    await waitForText('有事找谁')
    expect(screenText()).toContain('新时代文明实践站')
    expect(screenText()).toContain('120')
    expect(screenText()).toContain('110')
  })

  it('is linked from the home page and from 我的', async () => {
    await testUtils.mount(Home)
    await showPage()
    await waitForText('使用帮助')
    await clickText('使用帮助')
    expect(navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.help.guide })
    testUtils.unmout()

    testUtils = new TestUtils()
    await testUtils.mount(Me)
    await waitForText('使用帮助')
    await clickText('使用帮助')
    expect(navigateTo).toHaveBeenLastCalledWith({ url: ROUTES.help.guide })
  })
})
