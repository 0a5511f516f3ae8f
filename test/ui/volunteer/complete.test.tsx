import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Complete from '~src/packages/volunteer/pages/complete/index'
import * as order from '~src/services/order'
import * as photoService from '~src/services/photos'
import { ApiCallError } from '~src/services/transport'
import { tasksStore } from '~src/stores/volunteer'
import { act, fireEvent } from '@tarojs/test-utils-react/dist/pure'
import { clickText, findField, screenText, settle, showPage, typeInto, waitForText } from '../helpers'
import { answer, item } from '~test/support/order-fixture'
import { anOrder, button, claimOf } from './fixtures'

jest.mock('~src/services/order')
jest.mock('~src/services/photos')
const mockedOrder = jest.mocked(order)
const mockedPhotos = jest.mocked(photoService)
const picked = (n: number) => Array.from({ length: n }, (_, i) => ({ preview: `blob:photo-${i + 1}`, source: `tmp-${i + 1}` }))
const uploaded = (id: string) => ({ id, path: `orders/o-1/${id}.jpg`, check: 'unchecked' as const, visibility: 'private' as const })

// one volunteer for one place: completing asks nothing (short of volunteers: see the tests at the end)
const claimed = anOrder({ status: 'claimed', capacity: 1, beneficiaryCount: 3, claims: [claimOf('v-1', '张志强')], contactVisible: true })
const completed = { ...claimed, status: 'completed' as const }

let testUtils: TestUtils
const spies: jest.SpyInstance[] = []
let showToast: jest.SpyInstance
let redirectTo: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  tasksStore.getState().reset()
  spies.push(
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as any),
    (showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })),
    (redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })),
  )
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  spies.splice(0).forEach((s) => s.mockRestore())
})

async function mountComplete() {
  await testUtils.mount(Complete)
  await showPage()
}

async function ready() {
  mockedOrder.get.mockResolvedValue(answer(claimed, ['complete', 'unclaim']))
  await mountComplete()
  await waitForText('服务时长（小时）')
}

