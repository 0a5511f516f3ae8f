import {
  certificatePeriod,
  chinaDate,
  creditedServices,
  fingerprintOf,
  formatSerial,
  maskName,
  planIssue,
  serialPrefix,
  serviceRecords,
  serviceTotals,
  shortUnitName,
  unitCode,
} from '~core/certificates'
import type { Certificate, CertificateService, OrgUnit, ServiceRecord } from '~types'
import { servedOrder } from '~test/support/service-fixture'

describe('names and serials', () => {
  test.each([
    ['张护士', '张**'],
    ['李明', '李*'],
    ['王', '王*'],
    ['欧阳娜娜', '欧***'],
    ['𠮷野家', '𠮷**'],
    ['  ', '*'],
  ])('maskName(%s) = %s', (name, masked) => expect(maskName(name)).toBe(masked))

  test.each([
    ['unit-center', 'CENTER'],
    ['unit-suxi', 'SUXI'],
    ['c', 'C'],
    ['县中心', 'UNIT'],
    ['unit-a-very-long-unit-name-here', 'AVERYLONGUNI'],
  ])('unitCode(%s) = %s', (id, code) => expect(unitCode(id)).toBe(code))

  test('a serial: the prefix names the unit and the China-time year of issue; 6 digits, more when needed', () => {
    expect(serialPrefix('unit-center', '2026-12-31T15:59:59.000Z')).toBe('ZY-CENTER-2026')
    expect(serialPrefix('unit-center', '2026-12-31T16:00:00.000Z')).toBe('ZY-CENTER-2027')
    expect(formatSerial('ZY-CENTER-2026', 1)).toBe('ZY-CENTER-2026-000001')
    expect(formatSerial('ZY-CENTER-2026', 1234567)).toBe('ZY-CENTER-2026-1234567')
  })

  test.each([
    ['滩尾村新时代文明实践站', '滩尾村'],
    ['苏溪镇新时代文明实践所', '苏溪镇'],
    ['禾溪县新时代文明实践中心', '禾溪县'],
    ['果园社区', '果园社区'],
  ])('shortUnitName(%s) = %s', (name, short) => expect(shortUnitName(name)).toBe(short))
})

const record = (date: string, status: ServiceRecord['status'], hours = 2): ServiceRecord => ({
  orderId: `o-${date}`,
  date,
  content: '义诊',
  place: '村',
  organizer: '站',
  reported: hours,
  credited: status === 'verified' || status === 'approved' ? hours : 0,
  status,
})

describe('periods and credited services', () => {
  const records = [record('2026-01-05', 'pending'), record('2026-02-01', 'verified'), record('2026-02-10', 'approved', 1.5), record('2026-02-11', 'rejected')]
  const issuedAt = '2026-03-01T20:00:00.000Z' // 3月2日 in China

  test.each([
    [{}, { from: '2026-02-01', to: '2026-03-02' }],
    [{ from: '2026-01-01' }, { from: '2026-01-01', to: '2026-03-02' }],
    [{ to: '2026-02-05' }, { from: '2026-02-01', to: '2026-02-05' }],
    [{ from: '2026-02-01', to: '2027-01-01' }, { from: '2026-02-01', to: '2026-03-02' }],
  ])('certificatePeriod(%j) = %j', (asked, period) => expect(certificatePeriod(asked, records, issuedAt)).toEqual(period))

  test('no credited service: the period is the issue day', () => {
    expect(certificatePeriod({}, [record('2026-01-05', 'pending')], issuedAt)).toEqual({ from: '2026-03-02', to: '2026-03-02' })
  })

  test('only verified and approved hours within the days, both ends included', () => {
    expect(creditedServices(records, '2026-02-01', '2026-02-10').map((s) => [s.date, s.hours, s.kind])).toEqual([
      ['2026-02-01', 2, 'verified'],
      ['2026-02-10', 1.5, 'approved'],
    ])
    expect(creditedServices(records, '2026-02-02', '2026-02-09')).toEqual([])
    expect(serviceTotals(records)).toEqual({ services: 4, credited: 3.5, verified: 2, approved: 1.5, pending: 2, rejected: 2 })
  })

  test('serviceRecords: served orders the volunteer claimed, oldest first, the place from the activity record or the village; no hours status counts nothing', () => {
    const v = { id: 'v-1', name: '张' }
    const units = new Map<string, OrgUnit>([['unit-tanwei', { id: 'unit-tanwei', name: '滩尾村新时代文明实践站', level: 'station', parentId: 'unit-suxi', path: [] }]])
    const later = servedOrder({ id: 'o-2', volunteer: v, at: '2026-02-02T00:00:00.000Z', hours: 1, status: 'verified', place: '文化礼堂' })
    const earlier = servedOrder({ id: 'o-1', volunteer: v, at: '2026-02-01T00:00:00.000Z', hours: 2, status: 'approved' })
    const old = { ...servedOrder({ id: 'o-0', volunteer: v, at: '2026-01-01T00:00:00.000Z', hours: 3, status: 'verified' }) }
    old.claims = old.claims.map((c) => ({ ...c, hours: null }))
    const notServed = { ...servedOrder({ id: 'o-x', volunteer: v, at: '2026-02-03T00:00:00.000Z', hours: 1, status: 'verified' }), status: 'claimed' as const }
    const someoneElse = servedOrder({ id: 'o-y', volunteer: { id: 'v-2', name: '李' }, at: '2026-02-03T00:00:00.000Z', hours: 1, status: 'verified' })
    const out = serviceRecords([later, earlier, old, notServed, someoneElse], 'v-1', units)
    expect(out.map((r) => [r.orderId, r.place, r.reported, r.credited, r.status])).toEqual([
      ['o-0', '滩尾村', 3, 0, null],
      ['o-1', '滩尾村', 2, 2, 'approved'],
      ['o-2', '文化礼堂', 1, 1, 'verified'],
    ])
  })
})

