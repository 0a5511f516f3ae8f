/** Data and small page helpers shared by the resident page tests. */
import { act } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import type { OrderItem, OrderView } from '~types/api'
import type { MenuItem, Profile, Theme } from '~types/domain'
import { useResidentOrders } from '~src/stores/resident'
import { useSession } from '~src/stores/session'
import { item, orderView } from '~test/support/order-fixture'
import { getByText, settle } from '../helpers'

export const profile: Profile = {
  id: 'u-1',
  openid: 'demo-resident',
  name: '王大爷',
  phone: '13800001111',
  roles: ['resident'],
  orgUnitId: 'st-1',
  managedUnitId: null,
  teamIds: [],
}

export const themes: Theme[] = [
  { id: 'th-health', name: '卫生健康', seedNamed: true, sort: 2 },
  { id: 'th-culture', name: '文化文艺', seedNamed: true, sort: 1 },
  { id: 'th-empty', name: '科学普及', seedNamed: false, sort: 3 },
]

export const menuItems: MenuItem[] = [
  { id: 'm-1', title: '上门义诊', description: '量血压、测血糖', themeId: 'th-health', orgUnitId: 'st-1', points: 10, active: true },
  { id: 'm-2', title: '送戏下乡', description: '秦腔演出', themeId: 'th-culture', orgUnitId: 'in-1', points: 20, active: true },
  { id: 'm-3', title: '义务理发', description: '为老人理发', themeId: 'th-health', orgUnitId: 'c-1', points: 5, active: true },
]

/** 王大爷's order at his station 东关村 (st-1), placed on 5 January. */
export function makeOrder(patch: Partial<OrderView> = {}): OrderView {
  return orderView({
    title: '上门义诊',
    need: '老伴血压高，想请医生来看看',
    themeId: 'th-health',
    phone: '13800001111',
    address: '东关村3组12号',
    ownerId: 'u-1',
    unitPath: ['c-1', 'in-1', 'st-1'],
    createdAt: '2026-01-05T02:00:00.000Z',
    ...patch,
  })
}

/** The order as 我的点单 lists it. */
export function makeItem(patch: Partial<OrderView> = {}): OrderItem {
  return item(makeOrder(patch))
}

/** Every test starts signed in as 王大爷 with an empty 我的点单, on a page with these query params. */
export function resetResident(params: Record<string, string> = {}) {
  useResidentOrders.getState().reset()
  useSession.getState().logout()
  useSession.setState({ status: 'ready', profile })
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params } } as never)
  return {
    navigateTo: jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' }),
    redirectTo: jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' }),
    showToast: jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' }),
    showModal: jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' }),
    setTitle: jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' }),
  }
}

/** The page's own text, without the pickers' pop-up layers that Taro H5 appends to the body. */
export function pageText(): string {
  return document.querySelector('.screen')?.textContent ?? ''
}

/** Choose `value` in the page's Picker of this mode, as its 确定 would. */
export async function pick(mode: 'selector' | 'date' | 'time', value: string | number): Promise<void> {
  const picker = document.querySelector(`taro-picker-core[mode="${mode}"]`)
  if (!picker) throw new Error(`no ${mode} picker`)
  await act(async () => {
    picker.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }))
  })
  await settle()
}

/** Click an element found by CSS selector (stars, tags). */
export async function clickEl(selector: string, n = 0): Promise<void> {
  const el = document.querySelectorAll(selector)[n]
  if (!el) throw new Error(`no element ${selector} #${n}`)
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
  await settle()
}

/** Two taps on the same text in one go, before the page can re-render in between. */
export async function doubleTap(text: string): Promise<void> {
  const el = getByText(text)
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
  await settle()
}
