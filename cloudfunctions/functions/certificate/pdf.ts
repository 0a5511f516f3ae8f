import { chinaDate } from '~core/certificates'
import { HOURS_STATUS_LABELS, type Certificate } from '~types'
import { certificateFont } from './font'

/** A4 in points, and the margins. */
const PAGE = { width: 595.28, height: 841.89, margin: 56 }
const INK = '#222222'
const RED = '#C8102E'
const GREY = '#666666'

/** The table's columns: label, width (points). */
const COLUMNS: Array<[string, number]> = [
  ['日期', 70],
  ['服务内容', 130],
  ['服务地点', 80],
  ['组织单位', 110],
  ['小时', 45],
  ['类别', 48],
]

const hoursText = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(2).replace(/0$/, ''))

const dateText = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`

/**
 * The certificate as a PDF (A4), from its stored record only: title, the volunteer's name and masked phone, the
 * period, each credited service (date, content, place, organiser, hours, 信用时长 or 补录), the total, the issuer, the
 * issue date, the serial, the space for the seal (盖章处) and a QR code of the verification address. The Chinese font is
 * embedded as a subset of the glyphs used. Deterministic for a record (its dates are the issue time).
 */
export async function renderCertificate(c: Certificate, verifyUrl: string): Promise<Buffer> {
  // loaded on the first certificate, not at the function's cold start (certificate.revoke never needs them)
  const [{ default: PDFDocument }, QRCode] = await Promise.all([import('pdfkit'), import('qrcode')])
  const font = certificateFont()
  const issued = new Date(c.issuedAt)
  // the font in the constructor: bundled by esbuild, pdfkit cannot load its standard Helvetica (and needs none)
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    font: font as unknown as string,
    info: { Title: `志愿服务证明 ${c.serial}`, Author: c.issuer, Subject: '志愿服务证明', CreationDate: issued, ModDate: issued },
    bufferPages: true,
  })
  const chunks: Buffer[] = []
  doc.on('data', (b: Buffer) => chunks.push(b))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const qr = await QRCode.toBuffer(verifyUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' })
  const left = PAGE.margin
  const width = PAGE.width - 2 * PAGE.margin

  doc.fillColor(RED).fontSize(26).text('志愿服务证明', left, PAGE.margin, { width, align: 'center', characterSpacing: 6 })
  doc.moveDown(0.3).fillColor(GREY).fontSize(10).text(`证明编号：${c.serial}`, { width, align: 'center' })
  doc.moveDown(1.2).fillColor(INK).fontSize(12)
  doc.text(`志愿者：${c.name}${c.phoneMasked ? `\u3000\u3000手机号：${c.phoneMasked}` : ''}`, left)
  doc.moveDown(0.4).text(`服务期间：${dateText(c.from)}至${dateText(c.to)}`)
  doc.moveDown(0.4).text(
    `兹证明该志愿者在上述期间参加志愿服务${c.services.length}次，经认定的志愿服务时长共计${hoursText(c.hours)}小时（其中信用时长为现场签到签退记录，补录时长经承办单位审核），明细如下：`,
    { width, lineGap: 3 },
  )
  doc.moveDown(0.8)

  const row = (cells: string[], opts: { header?: boolean } = {}) => {
    const heights = cells.map((text, i) => doc.heightOfString(text, { width: COLUMNS[i][1] - 6 }))
    const height = Math.max(...heights) + 8
    if (doc.y + height > PAGE.height - PAGE.margin - 20) {
      doc.addPage()
      doc.y = PAGE.margin
      // the columns' names again at the top of each new page
      if (!opts.header) row(COLUMNS.map(([label]) => label), { header: true })
    }
    const y = doc.y
    let x = left
    if (opts.header) doc.rect(left, y, width, height).fill('#F3E6E6').fillColor(INK)
    cells.forEach((text, i) => {
      doc.text(text, x + 3, y + 4, { width: COLUMNS[i][1] - 6, align: i === 4 ? 'right' : 'left' })
      x += COLUMNS[i][1]
    })
    doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.5).strokeColor('#BBBBBB').stroke()
    doc.x = left
    doc.y = y + height
  }

  doc.fontSize(9)
  row(COLUMNS.map(([label]) => label), { header: true })
  for (const s of c.services) row([s.date, s.content, s.place, s.organizer, hoursText(s.hours), HOURS_STATUS_LABELS[s.kind]])
  doc.fontSize(11)
  row(['合计', `${c.services.length}次`, '', '', hoursText(c.hours), ''])

  // the issuer, the date, the seal and the QR code: kept together on the last page
  const blockHeight = 170
  if (doc.y + blockHeight > PAGE.height - PAGE.margin) doc.addPage()
  const top = Math.max(doc.y + 24, PAGE.height - PAGE.margin - blockHeight)
  doc.image(qr, left, top, { width: 96, height: 96 })
  doc.fontSize(8).fillColor(GREY).text('扫码核验本证明', left, top + 100, { width: 96, align: 'center' })
  doc.text(verifyUrl, left, top + 112, { width: 220 })
  const right = left + width - 230
  doc.fillColor(INK).fontSize(12).text(`出具单位：${c.issuer}`, right, top, { width: 230 })
  doc.moveDown(0.5).text(`出具日期：${dateText(chinaDate(c.issuedAt))}`, right)
  const sealTop = top + 56
  doc.save().dash(4, { space: 3 }).circle(right + 170, sealTop + 44, 44).lineWidth(0.8).strokeColor(RED).stroke().restore()
  doc.fillColor(RED).fontSize(11).text('（盖章处）', right + 130, sealTop + 37, { width: 80, align: 'center' })

  const pages = doc.bufferedPageRange()
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i)
    // text in the bottom margin would start a new page: the footer writes with the margin lifted
    doc.page.margins.bottom = 0
    doc.fillColor(GREY).fontSize(8).text(`${c.serial}\u3000第${i + 1}页，共${pages.count}页\u3000本证明依据志愿服务记录生成，可扫码或凭编号核验`, left, PAGE.height - PAGE.margin + 16, { width, align: 'center', lineBreak: false })
  }
  doc.end()
  return done
}
