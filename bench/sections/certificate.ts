/**
 * 11. Certificates (issue 10): certificate.issue through the real handler for a volunteer with N credited services
 * (200 in the full and quick profiles): seconds per issue (the record read, the serial's write, the PDF with its
 * embedded font subset, the file stored), the PDF's size and pages; and the size of every function bundle
 * (build:cloud), to show that pdfkit and the font ride in the certificate bundle alone.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createDiskFiles } from '~adapters/disk/files'
import { createSqliteStores } from '~adapters/sqlite'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import { demoCounty, demoUserId } from '~local/demo-county'
import type { CertificateAnswer } from '~types'
import { servedOrder } from '~test/support/service-fixture'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { nowMs, round } from '../lib/measure'
import type { Sizes } from '../lib/profile'
import { tempDir } from '../lib/tmp'
import { BUNDLES_DIR } from './coldstart'

export interface CertificateResult {
  services: number
  /** the first issue (font read and parsed on a cold instance) and the median of the next ones */
  firstSeconds: number
  medianSeconds: number
  runs: number
  pdfKB: number
  pages: number
  /** each function's index.js and the files beside it (KB); null when build/cloudfunctions is missing */
  bundles: Array<{ name: string; bundleKB: number; filesKB: number }> | null
}

export async function certificateSection(sizes: Sizes): Promise<CertificateResult> {
  const tmp = tempDir('certificate')
  const stores = createSqliteStores({ filename: tmp.file('cert.db') })
  try {
    await stores.seed.importData(demoCounty(UNLIMITED_POLICY.limits))
    const volunteer = { id: demoUserId('demo-volunteer-1'), name: '张护士' }
    const n = sizes.certificateServices
    const start = Date.parse('2026-01-01T02:00:00.000Z')
    for (let i = 0; i < n; i++) {
      const at = new Date(start + i * 36 * 3600_000).toISOString()
      await stores.orders.insertOrder(
        servedOrder({ id: `bench-cert-${i}`, volunteer, at, hours: 1 + (i % 4) * 0.5, status: i % 5 === 0 ? 'approved' : 'verified', title: i % 2 ? '健康义诊进村入户' : '慢病随访与用药指导', place: i % 3 ? '' : '滩尾村文化礼堂' }),
      )
    }
    const files = createDiskFiles(tmp.file('certificates'), '/api/certificates/')
    let now = new Date(start + n * 36 * 3600_000)
    const deps: Deps = { ...stores, policy: UNLIMITED_POLICY, clock: () => now, certificateFiles: files, verifyUrlBase: 'https://sidan.example.cn/#/packages/public/pages/verify/index' }
    const runs = 5
    const times: number[] = []
    let last: CertificateAnswer | null = null
    for (let r = 0; r < runs; r++) {
      // each run a new day, so each issues a certificate of its own (not the same one answered again)
      now = new Date(now.getTime() + 86400_000)
      const t = nowMs()
      const res = await FUNCTIONS.certificate.handle({ action: 'issue' }, { openid: 'demo-volunteer-1', source: 'client' }, deps)
      times.push((nowMs() - t) / 1000)
      if (!res.ok) throw new Error(`certificate.issue: ${res.error.code} ${res.error.message}`)
      last = res.data as CertificateAnswer
    }
    const pdf = fs.readFileSync(files.pathOf(`${last!.serial}.pdf`))
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
    const rest = [...times.slice(1)].sort((a, b) => a - b)
    return {
      services: last!.services.length,
      firstSeconds: round(times[0], 3),
      medianSeconds: round(rest[Math.floor(rest.length / 2)], 3),
      runs,
      pdfKB: round(pdf.length / 1024, 1),
      pages,
      bundles: bundleSizes(),
    }
  } finally {
    stores.close()
    tmp.remove()
  }
}

function bundleSizes(): CertificateResult['bundles'] {
  if (!fs.existsSync(BUNDLES_DIR)) return null
  return Object.keys(FUNCTIONS).flatMap((name) => {
    const dir = path.join(BUNDLES_DIR, name)
    if (!fs.existsSync(path.join(dir, 'index.js'))) return []
    const files = fs.readdirSync(dir).filter((f) => !['index.js', 'package.json', 'config.json'].includes(f))
    const kb = (f: string) => fs.statSync(path.join(dir, f)).size / 1024
    return [{ name, bundleKB: round(kb('index.js'), 1), filesKB: round(files.reduce((s, f) => s + kb(f), 0), 1) }]
  })
}
