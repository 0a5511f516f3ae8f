import qrcode from 'qrcode-generator'

/**
 * The QR code of a check-in code as an image (a GIF data URL): no canvas, so the same <Image> shows it on weapp and
 * on H5. Error correction M, a version picked to fit.
 */
export function qrDataUrl(text: string, cellSize = 8): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cellSize, cellSize * 2)
}
