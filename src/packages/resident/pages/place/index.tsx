import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import type { MenuItem, Theme } from '~types/domain'
import { schemas, type ActionInput } from '~types/schemas'
import Field, { PhoneField } from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useDraft } from '~src/hooks/useDraft'
import { useLoad } from '~src/hooks/useLoad'
import { useParam } from '~src/hooks/useParam'
import { useSubmit } from '~src/hooks/useSubmit'
import { draftKey } from '~src/lib/drafts'
import { askToSubscribe } from '~src/lib/subscribe'
import { dayjs } from '~src/lib/time'
import { ROUTES, withQuery } from '~src/routes'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import { useSession } from '~src/stores/session'
import './index.scss'
import { roleOf } from '~src/lib/roles'

const PLACE = schemas.order.place
const DEFAULT_TIME = '09:00'

/** What the form orders: one menu item, or a free-text need under a theme the person picks. */
type Subject = { item: MenuItem } | { themes: Theme[] }

async function loadSubject(menuItemId: string): Promise<Subject> {
  if (!menuItemId) return { themes: [...(await catalog.themes())].sort((a, b) => a.sort - b.sort) }
  const item = (await catalog.menu()).items.find((i) => i.id === menuItemId)
  if (!item) throw new ApiCallError('NOT_FOUND', '这项服务已下架，请回到服务菜单重新选择')
  return { item }
}

