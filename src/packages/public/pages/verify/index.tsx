import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { CERTIFICATE_STATUS_LABELS, type CertificateVerification } from '~types/certificates'
import { HOURS_STATUS_LABELS } from '~types/labels'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { useParam } from '~src/hooks/useParam'
import * as certificate from '~src/services/certificate'
import './index.scss'

const VERDICT: Record<CertificateVerification['status'], string> = {
  valid: '证明有效',
  revoked: '证明已撤销',
  superseded: '证明已被替代',
}

function Result({ v }: { v: CertificateVerification }) {
  return (
    <>
      <View className={`card verify__verdict verify__verdict--${v.status}`} role='status'>
        <Text className='verify__status'>{VERDICT[v.status]}</Text>
        <Text className='verify__hours'>
          志愿服务时长 <Text className='verify__amount'>{v.hours} 小时</Text>
        </Text>
        <Text className='verify__line'>{v.name}</Text>
        {v.status === 'revoked' && <Text className='verify__line'>撤销原因：{v.revokeReason}</Text>}
        {v.status === 'superseded' && <Text className='verify__line'>记录更正后已重新开具，新证明编号：{v.supersededBy}</Text>}
      </View>
      <View className='card'>
        <Text className='verify__line'>证明编号：{v.serial}</Text>
        <Text className='verify__line'>服务期间：{v.from}至{v.to}</Text>
        <Text className='verify__line'>出具单位：{v.issuer}</Text>
        <Text className='verify__line'>出具时间：{v.issuedAt.slice(0, 10)}</Text>
        <Text className='verify__line'>状态：{CERTIFICATE_STATUS_LABELS[v.status]}</Text>
      </View>
      <View className='card'>
        <Text className='field-label'>服务明细（{v.services.length}次）</Text>
        {v.services.map((s) => (
          <View key={s.orderId} className='verify__service'>
            <Text>
              {s.date} {s.content} · {s.hours}小时 · {HOURS_STATUS_LABELS[s.kind]}
            </Text>
            <Text className='muted'>
              {s.place} · {s.organizer}
            </Text>
          </View>
        ))}
      </View>
    </>
  )
}

/**
 * 志愿服务证明核验, for anyone, without signing in: opened by the certificate's QR code (`?serial=…`), or with the
 * serial typed in. The answer is the server's: valid, revoked (with the reason) or superseded (with the new serial).
 */
export default function Verify() {
  const fromLink = useParam('serial')
  const [serial, setSerial] = useState(fromLink)
  const [typed, setTyped] = useState(fromLink)
  const result = useLoad(() => (serial ? certificate.verify(serial) : Promise.resolve(null)))
  const { reload } = result
  useEffect(() => {
    if (serial) void reload()
  }, [serial, reload])

  return (
    <Screen className='verify'>
      <View className='card verify__form'>
        <Text className='field-label'>证明编号</Text>
        <Input className='input' value={typed} placeholder='如 ZY-CENTER-2026-000001' maxlength={40} onInput={(e) => setTyped(e.detail.value)} />
        <Button className='btn btn--primary' onClick={() => setSerial(typed.trim())}>
          核验
        </Button>
      </View>
      {serial && (
        <StateView status={result.status} error={result.error} onRetry={() => void result.reload()}>
          {result.data && <Result v={result.data} />}
        </StateView>
      )}
    </Screen>
  )
}
