import TestUtils from '@tarojs/test-utils-react'
import { act } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import GoodsAdmin from '~src/packages/mall/pages/goods/index'
import * as catalog from '~src/services/catalog'
import * as mall from '~src/services/mall'
import * as photos from '~src/services/photos'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, typeInto, waitForText } from '../helpers'
import { managerProfile, tree } from '../manager/fixtures'
import { goods } from './fixtures'

jest.mock('~src/services/mall')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
jest.mock('~src/services/photos', () => ({ ...jest.requireActual('~src/services/photos'), pickPhotos: jest.fn(), uploadGoodsPicture: jest.fn() }))
const mockedPhotos = jest.mocked(photos)
const mocked = jest.mocked(mall)

async function setSwitch(value: boolean) {
  await act(async () => {
    document.querySelector('taro-switch-core')!.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }))
  })
  await settle()
}

let testUtils: TestUtils
let showModal: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as any)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

describe('商品管理', () => {
  it('lists the unit’s goods on and off the shelf, with points, stock and limit', async () => {
    mocked.goods.mockResolvedValue({ items: [goods(), goods({ id: 'g-2', name: '毛巾', active: false, perPersonMonthly: null })], balance: 0 })
    await testUtils.mount(GoodsAdmin)
    await waitForText('洗衣液')
    expect(mocked.goods).toHaveBeenCalledWith({ unitId: 'unit-suxi', includeInactive: true })
    const text = screenText()
    expect(text).toContain('30积分库存3件每人每月限兑2件')
    expect(text).toContain('已下架')
  })

  it('says so when the shelf is empty, shows errors with 重试, and refuses someone who manages no unit', async () => {
    mocked.goods.mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '只能维护本单位及下级单位的积分超市')).mockResolvedValueOnce({ items: [], balance: 0 })
    await testUtils.mount(GoodsAdmin)
    await waitForText('只能维护本单位及下级单位的积分超市')
    await clickText('重试')
    await waitForText('本单位的积分超市还没有商品')
  })

  it('refuses someone who manages no unit', async () => {
    jest.mocked(user).login.mockResolvedValue({ user: { ...managerProfile, managedUnitId: null } })
    await testUtils.mount(GoodsAdmin)
    await waitForText('您还没有管理的单位，请联系中心管理员授权')
    expect(mocked.goods).not.toHaveBeenCalled()
  })

  it('adds goods: the schema’s first message, then the payload with the unit, no limit when left empty, and a requestId', async () => {
    mocked.goods.mockResolvedValue({ items: [], balance: 0 })
    mocked.upsertGoods.mockResolvedValue({ goods: goods({ id: 'g-9', name: '大米', points: 200, stock: 5, perPersonMonthly: null, pickup: '所一楼' }) })
    await testUtils.mount(GoodsAdmin)
    await waitForText('上架新商品')
    await clickText('上架新商品')
    await clickText('保存')
    await waitForText('请填写商品名称')
    await typeInto('洗衣液（2公斤）', '大米')
    await typeInto('所需的积分', '200')
    await typeInto('可兑换的数量', '5')
    await typeInto('工作日9:00', '所一楼')
    await clickText('保存')
    await settle()
    expect(mocked.upsertGoods).toHaveBeenCalledWith({ name: '大米', points: 200, stock: 5, perPersonMonthly: null, pickup: '所一楼', active: true, orgUnitId: 'unit-suxi', requestId: expect.any(String) })
    await waitForText('大米')
    expect(screenText()).toContain('库存5件')
  })

  it('taking goods off the shelf asks first', async () => {
    mocked.goods.mockResolvedValue({ items: [goods()], balance: 0 })
    mocked.upsertGoods.mockResolvedValue({ goods: goods({ active: false }) })
    await testUtils.mount(GoodsAdmin)
    await waitForText('洗衣液')
    await clickText('洗衣液')
    await setSwitch(false)
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await clickText('保存')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '下架商品' }))
    expect(mocked.upsertGoods).not.toHaveBeenCalled()
    await clickText('保存')
    await settle()
    expect(mocked.upsertGoods).toHaveBeenCalledWith(expect.objectContaining({ id: 'g-1', active: false, perPersonMonthly: 2 }))
    await waitForText('已下架')
  })

  it('a picture: chosen, uploaded at once as the unit’s goods picture, and named in the save; a failed upload says why', async () => {
    mocked.goods.mockResolvedValue({ items: [], balance: 0 })
    mocked.upsertGoods.mockResolvedValue({ goods: goods({ id: 'g-9', pictureId: 'f_pic', pictureSrc: '/api/files/f_pic' }) })
    const picked = { preview: 'blob:picked-1', source: 'picked-file' }
    mockedPhotos.pickPhotos.mockResolvedValue([picked])
    mockedPhotos.uploadGoodsPicture.mockRejectedValueOnce(new ApiCallError('INVALID_INPUT', '只能上传JPG、PNG或WebP格式的图片'))
    mockedPhotos.uploadGoodsPicture.mockResolvedValueOnce({ id: 'f_pic', path: 'goods/unit-suxi/x.jpg', check: 'unchecked', visibility: 'private' })
    await testUtils.mount(GoodsAdmin)
    await waitForText('上架新商品')
    await clickText('上架新商品')
    expect(screenText()).toContain('商品图片（选填）')
    await clickText('选择图片')
    await waitForText('只能上传JPG、PNG或WebP格式的图片')
    expect(mockedPhotos.pickPhotos).toHaveBeenCalledWith(1)
    await clickText('选择图片')
    await settle()
    expect(mockedPhotos.uploadGoodsPicture).toHaveBeenLastCalledWith('unit-suxi', picked, expect.any(String))
    expect(document.querySelector('[aria-label="商品图片"] .mall__picture')?.getAttribute('src')).toBe('blob:picked-1')
    await typeInto('洗衣液（2公斤）', '大米')
    await typeInto('所需的积分', '200')
    await typeInto('可兑换的数量', '5')
    await typeInto('工作日9:00', '所一楼')
    await clickText('保存')
    await settle()
    expect(mocked.upsertGoods).toHaveBeenCalledWith(expect.objectContaining({ name: '大米', pictureId: 'f_pic', orgUnitId: 'unit-suxi' }))
  })

  it('editing goods shows its picture; 移除图片 saves it without one', async () => {
    mocked.goods.mockResolvedValue({ items: [goods({ pictureId: 'f_old', pictureSrc: 'cloud://env/goods/unit-tanwei/a.jpg' })], balance: 0 })
    mocked.upsertGoods.mockResolvedValue({ goods: goods({ pictureId: null, pictureSrc: null }) })
    await testUtils.mount(GoodsAdmin)
    await waitForText('洗衣液')
    await clickText('洗衣液')
    expect(document.querySelector('[aria-label="商品图片"] .mall__picture')?.getAttribute('src')).toBe('cloud://env/goods/unit-tanwei/a.jpg')
    expect(screenText()).toContain('换一张')
    await clickText('移除图片')
    expect(document.querySelector('[aria-label="商品图片"]')).toBeNull()
    await clickText('保存')
    await settle()
    expect(mocked.upsertGoods).toHaveBeenCalledWith(expect.objectContaining({ id: 'g-1', pictureId: null }))
  })
})
