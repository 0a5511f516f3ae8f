import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Menu from '~src/packages/resident/pages/menu/index'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import { clickText, pullDown, typeInto, waitForText } from '../helpers'
import { menuItems, pageText, resetResident, themes } from './fixtures'

jest.mock('~src/services/catalog')
const mockedCatalog = jest.mocked(catalog)

let testUtils: TestUtils
let spies: ReturnType<typeof resetResident>

function setup(params: Record<string, string> = {}) {
  spies = resetResident(params)
}

beforeEach(() => {
  jest.resetAllMocks()
  setup()
  mockedCatalog.menu.mockResolvedValue({ themes, items: menuItems })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

describe('resident menu page', () => {
  it('shows a loading state', async () => {
    mockedCatalog.menu.mockReturnValue(new Promise(() => {}))
    await testUtils.mount(Menu)
    expect(pageText()).toContain('加载中…')
  })

  it('groups the items by theme in the set order and hides empty themes', async () => {
    await testUtils.mount(Menu)
    await waitForText('上门义诊')
    const text = pageText()
    expect(text.indexOf('文化文艺')).toBeLessThan(text.indexOf('卫生健康'))
    expect(text.indexOf('送戏下乡')).toBeLessThan(text.indexOf('卫生健康'))
    expect(text.indexOf('卫生健康')).toBeLessThan(text.indexOf('上门义诊'))
    expect(text).toContain('量血压、测血糖')
    expect(text).toContain('义务理发')
    expect(text).not.toContain('科学普及')
    expect(text).toContain('没有合适的服务？直接说需求')
    expect(spies.setTitle).not.toHaveBeenCalled()
  })

  it('下拉刷新 loads the menu again and shows what changed', async () => {
    const stop = jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined as never)
    await testUtils.mount(Menu)
    await waitForText('上门义诊')
    mockedCatalog.menu.mockResolvedValue({ themes, items: menuItems.filter((i) => i.title !== '义务理发') })
    await pullDown()
    expect(mockedCatalog.menu).toHaveBeenCalledTimes(2)
    expect(pageText()).not.toContain('义务理发')
    expect(stop).toHaveBeenCalled()
  })

  it('filters by title and by description', async () => {
    await testUtils.mount(Menu)
    await waitForText('上门义诊')
    await typeInto('搜索服务', '血压')
    expect(pageText()).toContain('上门义诊')
    expect(pageText()).not.toContain('义务理发')
    expect(pageText()).not.toContain('文化文艺')

    await typeInto('搜索服务', '送戏')
    expect(pageText()).toContain('送戏下乡')
    expect(pageText()).not.toContain('上门义诊')

    await typeInto('搜索服务', '修电视')
    expect(pageText()).toContain('没有找到“修电视”相关的服务')
    expect(pageText()).toContain('没有合适的服务？直接说需求')
  })

  it('says so when the menu is empty and still offers to describe a need', async () => {
    mockedCatalog.menu.mockResolvedValue({ themes, items: [] })
    await testUtils.mount(Menu)
    await waitForText('这里还没有服务菜单')
    await clickText('没有合适的服务？直接说需求')
    expect(spies.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/place/index' })
  })

  it('shows the error and loads again on 重试', async () => {
    mockedCatalog.menu
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ themes, items: menuItems })
    await testUtils.mount(Menu)
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('上门义诊')
    expect(mockedCatalog.menu).toHaveBeenCalledTimes(2)
  })

  it('opens the 点单 form for a tapped item', async () => {
    await testUtils.mount(Menu)
    await waitForText('送戏下乡')
    await clickText('送戏下乡')
    expect(spies.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/place/index?menuItemId=m-2' })
  })

  it('代人点单: titled so, and keeps proxy=1 on the way to the form', async () => {
    setup({ proxy: '1' })
    await testUtils.mount(Menu)
    await waitForText('送戏下乡')
    expect(spies.setTitle).toHaveBeenCalledWith({ title: '代人点单' })
    await clickText('送戏下乡')
    expect(spies.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/place/index?menuItemId=m-2&proxy=1' })
    await clickText('没有合适的服务？直接说需求')
    expect(spies.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/resident/pages/place/index?proxy=1' })
  })
})
