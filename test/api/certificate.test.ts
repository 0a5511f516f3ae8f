import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createTokenSigner } from '~local/auth'
import { buildServer } from '~local/server'
import type { CertificateAnswer, CertificateVerification } from '~types'
import { servedOrder, type ServiceSpec } from '~test/support/service-fixture'
import { createHarness, type Harness, uid } from './harness'

/**
 * 志愿服务证明 (issue 10) through the handlers and the local host: the PDF downloads, its text (pdftotext, Debian's
 * poppler-utils) carries the name, the total and the serial; verification answers the same; only credited hours
 * appear; revoked and superseded certificates say so; serials stay unique under parallel issues.
 */

const ZHANG = { id: uid('demo-volunteer-1'), name: '张护士', openid: 'demo-volunteer-1' }
const LI = { id: uid('demo-volunteer-2'), name: '李药师', openid: 'demo-volunteer-2' }

const spec = (id: string, over: Partial<ServiceSpec>): ServiceSpec => ({ id, volunteer: ZHANG, at: '2026-02-10T02:00:00.000Z', hours: 2, status: 'verified', ...over })

/** 张护士's record: 2 h verified, 1.5 h 补录, 3 h 待核实 and 4 h 不予认定 (those two must never appear). */
const ZHANG_SERVICES: ServiceSpec[] = [
  spec('ord-a', { at: '2026-02-10T02:00:00.000Z', hours: 2, status: 'verified', title: '健康义诊', place: '滩尾村文化礼堂' }),
  spec('ord-b', { at: '2026-02-20T02:00:00.000Z', hours: 1.5, status: 'approved', title: '慢病随访' }),
  spec('ord-c', { at: '2026-02-21T02:00:00.000Z', hours: 3, status: 'pending', title: '待核实的入户探访' }),
  spec('ord-d', { at: '2026-02-22T02:00:00.000Z', hours: 4, status: 'rejected', title: '不予认定的宣讲' }),
]

