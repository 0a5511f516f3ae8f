import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import CheckinCode from '~src/packages/checkin/pages/code/index'
import { secondsLeft } from '~src/packages/checkin/pages/code/countdown'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import { clickText, screenText, settle, waitForText } from '../helpers'

jest.mock('~src/services/order')
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils
let mounted = false
beforeEach(() => {
  jest.resetAllMocks()
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as any)
  testUtils = new TestUtils()
  mounted = false
})
afterEach(() => {
  if (mounted) testUtils.unmout()
  jest.restoreAllMocks()
})
const mount = async () => {
  mounted = true
  await testUtils.mount(CheckinCode)
}

const codeAnswer = (code: string, seconds = 30) => ({ code, expiresAt: new Date(Date.now() + seconds * 1000).toISOString(), periodSeconds: 30 })

describe('签到码 screen', () => {
  it('shows the six digits large, as a QR image, and the seconds until the next code', async () => {
    mockedOrder.checkinCode.mockResolvedValue(codeAnswer('482913', 25))
    await mount()
    await waitForText('482913')
    expect(mockedOrder.checkinCode).toHaveBeenCalledWith('o-1')
    expect(screenText()).toMatch(/2[45]秒后换新码/)
    expect(document.querySelector('[aria-label="签到码 4 8 2 9 1 3"]')).not.toBeNull()
    // named on its wrapper (role img), the picture itself hidden from readers: Taro's H5 <img> carries no alt
    const qr = document.querySelector('[role="img"][aria-label="签到二维码"] .checkin-code__qr')
    expect(qr?.getAttribute('src') ?? (qr as any)?.src).toMatch(/^data:image\/gif;base64,/)
    // filled into its square box: Taro's aspectFit centres the picture only vertically (off to the right in H5)
    expect(qr?.getAttribute('mode') ?? (qr as any)?.mode).toBe('scaleToFill')
    expect(screenText()).toContain('签到码每30秒更新一次')
  })

  it('fetches a new code when the countdown reaches 0', async () => {
    mockedOrder.checkinCode.mockResolvedValueOnce(codeAnswer('111111', 1)).mockResolvedValue(codeAnswer('222222', 30))
    await mount()
    await waitForText('111111')
    await waitForText('222222', 5000)
    expect(mockedOrder.checkinCode).toHaveBeenCalledTimes(2)
  })

  it('says why when the code may not be shown, and tries again on 重试', async () => {
    mockedOrder.checkinCode
      .mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '只有下单人、承办单位管理员和受派志愿服务队队长可以出示签到码'))
      .mockResolvedValue(codeAnswer('333333'))
    await mount()
    await waitForText('只有下单人、承办单位管理员和受派志愿服务队队长可以出示签到码')
    await clickText('重试')
    await settle()
    await waitForText('333333')
  })
})

describe('the countdown', () => {
  const t = Date.parse('2030-05-02T01:00:00.000Z')
  it.each([
    ['by the server’s expiry', { expiresAt: new Date(t + 20_000).toISOString(), periodSeconds: 30 }, t + 5_000, 15],
    ['a phone clock far off: the whole period from arrival', { expiresAt: new Date(t + 3_600_000).toISOString(), periodSeconds: 30 }, t + 5_000, 25],
    ['expired', { expiresAt: new Date(t + 2_000).toISOString(), periodSeconds: 30 }, t + 5_000, 0],
  ])('%s', (_label, answer, now, left) => {
    expect(secondsLeft(answer, t, now)).toBe(left)
  })
})
