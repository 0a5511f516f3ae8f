import { useState } from 'react'
import { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { CERTIFICATE_STATUS_LABELS, type CertificateAnswer, type ServiceRecord } from '~types/certificates'
import { HOURS_STATUS_LABELS } from '~types/labels'
import { schemas } from '~types/schemas'
import FormFooter from '~src/components/FormFooter'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { useSubmit } from '~src/hooks/useSubmit'
import * as certificate from '~src/services/certificate'
import * as points from '~src/services/points'
import { toApiCallError } from '~src/services/transport'
import './index.scss'

/** Today as a China-time day (the period picker's end). */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

function ServiceRow({ s }: { s: ServiceRecord }) {
  const label = s.status ? HOURS_STATUS_LABELS[s.status] : '未记录'
  return (
    <View className='card records__row'>
      <View className='records__row-main'>
        <Text className='records__content'>{s.content}</Text>
        <Text className='muted'>
          {s.date} · {s.place} · {s.organizer}
        </Text>
        {s.reason && <Text className='muted'>说明：{s.reason}</Text>}
      </View>
      <View className='records__row-hours'>
        <Text className='records__hours'>{s.status === 'verified' || s.status === 'approved' ? s.credited : s.reported}小时</Text>
        <Text className={`records__chip records__chip--${s.status ?? 'none'}`}>{label}</Text>
      </View>
    </View>
  )
}

/**
 * 我的服务记录: every service the volunteer delivered with its hours and their status (信用时长 / 待核实 / 补录 /
 * 不予认定), the totals, and 开具志愿服务证明 over a chosen period (only credited hours go on it).
 */
export default function Records() {
  const records = useLoad(() => points.serviceRecords())
  useDidShow(() => void records.reload())
  usePullDownRefresh(() => void records.reload())
  const today = chinaToday(new Date())
  const [period, setPeriod] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today })
  const [issued, setIssued] = useState<CertificateAnswer | null>(null)
  const [openError, setOpenError] = useState('')
  const form = useSubmit(schemas.certificate.issue, certificate.issue)

  const openPdf = async (c: CertificateAnswer) => {
    setOpenError('')
    try {
      await certificate.open(c)
    } catch (err) {
      setOpenError(toApiCallError(err).message)
    }
  }

  const make = async () => {
    setIssued(null)
    const answer = await form.submit({ from: period.from, to: period.to })
    if (!answer) return
    setIssued(answer)
    void records.reload()
    await openPdf(answer)
  }

  const data = records.data
  return (
    <Screen className='records'>
      <StateView status={records.status} error={records.error} onRetry={() => void records.reload()}>
        {data && (
          <>
            <View className='card records__figures'>
              <View className='records__figure'>
                <Text className='records__number'>{data.totals.credited}</Text>
                <Text className='muted'>认定时长(小时)</Text>
              </View>
              <View className='records__figure'>
                <Text className='records__number'>{data.totals.verified}</Text>
                <Text className='muted'>信用时长</Text>
              </View>
              <View className='records__figure'>
                <Text className='records__number'>{data.totals.approved}</Text>
                <Text className='muted'>补录</Text>
              </View>
              <View className='records__figure'>
                <Text className='records__number'>{data.totals.pending}</Text>
                <Text className='muted'>待核实</Text>
              </View>
            </View>
            <Text className='muted records__explain'>
              现场签到签退的时长是信用时长；未签到的时长待核实，经承办单位审核后为补录。证明只列入信用时长和补录。
            </Text>

            <View className='card' aria-label='开具志愿服务证明'>
              <Text className='field-label'>志愿服务证明（选择期间）</Text>
              <View className='records__dates'>
                <Picker mode='date' value={period.from} end={period.to} onChange={(e) => setPeriod((p) => ({ ...p, from: String(e.detail.value) }))}>
                  <View className='input'>从 {period.from}</View>
                </Picker>
                <Picker mode='date' value={period.to} start={period.from} end={today} onChange={(e) => setPeriod((p) => ({ ...p, to: String(e.detail.value) }))}>
                  <View className='input'>到 {period.to}</View>
                </Picker>
              </View>
              <FormFooter error={form.error} busy={form.busy} label='开具志愿服务证明' busyLabel='正在生成证明…' onSubmit={() => void make()} />
              {issued && (
                <View className='records__issued' role='status'>
                  <Text className='records__serial'>证明编号 {issued.serial}</Text>
                  <Text className='muted'>
                    {issued.from}至{issued.to} · 共{issued.services.length}次 · {issued.hours}小时{issued.created ? '' : ' · 与上次开具的相同'}
                  </Text>
                  {openError && (
                    <View className='field-error' role='alert'>
                      {openError}
                    </View>
                  )}
                  <Text className='records__link' onClick={() => void openPdf(issued)}>
                    {process.env.TARO_ENV === 'weapp' ? '打开证明' : '下载证明（PDF）'}
                  </Text>
                </View>
              )}
            </View>

            {data.certificates.length > 0 && (
              <View className='card'>
                <Text className='field-label'>已开具的证明</Text>
                {data.certificates.map((c) => (
                  <View key={c.serial} className='records__cert'>
                    <Text>{c.serial}</Text>
                    <Text className='muted'>
                      {c.from}至{c.to} · {c.hours}小时 · {CERTIFICATE_STATUS_LABELS[c.status]}
                    </Text>
                  </View>
                ))}
              </View>
            )}

            <Text className='records__section'>服务记录（{data.totals.services}次）</Text>
            {data.services.length === 0 ? (
              <View className='card muted'>还没有服务记录，完成服务后会记在这里</View>
            ) : (
              data.services.map((s) => <ServiceRow key={s.orderId} s={s} />)
            )}
          </>
        )}
      </StateView>
    </Screen>
  )
}
