import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { Profile } from '../../types/domain'
import Me from '../../src/pages/me/index'
import * as catalog from '../../src/services/catalog'
import * as user from '../../src/services/user'
import { usePrefs } from '../../src/stores/prefs'
import { useSession } from '../../src/stores/session'
import { clickText, settle, showPage, typeInto, waitForText } from './helpers'

jest.mock('../../src/services/user')
jest.mock('../../src/services/catalog')
const mockedUser = jest.mocked(user)
const mockedCatalog = jest.mocked(catalog)

const profile: Profile = {
  id: 'u-1', openid: 'o-1', name: '王大爷', phone: '', roles: ['resident'], orgUnitId: null, managedUnitId: null, teamIds: [],
}

let testUtils: TestUtils
beforeEach(() => {
  jest.resetAllMocks()
  localStorage.clear()
  useSession.getState().logout()
  mockedUser.login.mockResolvedValue({ user: profile })
  mockedCatalog.tree.mockResolvedValue([])
  testUtils = new TestUtils()
})
afterEach(() => testUtils.unmout())

it('probe', async () => {
  await testUtils.mount(Me)
  await showPage()
  await waitForText('大字模式')
  mockedUser.updateProfile.mockResolvedValue({ user: profile })
  await typeInto('请输入姓名', '王建国')
  await typeInto('11位手机号码', '13800001111')
  await clickText('保存')
  expect(mockedUser.updateProfile).toHaveBeenCalledWith({ name: '王建国', phone: '13800001111' })
})
