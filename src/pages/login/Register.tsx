import { useCallback, useEffect, useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import type { OrgUnit } from '~types/domain'
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from '~types/rules'
import BusyButton from '../../components/BusyButton'
import { PHONE_LENGTH } from '../../lib/schemaLimits'
import * as catalog from '../../services/catalog'
import * as signIn from '../../services/signIn'
import { toApiCallError } from '../../services/transport'
import FormField from './FormField'
import { useSignIn } from './useSignIn'

type Stations = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: OrgUnit[] }

/** 注册: phone, password, name, the station one lives at, and an invite code when one was given. */
export default function Register() {
  const [phone, setPhone] = useState('')
  const [password, setPassword] = useState('')
  const [name, setName] = useState('')
  const [station, setStation] = useState<OrgUnit | null>(null)
  const [invite, setInvite] = useState('')
  const [stations, setStations] = useState<Stations>({ status: 'loading' })
  const { busy, errors, submit } = useSignIn()

  const loadStations = useCallback(async () => {
    setStations({ status: 'loading' })
    try {
      const units = await catalog.tree()
      setStations({ status: 'ready', items: units.filter((u) => u.level === 'station') })
    } catch (err) {
      setStations({ status: 'error', message: toApiCallError(err).message })
    }
  }, [])

  useEffect(() => {
    void loadStations()
  }, [loadStations])

  const send = () =>
    signIn.register({
      phone: phone.trim(),
      password,
      name: name.trim(),
      orgUnitId: station?.id ?? '',
      ...(invite.trim() ? { invite: invite.trim() } : {}),
    })

  return (
    <View className='card login__form'>
      <FormField label='手机号' type='number' value={phone} onInput={setPhone} maxLength={PHONE_LENGTH} placeholder='用来登录的手机号' error={errors.phone} />
      <FormField
        label='密码'
        password
        value={password}
        onInput={setPassword}
        maxLength={PASSWORD_MAX}
        placeholder={`${PASSWORD_MIN}到${PASSWORD_MAX}位`}
        error={errors.password}
      />
      <FormField label='姓名' value={name} onInput={setName} maxLength={NAME_MAX} placeholder='请输入姓名' error={errors.name} />

      <View className='login__field'>
        <Text className='field-label'>所在站点</Text>
        {stations.status === 'loading' && <Text className='muted'>正在加载站点…</Text>}
        {stations.status === 'error' && (
          <View className='login__stations-error'>
            <Text className='field-error'>{stations.message}</Text>
            <Button className='btn' onClick={() => void loadStations()}>
              重试
            </Button>
          </View>
        )}
        {stations.status === 'ready' && (
          <Picker
            mode='selector'
            range={stations.items.map((s) => s.name)}
            value={Math.max(0, stations.items.findIndex((s) => s.id === station?.id))}
            onChange={(e) => setStation(stations.items[Number(e.detail.value)] ?? null)}
          >
            <View className={`input login__picker${errors.orgUnitId ? ' login__input--error' : ''}`}>{station?.name ?? '请选择所在的新时代文明实践站'}</View>
          </Picker>
        )}
        {errors.orgUnitId && (
          <View className='field-error' role='alert'>
            {errors.orgUnitId}
          </View>
        )}
      </View>

      <FormField label='邀请码（选填）' value={invite} onInput={setInvite} maxLength={20} placeholder='没有可不填' error={errors.invite} />

      {errors.form && (
        <View className='field-error login__form-error' role='alert'>
          {errors.form}
        </View>
      )}
      <BusyButton kind='primary' className='login__submit' busy={busy} busyLabel='正在注册…' onClick={() => void submit(send)}>
        注册并登录
      </BusyButton>
    </View>
  )
}
