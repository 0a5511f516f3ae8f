import TestUtils from '@tarojs/test-utils-react'
import Records from '~src/packages/volunteer/pages/records/index'
import * as certificate from '~src/services/certificate'
import * as points from '~src/services/points'
import { ApiCallError } from '~src/services/transport'
import type { CertificateAnswer, ServiceRecord } from '~types/certificates'
import { clickText, screenText, showPage, waitForText } from '../helpers'

jest.mock('~src/services/points')
jest.mock('~src/services/certificate')
const mockedPoints = jest.mocked(points)
const mockedCert = jest.mocked(certificate)

const service = (over: Partial<ServiceRecord>): ServiceRecord => ({
  orderId: 'o-1',
  date: '2026-02-10',
  content: '健康义诊',
  place: '滩尾村',
  organizer: '滩尾村新时代文明实践站',
  reported: 2,
  credited: 2,
  status: 'verified',
  ...over,
})

const RECORDS = {
  services: [
    service({ orderId: 'o-4', content: '法律咨询', reported: 4, credited: 0, status: 'rejected', reason: '未到场' }),
    service({ orderId: 'o-3', content: '入户探访', reported: 3, credited: 0, status: 'pending' }),
    service({ orderId: 'o-2', content: '慢病随访', reported: 1.5, credited: 1.5, status: 'approved' }),
    service({ orderId: 'o-1' }),
  ],
  totals: { services: 4, credited: 3.5, verified: 2, approved: 1.5, pending: 3, rejected: 4 },
  certificates: [{ serial: 'ZY-CENTER-2026-000001', from: '2026-01-01', to: '2026-02-01', hours: 2, issuedAt: '2026-02-01T02:00:00.000Z', status: 'superseded' as const, supersededBy: 'ZY-CENTER-2026-000002' }],
}

const ANSWER: CertificateAnswer = {
  serial: 'ZY-CENTER-2026-000002',
  url: '/api/certificates/ZY-CENTER-2026-000002',
  verifyUrl: 'http://127.0.0.1:3000/#/packages/public/pages/verify/index?serial=ZY-CENTER-2026-000002',
  hours: 3.5,
  services: [],
  from: '2026-01-01',
  to: '2026-03-02',
  status: 'valid',
  created: true,
  superseded: [],
}

let testUtils: TestUtils
beforeEach(() => {
  jest.resetAllMocks()
  mockedPoints.serviceRecords.mockResolvedValue(RECORDS)
  mockedCert.open.mockResolvedValue()
  testUtils = new TestUtils()
})
afterEach(() => testUtils.unmout())

async function mountRecords() {
  await testUtils.mount(Records)
  await showPage()
}

describe('我的服务记录', () => {
  it('shows a loading state, then every service with its hours and their status, and the totals', async () => {
    let resolve: (v: typeof RECORDS) => void = () => {}
    mockedPoints.serviceRecords.mockReturnValue(new Promise((r) => (resolve = r)))
    await mountRecords()
    expect(screenText()).toContain('加载中…')
    resolve(RECORDS)
    await waitForText('法律咨询')
    const text = screenText()
    expect(text).toContain('3.5认定时长(小时)')
    expect(text).toContain('2信用时长')
    expect(text).toContain('1.5补录')
    expect(text).toContain('3待核实')
    for (const label of ['信用时长', '补录', '待核实', '不予认定']) expect(text).toContain(label)
    expect(text).toContain('说明：未到场')
    expect(text).toContain('服务记录（4次）')
    expect(text).toContain('ZY-CENTER-2026-000001')
    expect(text).toContain('已被新证明替代')
  })

  it('with no services says so', async () => {
    mockedPoints.serviceRecords.mockResolvedValue({ services: [], totals: { services: 0, credited: 0, verified: 0, approved: 0, pending: 0, rejected: 0 }, certificates: [] })
    await mountRecords()
    await waitForText('还没有服务记录，完成服务后会记在这里')
  })

  it('开具志愿服务证明 issues for the picked period, says so while it works, then opens the PDF', async () => {
    let resolve: (v: CertificateAnswer) => void = () => {}
    mockedCert.issue.mockReturnValue(new Promise((r) => (resolve = r)))
    await mountRecords()
    await waitForText('法律咨询')
    await clickText('开具志愿服务证明')
    await waitForText('正在生成证明…')
    expect(mockedCert.issue).toHaveBeenCalledTimes(1)
    const input = mockedCert.issue.mock.calls[0][0]
    expect(input).toMatchObject({ from: expect.stringMatching(/^\d{4}-01-01$/), to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), requestId: expect.any(String) })
    resolve(ANSWER)
    await waitForText('证明编号 ZY-CENTER-2026-000002')
    expect(mockedCert.open).toHaveBeenCalledWith(ANSWER)
    expect(screenText()).toContain('下载证明（PDF）')
  })

  it('shows the server’s refusal and a failed load with 重试', async () => {
    mockedCert.issue.mockRejectedValue(new ApiCallError('NOT_FOUND', '所选期间没有已认定的服务时长（信用时长或补录），暂不能开具证明'))
    await mountRecords()
    await waitForText('法律咨询')
    await clickText('开具志愿服务证明')
    await waitForText('所选期间没有已认定的服务时长')
    expect(mockedCert.open).not.toHaveBeenCalled()

    testUtils.unmout()
    mockedPoints.serviceRecords.mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    testUtils = new TestUtils()
    await mountRecords()
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('法律咨询')
  })
})
