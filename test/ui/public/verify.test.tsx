import Taro from '@tarojs/taro'
import TestUtils from '@tarojs/test-utils-react'
import Verify from '~src/packages/public/pages/verify/index'
import * as certificate from '~src/services/certificate'
import { ApiCallError } from '~src/services/transport'
import type { CertificateVerification } from '~types/certificates'
import { clickText, screenText, typeInto, waitForText } from '../helpers'

jest.mock('~src/services/certificate')
const mockedCert = jest.mocked(certificate)

const RESULT: CertificateVerification = {
  serial: 'ZY-CENTER-2026-000001',
  name: '张**',
  hours: 3.5,
  services: [{ orderId: 'o-1', date: '2026-02-10', content: '健康义诊', place: '滩尾村', organizer: '滩尾村新时代文明实践站', hours: 2, kind: 'verified' }],
  from: '2026-01-01',
  to: '2026-03-02',
  issuer: '禾溪县新时代文明实践中心',
  issuedAt: '2026-03-02T01:00:00.000Z',
  status: 'valid',
}

let testUtils: TestUtils
const params = (p: Record<string, string>) => jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: p } } as never)

beforeEach(() => {
  jest.resetAllMocks()
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

describe('证明核验', () => {
  it('opened by the QR code, shows the verdict large with the hours, the masked name and the services', async () => {
    params({ serial: 'ZY-CENTER-2026-000001' })
    mockedCert.verify.mockResolvedValue(RESULT)
    await testUtils.mount(Verify)
    await waitForText('证明有效')
    expect(mockedCert.verify).toHaveBeenCalledWith('ZY-CENTER-2026-000001')
    const text = screenText()
    expect(text).toContain('志愿服务时长 3.5 小时')
    // the amount and its unit kept together on a narrow screen
    expect(document.querySelector('.verify__amount')?.textContent).toBe('3.5 小时')
    expect(text).toContain('张**')
    expect(text).toContain('出具单位：禾溪县新时代文明实践中心')
    expect(text).toContain('健康义诊')
    expect(text).toContain('信用时长')
  })

  it('says a revoked certificate is revoked, with the reason; a superseded one names its successor', async () => {
    params({ serial: 'ZY-CENTER-2026-000001' })
    mockedCert.verify.mockResolvedValue({ ...RESULT, status: 'revoked', revokeReason: '服务时长登记有误', revokedAt: '2026-03-03T00:00:00.000Z' })
    await testUtils.mount(Verify)
    await waitForText('证明已撤销')
    expect(screenText()).toContain('撤销原因：服务时长登记有误')
    testUtils.unmout()
    mockedCert.verify.mockResolvedValue({ ...RESULT, status: 'superseded', supersededBy: 'ZY-CENTER-2026-000002' })
    testUtils = new TestUtils()
    await testUtils.mount(Verify)
    await waitForText('证明已被替代')
    expect(screenText()).toContain('ZY-CENTER-2026-000002')
  })

  it('without a serial asks for one; an unknown serial shows the server’s words', async () => {
    params({})
    mockedCert.verify.mockRejectedValue(new ApiCallError('NOT_FOUND', '未找到该编号的志愿服务证明，请核对编号'))
    await testUtils.mount(Verify)
    expect(mockedCert.verify).not.toHaveBeenCalled()
    expect(screenText()).toContain('证明编号')
    await typeInto('如 ZY-CENTER-2026-000001', 'ZY-CENTER-2026-000404')
    await clickText('核验')
    await waitForText('未找到该编号的志愿服务证明，请核对编号')
    expect(mockedCert.verify).toHaveBeenCalledWith('ZY-CENTER-2026-000404')
  })
})