describe('完成服务', () => {
  it('shows a loading state while the order loads', async () => {
    mockedOrder.get.mockReturnValue(new Promise(() => {}))
    await mountComplete()
    expect(screenText()).toContain('加载中…')
    expect(mockedOrder.get).toHaveBeenCalledWith('o-1')
  })

  it('shows the error and tries again on 重试', async () => {
    mockedOrder.get
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(answer(claimed, ['complete']))
    await mountComplete()
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('服务时长（小时）')
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
  })

  it('an order that can no longer be completed shows no form', async () => {
    mockedOrder.get.mockResolvedValue(answer(completed, []))
    await mountComplete()
    await waitForText('这一单现在不能提交完成（待评单）')
    expect(() => button('提交完成')).toThrow()
    await clickText('查看任务详情')
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/task/index?id=o-1' })
  })

  it('defaults: 1 hour, the order’s people served; submits and goes back to the task', async () => {
    tasksStore.setState({ status: 'ready', items: [item(claimed, ['complete', 'unclaim'])] })
    mockedOrder.complete.mockResolvedValue(answer(completed))
    await ready()
    expect(document.querySelector('.complete__hours')?.textContent).toBe('1')
    await clickText('提交完成')
    expect(mockedOrder.complete).toHaveBeenCalledWith({
      orderId: 'o-1',
      hours: 1,
      beneficiaryCount: 3,
      visits: 3,
      place: '滩尾村',
      photos: [],
      note: '',
      requestId: expect.any(String),
    })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，等待群众评单' }))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/task/index?id=o-1' })
    expect(tasksStore.getState().items[0]).toEqual(item(completed))
  })

  it('the stepper moves by half an hour between 0.5 and 24; the form sends what was entered', async () => {
    mockedOrder.complete.mockResolvedValue(answer(completed))
    await ready()
    await clickText('−')
    await clickText('−')
    expect(button('−').getAttribute('disabled')).not.toBe('false')
    expect(document.querySelector('.complete__hours')?.textContent).toBe('0.5')
    for (let i = 0; i < 5; i++) await clickText('+')
    await typeInto('这次实际服务了多少人', '12')
    await typeInto('做了什么', '量了血压，血压偏高，已提醒按时吃药')
    expect(screenText()).toContain('17/200')
    await clickText('提交完成')
    expect(mockedOrder.complete).toHaveBeenCalledWith({
      orderId: 'o-1',
      hours: 3,
      beneficiaryCount: 12,
      visits: 12,
      place: '滩尾村',
      photos: [],
      note: '量了血压，血压偏高，已提醒按时吃药',
      requestId: expect.any(String),
    })
  })

  it('the stepper stops at 24 hours', async () => {
    await ready()
    for (let i = 0; i < 47; i++) await clickText('+')
    expect(document.querySelector('.complete__hours')?.textContent).toBe('24')
    expect(button('+').getAttribute('disabled')).not.toBe('false')
  })

  it('validates with the schema and shows the first message in Chinese', async () => {
    await ready()
    await typeInto('这次实际服务了多少人', '')
    await clickText('提交完成')
    expect(screenText()).toContain('请填写实际服务人数')
    await typeInto('这次实际服务了多少人', '0')
    await clickText('提交完成')
    expect(screenText()).toContain('实际服务人数不能少于1')
    await typeInto('这次实际服务了多少人', '1.5')
    await clickText('提交完成')
    expect(screenText()).toContain('实际服务人数应为整数')
    await typeInto('这次实际服务了多少人', '5')
    await typeInto('服务了多少人次', '4')
    await clickText('提交完成')
    expect(screenText()).toContain('服务人次不能少于实际服务人数')
    await typeInto('服务了多少人次', '6')
    await typeInto('在哪里服务的', '')
    await clickText('提交完成')
    expect(screenText()).toContain('请填写服务地点')
    expect(mockedOrder.complete).not.toHaveBeenCalled()
  })

  it('shows the API’s refusal, and a retry re-sends the same requestId', async () => {
    mockedOrder.complete
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(answer(completed))
    await ready()
    await clickText('提交完成')
    await waitForText('网络不给力，请检查网络后重试')
    expect(redirectTo).not.toHaveBeenCalled()
    // issue 14: after a lost reply the button offers 重试
    await clickText('重试')
    const [first, second] = mockedOrder.complete.mock.calls.map(([input]) => input.requestId)
    expect(first).toBeTruthy()
    expect(second).toBe(first)
    expect(redirectTo).toHaveBeenCalledTimes(1)
  })

  it('labels tell the requested head count (服务人数) from the reported ones (实际服务人数, 服务人次); 服务地点 starts from the village', async () => {
    await ready()
    const text = screenText()
    expect(text).toContain('实际服务人数')
    expect(text).toContain('群众申请的服务人数：3人')
    expect(text).toContain('服务人次')
    expect(text).toContain('服务地点')
    expect((await findField('在哪里服务的')).value).toBe('滩尾村')
    // 服务人次 follows 实际服务人数 until it is typed
    await typeInto('这次实际服务了多少人', '7')
    expect((await findField('服务了多少人次')).value).toBe('7')
    expect(screenText()).toContain('添加照片（0/9）')
  })

  it('photos: each uploads on its own with progress; a failed one is retried, one is removed; the completion names the uploaded ones', async () => {
    mockedPhotos.pickPhotos.mockResolvedValueOnce(picked(3))
    let n = 0
    mockedPhotos.newPhotoRequestId.mockImplementation(() => `req-${++n}`)
    let finishFirst: (v: ReturnType<typeof uploaded>) => void = () => {}
    mockedPhotos.uploadPhoto
      .mockImplementationOnce((_o, _p, _r, onProgress) => {
        onProgress(40)
        return new Promise((resolve) => (finishFirst = resolve))
      })
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '照片上传失败，请检查网络后重试'))
      .mockResolvedValueOnce(uploaded('f_3'))
      .mockResolvedValueOnce(uploaded('f_2'))
    mockedOrder.complete.mockResolvedValue(answer(completed))
    await ready()
    await clickText('添加照片（0/9）')
    expect(mockedPhotos.pickPhotos).toHaveBeenCalledWith(9)
    expect(document.querySelectorAll('.photos__thumb')).toHaveLength(3)
    expect(screenText()).toContain('上传中 40%')
    expect(screenText()).toContain('照片上传失败，请检查网络后重试')

    // still uploading, and one failed: the completion waits
    await clickText('提交完成')
    expect(screenText()).toContain('照片还在上传，请稍候再提交')
    await act(async () => finishFirst(uploaded('f_1')))
    await settle()
    await clickText('提交完成')
    expect(screenText()).toContain('有照片上传失败')
    expect(mockedOrder.complete).not.toHaveBeenCalled()

    await clickText('重试')
    expect(mockedPhotos.uploadPhoto).toHaveBeenCalledTimes(4)
    // the retry sends the second photo again under its own requestId
    expect(mockedPhotos.uploadPhoto.mock.calls[1].slice(0, 3)).toEqual(['o-1', picked(3)[1], 'req-2'])
    expect(mockedPhotos.uploadPhoto.mock.calls[3].slice(0, 3)).toEqual(['o-1', picked(3)[1], 'req-2'])
    const removeThird = document.querySelectorAll('.photos__remove')[2]
    expect(removeThird.getAttribute('aria-label')).toBe('删除第3张照片')
    await act(async () => {
      fireEvent(removeThird, new MouseEvent('click', { bubbles: true, cancelable: true }))
    })
    await settle()
    expect(document.querySelectorAll('.photos__thumb')).toHaveLength(2)
    expect(screenText()).toContain('添加照片（2/9）')

    await clickText('提交完成')
    expect(mockedOrder.complete).toHaveBeenCalledWith(expect.objectContaining({ photos: ['f_1', 'f_2'] }))
  })

  it('at most 9 photos: the picker is asked only for what is left, and stops at 9', async () => {
    mockedPhotos.pickPhotos.mockResolvedValueOnce(picked(7)).mockResolvedValueOnce(picked(5))
    mockedPhotos.uploadPhoto.mockImplementation(async (_o, p) => uploaded(`f_${(p.source as string).slice(4)}`))
    await ready()
    await clickText('添加照片（0/9）')
    await clickText('添加照片（7/9）')
    expect(mockedPhotos.pickPhotos).toHaveBeenLastCalledWith(2)
    expect(document.querySelectorAll('.photos__thumb')).toHaveLength(9)
    expect(screenText()).toContain('已选9张')
    expect(button('已选9张').getAttribute('disabled')).not.toBe('false')
  })

  describe('an order needing 2 volunteers completed by 1', () => {
    const short = { ...claimed, capacity: 2 }
    let showModal: jest.SpyInstance
    const readyShort = async (confirm: boolean) => {
      showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })
      spies.push(showModal)
      mockedOrder.get.mockResolvedValue(answer(short, ['complete']))
      await mountComplete()
      await waitForText('服务时长（小时）')
    }

    it('asks first, saying how many were needed and how many came; 确定完成 sends it', async () => {
      await readyShort(true)
      mockedOrder.complete.mockResolvedValue(answer({ ...short, status: 'completed' }))
      await clickText('提交完成')
      expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '人数不足，确定完成？', content: expect.stringContaining('需2名志愿者，实际1人完成') }))
      expect(mockedOrder.complete).toHaveBeenCalledTimes(1)
    })

    it('再等等 sends nothing', async () => {
      await readyShort(false)
      await clickText('提交完成')
      expect(showModal).toHaveBeenCalledTimes(1)
      expect(mockedOrder.complete).not.toHaveBeenCalled()
    })
  })

  it('labels the people served as the reported count (实际服务人数), apart from the ordered head count', async () => {
    await ready()
    expect(screenText()).toContain('实际服务人数')
    expect(screenText()).toContain('群众申请的服务人数')
  })
})