describe('planIssue: reuse, supersede, keep', () => {
  const svc = (orderId: string, date: string, hours = 2): CertificateService => ({ orderId, date, content: '', place: '', organizer: '', hours, kind: 'verified' })
  const cert = (serial: string, from: string, to: string, services: CertificateService[]): Certificate => ({
    serial,
    volunteerId: 'v',
    name: '张',
    phoneMasked: '',
    from,
    to,
    services,
    hours: 0,
    issuerUnitId: 'c',
    issuer: '中心',
    issuedAt: '2026-03-01T00:00:00.000Z',
    fingerprint: fingerprintOf(services),
    fileRef: `${serial}.pdf`,
    status: 'valid',
  })
  const draft = (from: string, to: string, services: CertificateService[]) => {
    const { serial: _s, fileRef: _f, status: _st, ...rest } = cert('new', from, to, services)
    return rest
  }
  const jan = cert('A', '2026-01-01', '2026-01-31', [svc('o1', '2026-01-05'), svc('o2', '2026-01-20')])
  const lateJan = cert('B', '2026-01-15', '2026-01-31', [svc('o2', '2026-01-20')])
  const feb = cert('C', '2026-02-01', '2026-02-28', [svc('o3', '2026-02-03')])

  test.each<[string, ReturnType<typeof draft>, ReturnType<typeof planIssue>]>([
    ['the same period and record: reuse', draft('2026-01-01', '2026-01-31', jan.services), { reuse: jan }],
    ['the same record over a longer period: nothing superseded', draft('2026-01-01', '2026-02-28', [...jan.services, ...feb.services]), { supersede: [] }],
    ['hours of 1月5日 corrected: January superseded, late January and February kept', draft('2026-01-01', '2026-01-10', [svc('o1', '2026-01-05', 3)]), { supersede: ['A'] }],
    ['a service added on 1月25日: both January certificates superseded', draft('2026-01-20', '2026-01-31', [svc('o2', '2026-01-20'), svc('o4', '2026-01-25')]), { supersede: ['A', 'B'] }],
    ['a disjoint period: nothing superseded', draft('2026-03-01', '2026-03-31', [svc('o5', '2026-03-02')]), { supersede: [] }],
  ])('%s', (_label, d, plan) => expect(planIssue(d, [jan, lateJan, feb])).toEqual(plan))

  test('chinaDate counts days in China time', () => {
    expect(chinaDate('2026-02-28T16:00:00.000Z')).toBe('2026-03-01')
    expect(chinaDate('2026-02-28T15:59:59.999Z')).toBe('2026-02-28')
  })
})
