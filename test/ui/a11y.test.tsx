/** Every reader (issue 14): H5's Taro buttons and pickers reachable and announced, dialogs readable, a title bar. */
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import { installA11y } from '~src/lib/a11y'
import { MODAL_COLORS, installModalColors } from '~src/lib/modal'
import TitleBar from '~src/components/TitleBar'
import { settle } from './helpers'

describe('installA11y (H5)', () => {
  let stop: () => void
  beforeEach(() => {
    document.body.innerHTML = ''
    stop = installA11y()
  })
  afterEach(() => stop())

  const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

  it('gives every Taro button a role and a tab stop, and takes the tab stop away while disabled', async () => {
    document.body.innerHTML = '<div><taro-button-core disabled="false">接单</taro-button-core><taro-button-core disabled="">提交</taro-button-core></div>'
    await flush()
    const [on, off] = Array.from(document.querySelectorAll('taro-button-core'))
    expect(on.getAttribute('role')).toBe('button')
    expect(on.getAttribute('tabindex')).toBe('0')
    expect(on.hasAttribute('aria-disabled')).toBe(false)
    expect(off.getAttribute('aria-disabled')).toBe('true')
    expect(off.getAttribute('tabindex')).toBe('-1')
    off.setAttribute('disabled', 'false')
    await flush()
    expect(off.hasAttribute('aria-disabled')).toBe(false)
    expect(off.getAttribute('tabindex')).toBe('0')
  })

  it('gives a page element with an interactive role a tab stop; Enter and Space tap it', async () => {
    const card = document.createElement('taro-view-core')
    card.setAttribute('role', 'button')
    const tapped = jest.fn()
    card.addEventListener('click', tapped)
    document.body.appendChild(card)
    await flush()
    expect(card.getAttribute('tabindex')).toBe('0')
    card.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    card.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))
    card.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }))
    expect(tapped).toHaveBeenCalledTimes(2)
  })

  it('opens a Picker from the keyboard, as a tap on what it wraps', async () => {
    document.body.innerHTML = '<taro-picker-core><taro-view-core>选择日期</taro-view-core></taro-picker-core>'
    await flush()
    const picker = document.querySelector('taro-picker-core')!
    expect(picker.getAttribute('role')).toBe('button')
    expect(picker.getAttribute('aria-haspopup')).toBe('dialog')
    const tapped = jest.fn()
    picker.firstElementChild!.addEventListener('click', tapped)
    picker.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    expect(tapped).toHaveBeenCalledTimes(1)
  })
})

describe('installModalColors', () => {
  it('paints every dialog’s buttons in readable colours unless the call says otherwise', async () => {
    const show = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    installModalColors()
    await Taro.showModal({ title: '确定取消这一单？' })
    expect(show).toHaveBeenLastCalledWith({ ...MODAL_COLORS, title: '确定取消这一单？' })
    expect(MODAL_COLORS.confirmColor).toBe('#C8102E')
    show.mockRestore()
  })
})

describe('TitleBar (H5)', () => {
  it('shows the page title the router set, as a heading, and follows a change of it', async () => {
    document.title = '我的点单'
    const testUtils = new TestUtils()
    await testUtils.mount(TitleBar)
    await settle()
    const heading = document.querySelector('[role="heading"]')!
    expect(heading.textContent).toBe('我的点单')
    document.title = '代人点单'
    await settle()
    expect(document.querySelector('[role="heading"]')!.textContent).toBe('代人点单')
    testUtils.unmout()
  })
})