/** 点单 (or, with proxy=1, 代人点单): the need, where, how to reach the person, and when suits them. */
export default function Place() {
  const menuItemId = useParam('menuItemId')
  const proxy = useParam('proxy') === '1'
  const subject = useLoad(() => loadSubject(menuItemId))
  const profilePhone = useSession((s) => s.profile?.phone ?? '')

  const [themeId, setThemeId] = useState('')
  const [onBehalfOf, setOnBehalfOf] = useState('')
  const [forGroup, setForGroup] = useState(false)
  const [count, setCount] = useState('')
  const [need, setNeed] = useState('')
  const [address, setAddress] = useState('')
  const [phone, setPhone] = useState('')
  const [date, setDate] = useState('')
  const [time, setTime] = useState(DEFAULT_TIME)
  // a requestId of order.place is bound to what is ordered and for whom (see README, Input rules)
  const placeForm = useSubmit(PLACE, order.place, draftKey('place', `${menuItemId}${proxy ? ':proxy' : ''}`), (p) =>
    [p.menuItemId ?? p.themeId ?? '', p.onBehalfOf?.name ?? ''].join('|'),
  )
  // the answer sends the page away: until it has gone, the button stays busy
  const [placed, setPlaced] = useState(false)
  // what was typed survives a lost reply or leaving the page, until it is sent
  const draft = useDraft('place', `${menuItemId}${proxy ? ':proxy' : ''}`, { need, address, phone, onBehalfOf, count, themeId }, (d) => {
    for (const [value, set] of [[d.need, setNeed], [d.address, setAddress], [d.phone, setPhone], [d.onBehalfOf, setOnBehalfOf], [d.count, setCount], [d.themeId, setThemeId]] as const) {
      if (value) set(value)
    }
    if (d.count) setForGroup(true)
  })

  useEffect(() => {
    if (proxy) void Taro.setNavigationBarTitle({ title: '代人点单' })
    if (useSession.getState().status === 'idle') void useSession.getState().login()
    void subject.reload()
  }, [])

  useEffect(() => {
    if (profilePhone) setPhone((p) => p || profilePhone)
  }, [profilePhone])

  const preferred = date ? dayjs(`${date}T${time}`) : null

  const submit = async () => {
    if (placed) return
    const payload: ActionInput<'order', 'place'> = {
      ...(menuItemId ? { menuItemId } : { themeId: themeId || undefined }),
      need: need.trim(),
      address: address.trim(),
      phone: phone.trim(),
      beneficiaryCount: forGroup ? Number(count) : 1,
      ...(preferred && { preferredAt: preferred.toISOString() }),
      ...(proxy && { onBehalfOf: { name: onBehalfOf.trim() } }),
    }
    // WeChat asks only on a tap: "进展通知" for this order (派单、接单、完成)
    const answer = await placeForm.submit(payload, { onValid: () => void askToSubscribe(['orderProgress']) })
    if (!answer) return
    draft.clear()
    setPlaced(true)
    void Taro.showToast({ title: '点单成功', icon: 'success' })
    void Taro.redirectTo({ url: withQuery(ROUTES.resident.order, { id: answer.order.id }) })
  }

  const themes = subject.data && 'themes' in subject.data ? subject.data.themes : []
  const item = subject.data && 'item' in subject.data ? subject.data.item : null
  const themeIndex = themes.findIndex((t) => t.id === themeId)
  const today = dayjs().format('YYYY-MM-DD')

  return (
    <Screen className='place'>
      <StateView status={subject.status} error={subject.error} onRetry={() => void subject.reload()}>
        <View className='card'>
          {item ? (
            <>
              <Text className='field-label'>服务项目</Text>
              <Text className='place__item-title'>{item.title}</Text>
              {item.description && <Text className='muted'>{item.description}</Text>}
            </>
          ) : (
            <>
              <Text className='field-label'>服务类别</Text>
              <Picker
                mode='selector'
                range={themes.map((t) => t.name)}
                value={Math.max(0, themeIndex)}
                onChange={(e) => setThemeId(themes[Number(e.detail.value)]?.id ?? '')}
              >
                <View className='input place__picker'>{themeIndex >= 0 ? themes[themeIndex].name : '请选择服务类别'}</View>
              </Picker>
            </>
          )}
        </View>

        {proxy && (
          <View className='card'>
            <Field label='代办对象姓名' schema={PLACE} name='onBehalfOf' value={onBehalfOf} placeholder='替谁点单，请写对方姓名' onInput={setOnBehalfOf} />
            <Text className='muted'>点单记录会同时显示您（代办员）和代办对象的姓名</Text>
          </View>
        )}

        <View className='card'>
          <Text className='field-label'>为谁服务</Text>
          <View className='place__choices' role='radiogroup' aria-label='为谁服务'>
            <View className={`place__choice${forGroup ? '' : ' place__choice--on'}`} {...roleOf('radio', { on: !forGroup })} onClick={() => setForGroup(false)}>
              本人
            </View>
            <View className={`place__choice${forGroup ? ' place__choice--on' : ''}`} {...roleOf('radio', { on: forGroup })} onClick={() => setForGroup(true)}>
              群体
            </View>
          </View>
          {forGroup && (
            <>
              <Field label='大约多少人' schema={PLACE} name='beneficiaryCount' type='number' value={count} placeholder='服务人数' onInput={setCount} />
              <Text className='muted'>比如老年群众、果农，请在需求里写明是哪些人</Text>
            </>
          )}

          <Field
            label='需求描述'
            schema={PLACE}
            name='need'
            multiline
            counter
            value={need}
            placeholder='请说说需要什么帮助，有什么要注意的'
            onInput={setNeed}
          />
          <Field label='服务地址' schema={PLACE} name='address' value={address} placeholder='如：东关村3组12号' onInput={setAddress} />
          <PhoneField label='联系电话' value={phone} onInput={setPhone} />

          <Text className='field-label'>希望什么时候来（可不填）</Text>
          <View className='place__when'>
            <Picker mode='date' value={date || today} start={today} onChange={(e) => setDate(e.detail.value)}>
              <View className='input place__picker'>{preferred ? preferred.format('M月D日 dddd') : '选择日期'}</View>
            </Picker>
            {preferred && (
              <Picker mode='time' value={time} onChange={(e) => setTime(e.detail.value)}>
                <View className='input place__picker'>{preferred.format('HH:mm')}</View>
              </Picker>
            )}
          </View>
          {preferred && (
            <View className='place__when-foot'>
              <Text>期望 {preferred.format('M月D日 dddd HH:mm')}</Text>
              <Text className='place__clear' {...roleOf('button', { label: '不指定时间' })} onClick={() => setDate('')}>
                不指定
              </Text>
            </View>
          )}
        </View>

        <FormFooter error={placeForm.error} retry={placeForm.retryable} busy={placeForm.busy || placed} label='提交点单' onSubmit={() => void submit()} />
      </StateView>
    </Screen>
  )
}
