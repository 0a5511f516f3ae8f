import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Picker, Switch, Text, View } from '@tarojs/components'
import type { OrgUnit } from '~types/domain'
import { ROLE_LABELS } from '~types/labels'
import { NAME_MAX } from '~types/rules'
import BusyButton from '../../components/BusyButton'
import Field, { PhoneField } from '../../components/Field'
import Screen from '../../components/Screen'
import StateView from '../../components/StateView'
import { useWrite } from '../../hooks/useWrite'
import { ROUTES } from '../../routes'
import * as catalog from '../../services/catalog'
import * as signIn from '../../services/signIn'
import { toApiCallError } from '../../services/transport'
import * as user from '../../services/user'
import { usePrefs } from '../../stores/prefs'
import { useSession } from '../../stores/session'
import './index.scss'

const isH5 = () => process.env.TARO_ENV === 'h5'

/** 我的: who I am, where I live, 大字模式, and (H5) 退出登录. */
export default function Me() {
  const { status, profile, unitName, error, login, logout } = useSession()
  const { largeText, setLargeText } = usePrefs()
  const [stations, setStations] = useState<OrgUnit[]>([])
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const { run, busy } = useWrite()
  const saving = busy('profile')

  useDidShow(() => {
    if (useSession.getState().status === 'idle') void login()
  })

  useEffect(() => {
    catalog
      .tree()
      .then((units) => setStations(units.filter((u) => u.level === 'station')))
      .catch(() => setStations([]))
  }, [])

  useEffect(() => {
    setName(profile?.name ?? '')
    setPhone(profile?.phone ?? '')
  }, [profile])

  // a profile change carries no requestId: saving it twice leaves it as it is
  const save = async (patch: { name?: string; phone?: string; orgUnitId?: string }) => {
    try {
      const saved = await run('profile', async () => {
        await user.updateProfile(patch)
        await useSession.getState().refresh()
        return true
      })
      if (saved) void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (err) {
      void Taro.showToast({ title: toApiCallError(err).message, icon: 'none' })
    }
  }

  const [signingOut, setSigningOut] = useState(false)
  // the host revokes this browser's session first, so the token is refused from now on even if a copy survives;
  // when that request fails the token is still forgotten here
  const signOut = async () => {
    if (signingOut) return
    setSigningOut(true)
    try {
      await signIn.logout()
    } catch {
      // offline or already signed out: forgetting the token below is what matters to this browser
    }
    logout()
    setSigningOut(false)
    void Taro.reLaunch({ url: ROUTES.login })
  }

  const stationIndex = Math.max(
    0,
    stations.findIndex((s) => s.id === profile?.orgUnitId),
  )

  return (
    <Screen className='me'>
      <View className='card me__row'>
        <View className='me__label-group'>
          <Text className='me__label'>大字模式</Text>
          <Text className='muted'>字更大，按钮更大，看得更清楚</Text>
        </View>
        <Switch
          className='me__switch'
          checked={largeText}
          color='#C8102E'
          aria-label='大字模式'
          // H5: Taro's Switch is a checkbox inside its own element: the name and role go on the checkbox
          nativeProps={{ 'aria-label': '大字模式', role: 'switch', 'aria-checked': largeText }}
          onChange={(e) => setLargeText(e.detail.value)}
        />
      </View>

      <StateView status={status} error={error} onRetry={() => void login()}>
        {profile && (
          <View className='card'>
            <View className='me__roles'>
              {profile.roles.map((role) => (
                <Text key={role} className='chip'>
                  {ROLE_LABELS[role]}
                </Text>
              ))}
            </View>

            <Field label='姓名' labelClassName='me__label' maxLength={NAME_MAX} value={name} placeholder='请输入姓名' onInput={setName} />
            <PhoneField label='手机号' labelClassName='me__label' value={phone} onInput={setPhone} />
            <BusyButton
              kind='primary'
              className='me__save'
              busy={saving}
              busyLabel='正在保存…'
              onClick={() => void save({ name: name.trim() || undefined, phone: phone.trim() ? phone.trim() : undefined })}
            >
              保存
            </BusyButton>

            <Text className='me__label'>所在站点</Text>
            {stations.length > 0 ? (
              <Picker
                mode='selector'
                range={stations.map((s) => s.name)}
                value={stationIndex}
                onChange={(e) => void save({ orgUnitId: stations[Number(e.detail.value)].id })}
              >
                <View className='input me__picker'>{unitName || '请选择所在的新时代文明实践站'}</View>
              </Picker>
            ) : (
              <Text>{unitName || '尚未选择所在站点'}</Text>
            )}
          </View>
        )}
      </StateView>

      <Button className='btn me__help' onClick={() => void Taro.navigateTo({ url: ROUTES.help.guide })}>
        使用帮助
      </Button>

      {profile?.roles.includes('admin') && (
        <Button className='btn me__audit' onClick={() => void Taro.navigateTo({ url: ROUTES.manager.audit })}>
          审计日志
        </Button>
      )}

      {isH5() && (
        <BusyButton className='me__sign-out' busy={signingOut} busyLabel='正在退出…' onClick={() => void signOut()}>
          退出登录
        </BusyButton>
      )}
    </Screen>
  )
}
