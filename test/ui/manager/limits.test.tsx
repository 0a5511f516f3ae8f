import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Limits from '~src/packages/manager/pages/limits/index'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, typeInto, waitForText } from '../helpers'
import { effectiveLimits, managerProfile, tree } from './fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/user')
const mockedCatalog = jest.mocked(catalog)
const unitId = managerProfile.managedUnitId!

let testUtils: TestUtils
let toast: jest.SpyInstance
beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  mockedCatalog.tree.mockResolvedValue(tree)
  mockedCatalog.limits.mockResolvedValue(effectiveLimits(unitId, { remindUndispatchedHours: 12 }))
  toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  toast.mockRestore()
})

describe('时限设置', () => {
  it('shows loading, then every limit in force and where it comes from', async () => {
    let resolve: (v: Awaited<ReturnType<typeof catalog.limits>>) => void = () => {}
    mockedCatalog.limits.mockReturnValue(new Promise((r) => (resolve = r)))
    await testUtils.mount(Limits)
    await waitForText('加载中…')
    resolve(effectiveLimits(unitId, { remindUndispatchedHours: 12 }))
    await waitForText('派单提醒时限（小时）')
    expect(mockedCatalog.limits).toHaveBeenCalledWith(unitId)
    const text = screenText()
    expect(text).toContain('现行 12 · 本单位设置')
    expect(text).toContain(`现行 48 · 沿用${tree.find((u) => u.id === 'unit-center')!.name}`)
    expect(text).toContain('评单期限（天）')
  })

  it('shows the error and tries again', async () => {
    mockedCatalog.limits.mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '只有本单位或上级单位的管理员可以修改时限'))
    await testUtils.mount(Limits)
    await waitForText('只有本单位或上级单位的管理员可以修改时限')
    await clickText('重试')
    await waitForText('派单提醒时限（小时）')
  })

  it('saves a change and an emptied field (back to inheriting), with one requestId', async () => {
    mockedCatalog.updateLimits.mockResolvedValue(effectiveLimits(unitId, { escalateUndispatchedHours: 36 }))
    await testUtils.mount(Limits)
    await waitForText('派单提醒时限（小时）')
    await typeInto('沿用：48', '36')
    await typeInto('沿用：12', '')
    await clickText('保存')
    expect(mockedCatalog.updateLimits).toHaveBeenCalledWith({
      unitId,
      escalateUndispatchedHours: 36,
      remindUndispatchedHours: null,
      requestId: expect.any(String),
    })
    await waitForText('现行 36 · 本单位设置')
    expect(toast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' })
  })

  it('refuses an out-of-range value in Chinese and sends nothing', async () => {
    await testUtils.mount(Limits)
    await waitForText('派单提醒时限（小时）')
    await typeInto('沿用：7', '0')
    await clickText('保存')
    expect(mockedCatalog.updateLimits).not.toHaveBeenCalled()
    expect(screenText()).toMatch(/评单期限（天）.*1/)
  })
})