async function seed(h: Harness, specs: ServiceSpec[]) {
  for (const s of specs) await h.stores.orders.insertOrder(servedOrder(s))
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sidan-pdf-'))
  try {
    const file = path.join(dir, 'c.pdf')
    writeFileSync(file, pdf)
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function startHttp(h: Harness) {
  const signer = createTokenSigner()
  const app = buildServer({ deps: h.deps, signer, devLogin: true, exportFiles: h.files, certificateFiles: h.certificateFiles })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const auth = (openid: string | null): Record<string, string> => (openid ? { authorization: `Bearer ${signer.issue(openid)}` } : {})
  const post = async (openid: string | null, fn: string, body: object) => {
    const res = await fetch(`${base}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(openid) }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }
  const get = async (openid: string | null, url: string) => {
    const res = await fetch(base + url, { headers: auth(openid) })
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) }
  }
  return { post, get, close: () => app.close() }
}

// every issue renders a PDF with the 10 MB font: seconds on a busy machine
jest.setTimeout(30_000)

describe('certificate.issue and public.verifyCertificate over the local host', () => {
  let h: Harness
  let http: Awaited<ReturnType<typeof startHttp>>
  beforeEach(async () => {
    h = await createHarness()
    await seed(h, ZHANG_SERVICES)
    http = await startHttp(h)
  })
  afterEach(async () => {
    await http.close()
    h.close()
  })

  test('the PDF downloads; its text carries the name, the masked phone, the total and the serial, and only credited services', async () => {
    await h.ok(ZHANG.openid, 'user', 'updateProfile', { phone: '13900001234' })
    const issued = await http.post(ZHANG.openid, 'certificate', { action: 'issue' })
    expect(issued.status).toBe(200)
    const answer = issued.body.data as CertificateAnswer
    expect(answer.serial).toBe('ZY-CENTER-2026-000001')
    expect(answer.hours).toBe(3.5)
    expect(answer.services.map((s) => [s.orderId, s.hours, s.kind])).toEqual([
      ['ord-a', 2, 'verified'],
      ['ord-b', 1.5, 'approved'],
    ])
    expect(answer.services[0].place).toBe('滩尾村文化礼堂')
    // no place in the activity record: the village the order came from
    expect(answer.services[1].place).toBe('滩尾村')
    expect(answer.services[1].organizer).toBe('滩尾村新时代文明实践站')
    expect({ from: answer.from, to: answer.to, created: answer.created }).toEqual({ from: '2026-02-10', to: '2026-03-02', created: true })
    expect(answer.verifyUrl).toBe('http://127.0.0.1:3000/#/packages/public/pages/verify/index?serial=ZY-CENTER-2026-000001')
    expect(answer.url).toBe('/api/certificates/ZY-CENTER-2026-000001')

    const file = await http.get(ZHANG.openid, answer.url)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''")
    expect(file.body.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = pdfText(file.body)
    for (const expected of ['志愿服务证明', '张护士', 'ZY-CENTER-2026-000001', '3.5', '健康义诊', '慢病随访', '信用时长', '补录', '禾溪县新时代文明实践中心', '盖章处', '2026年3月2日']) {
      expect(text).toContain(expected)
    }
    expect(text).toContain('139****1234')
    expect(text).not.toContain('13900001234')
    expect(text).not.toContain('待核实的入户探访')
    expect(text).not.toContain('不予认定的宣讲')
  })

  test('verification needs no sign-in and answers the same hours and services, the name masked; an unknown serial is NOT_FOUND', async () => {
    const answer = (await http.post(ZHANG.openid, 'certificate', { action: 'issue' })).body.data as CertificateAnswer
    const verified = await http.post(null, 'public', { action: 'verifyCertificate', serial: ` ${answer.serial.toLowerCase()} ` })
    expect(verified.status).toBe(200)
    const v = verified.body.data as CertificateVerification
    expect(v).toEqual({
      serial: answer.serial,
      name: '张**',
      hours: 3.5,
      services: answer.services,
      from: '2026-02-10',
      to: '2026-03-02',
      issuer: '禾溪县新时代文明实践中心',
      issuedAt: h.now().toISOString(),
      status: 'valid',
    })
    const unknown = await http.post(null, 'public', { action: 'verifyCertificate', serial: 'ZY-CENTER-2026-000099' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('NOT_FOUND')
    const malformed = await http.post(null, 'public', { action: 'verifyCertificate', serial: '../../etc' })
    expect(malformed.body.error).toEqual({ code: 'INVALID_INPUT', message: '证明编号格式不对，应如ZY-CENTER-2026-000001' })
  })

  test('the file is the holder\'s and the center managers\'; anyone else is refused', async () => {
    const answer = (await http.post(ZHANG.openid, 'certificate', { action: 'issue' })).body.data as CertificateAnswer
    expect((await http.get(null, answer.url)).status).toBe(401)
    expect((await http.get(LI.openid, answer.url)).status).toBe(403)
    expect((await http.get('demo-manager-suxi', answer.url)).status).toBe(403)
    expect((await http.get('demo-manager-center', answer.url)).status).toBe(200)
    expect((await http.get(ZHANG.openid, '/api/certificates/ZY-CENTER-2026-000404')).status).toBe(404)
  })

  test('a revoked certificate says so, with the reason; only a manager of the center may revoke, and it is audited', async () => {
    const answer = (await http.post(ZHANG.openid, 'certificate', { action: 'issue' })).body.data as CertificateAnswer
    const before = h.dump()
    for (const openid of [ZHANG.openid, 'demo-manager-suxi', 'demo-manager-tanwei']) {
      const refused = await http.post(openid, 'certificate', { action: 'revoke', serial: answer.serial, reason: '时长有误' })
      expect(refused.body.error.code).toBe('FORBIDDEN')
    }
    expect((await http.post('demo-manager-center', 'certificate', { action: 'revoke', serial: answer.serial, reason: '' })).body.error.code).toBe('INVALID_INPUT')
    expect(h.dump()).toBe(before)

    const revoked = await http.post('demo-manager-center', 'certificate', { action: 'revoke', serial: answer.serial, reason: '服务时长登记有误' })
    expect(revoked.body.data).toEqual({ serial: answer.serial, status: 'revoked', revokedAt: h.now().toISOString(), revokeReason: '服务时长登记有误' })
    // a retry changes nothing and answers the same
    const again = await http.post('demo-manager-center', 'certificate', { action: 'revoke', serial: answer.serial, reason: '另一个原因' })
    expect(again.body.data.revokeReason).toBe('服务时长登记有误')

    const v = (await http.post(null, 'public', { action: 'verifyCertificate', serial: answer.serial })).body.data as CertificateVerification
    expect(v).toMatchObject({ status: 'revoked', revokeReason: '服务时长登记有误', hours: 3.5 })
    const log = await h.stores.audit.list({ kind: 'certificateRevoked' }, { limit: 10 })
    expect(log.items.map((e) => [e.kind, e.targetName, e.summary])).toEqual([['certificateRevoked', '张护士', `撤销张护士的志愿服务证明${answer.serial}：服务时长登记有误`]])
    // a new certificate for the same record after a revoke: a new serial
    const next = (await http.post(ZHANG.openid, 'certificate', { action: 'issue' })).body.data as CertificateAnswer
    expect(next.serial).toBe('ZY-CENTER-2026-000002')
  })
})

describe('certificate.issue in process', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
    await seed(h, ZHANG_SERVICES)
  })
  afterEach(() => h.close())

  test('the same period with the same record answers the same certificate; a corrected record supersedes it with a new serial', async () => {
    const first = await h.ok<CertificateAnswer>(ZHANG.openid, 'certificate', 'issue', { from: '2026-02-01', to: '2026-02-28' })
    expect(first).toMatchObject({ serial: 'ZY-CENTER-2026-000001', created: true, hours: 3.5, from: '2026-02-01', to: '2026-02-28' })
    const again = await h.ok<CertificateAnswer>(ZHANG.openid, 'certificate', 'issue', { from: '2026-02-01', to: '2026-02-28' })
    expect(again).toMatchObject({ serial: first.serial, created: false, superseded: [] })

    // a month inside it, with the same services on its days: a certificate of its own, and the first stays valid
    const inside = await h.ok<CertificateAnswer>(ZHANG.openid, 'certificate', 'issue', { from: '2026-02-15', to: '2026-02-28' })
    expect(inside).toMatchObject({ serial: 'ZY-CENTER-2026-000002', hours: 1.5, superseded: [] })

    // the record is corrected: a service of 2月25日 approved afterwards
    await seed(h, [spec('ord-e', { at: '2026-02-25T02:00:00.000Z', hours: 1, status: 'approved', title: '补录的义诊' })])
    const corrected = await h.ok<CertificateAnswer>(ZHANG.openid, 'certificate', 'issue', { from: '2026-02-01', to: '2026-02-28' })
    expect(corrected).toMatchObject({ serial: 'ZY-CENTER-2026-000003', created: true, hours: 4.5 })
    expect([...corrected.superseded].sort()).toEqual(['ZY-CENTER-2026-000001', 'ZY-CENTER-2026-000002'])
    for (const old of ['ZY-CENTER-2026-000001', 'ZY-CENTER-2026-000002']) {
      const v = await h.ok<CertificateVerification>('demo-resident-1', 'public', 'verifyCertificate', { serial: old })
      expect(v).toMatchObject({ status: 'superseded', supersededBy: 'ZY-CENTER-2026-000003' })
    }
    // January holds nothing credited
    const empty = await h.call(ZHANG.openid, 'certificate', 'issue', { from: '2026-01-01', to: '2026-01-31' })
    expect(empty).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '所选期间没有已认定的服务时长（信用时长或补录），暂不能开具证明' } })
  })

  test('bad input and people who are not volunteers change nothing', async () => {
    const before = h.dump()
    const refusals: Array<[string, Record<string, unknown>, string]> = [
      [ZHANG.openid, { from: '2026-02-28', to: '2026-02-01' }, 'INVALID_INPUT'],
      [ZHANG.openid, { from: '2026-02-30' }, 'INVALID_INPUT'],
      [ZHANG.openid, { to: '2026/02/01' }, 'INVALID_INPUT'],
      ['demo-resident-1', {}, 'FORBIDDEN'],
    ]
    for (const [openid, payload, code] of refusals) {
      const res = await h.call(openid, 'certificate', 'issue', payload)
      expect(res.ok ? 'ok' : res.error.code).toBe(code)
    }
    expect((await h.call(null, 'certificate', 'issue', {})).ok).toBe(false)
    expect(h.dump()).toBe(before)
  })

  test('serials stay unique and gapless under parallel issues by many volunteers; one volunteer tapping at once gets one', async () => {
    const volunteers = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ id: uid(`demo-volunteer-${n}`), name: `志愿者${n}`, openid: `demo-volunteer-${n}` }))
    await seed(h, volunteers.slice(1).map((v, i) => spec(`ord-v${i}`, { volunteer: v })))
    const answers = await Promise.all(volunteers.map((v) => h.ok<CertificateAnswer>(v.openid, 'certificate', 'issue', {})))
    const serials = answers.map((a) => a.serial).sort()
    expect(serials).toEqual(volunteers.map((_, i) => `ZY-CENTER-2026-${String(i + 1).padStart(6, '0')}`))
    const taps = await Promise.all([1, 2, 3].map(() => h.ok<CertificateAnswer>(LI.openid, 'certificate', 'issue', { from: '2026-01-01' })))
    expect(new Set(taps.map((t) => t.serial)).size).toBe(1)
    expect(taps.filter((t) => t.created)).toHaveLength(1)
  }, 60_000)
})

describe('points.serviceRecords (我的服务记录)', () => {
  test('every service with its hours and their status, the totals, and the certificates', async () => {
    const h = await createHarness()
    try {
      await seed(h, ZHANG_SERVICES)
      await h.ok(ZHANG.openid, 'certificate', 'issue', {})
      const data = await h.ok(ZHANG.openid, 'points', 'serviceRecords')
      expect(data.services.map((s: any) => [s.orderId, s.reported, s.credited, s.status])).toEqual([
        ['ord-d', 4, 0, 'rejected'],
        ['ord-c', 3, 0, 'pending'],
        ['ord-b', 1.5, 1.5, 'approved'],
        ['ord-a', 2, 2, 'verified'],
      ])
      expect(data.services[0].reason).toBe('未到场')
      expect(data.totals).toEqual({ services: 4, credited: 3.5, verified: 2, approved: 1.5, pending: 3, rejected: 4 })
      expect(data.certificates.map((c: any) => [c.serial, c.hours, c.status])).toEqual([['ZY-CENTER-2026-000001', 3.5, 'valid']])
      // another volunteer sees only their own
      const li = await h.ok(LI.openid, 'points', 'serviceRecords')
      expect(li).toEqual({ services: [], totals: { services: 0, credited: 0, verified: 0, approved: 0, pending: 0, rejected: 0 }, certificates: [] })
    } finally {
      h.close()
    }
  })
})
