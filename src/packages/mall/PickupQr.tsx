import { View } from '@tarojs/components'
import qrcode from 'qrcode-generator'

/**
 * A pickup code as a QR code drawn with Views (no canvas: the same on weapp and H5, and readable by Taro.scanCode),
 * from qrcode-generator's module matrix. The code is upper-case letters and digits, QR's alphanumeric mode, so it
 * fits the smallest symbol (21×21) with error correction M.
 */
export default function PickupQr({ code }: { code: string }) {
  const qr = qrcode(0, 'M')
  qr.addData(code, 'Alphanumeric')
  qr.make()
  const n = qr.getModuleCount()
  const rows = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)))
  return (
    <View className='pickup-qr' aria-label={`兑换码二维码 ${code}`} role='img'>
      {rows.map((row, r) => (
        <View key={r} className='pickup-qr__row'>
          {row.map((dark, c) => (
            <View key={c} className={dark ? 'pickup-qr__cell pickup-qr__cell--dark' : 'pickup-qr__cell'} />
          ))}
        </View>
      ))}
    </View>
  )
}
