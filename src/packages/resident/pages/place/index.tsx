import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import type { MenuItem, ProxyClient, Theme } from '~types/domain'
import { needIsRequired, schemas, type ActionInput } from '~types/schemas'
import Field, { PhoneField } from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useDraft } from '~src/hooks/useDraft'
import { useLoad } from '~src/hooks/useLoad'
import { useParam } from '~src/hooks/useParam'
import { useSubmit } from '~src/hooks/useSubmit'
import { draftKey } from '~src/lib/drafts'
import { fieldErrorsOf } from '~src/lib/fieldErrors'
import { roleOf } from '~src/lib/roles'
import { askToSubscribe } from '~src/lib/subscribe'
import { ROUTES, withQuery } from '~src/routes'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as userApi from '~src/services/user'
import { useSession } from '~src/stores/session'
import { forgetContact, rememberContact, rememberedContact } from './contact'
import { placeAskingAboutDuplicates } from './duplicate'
import ProxyPeople from './ProxyPeople'
import WhenPicker from './WhenPicker'
import type { WhenChoice } from './when'
import './index.scss'

const PLACE = schemas.order.place
const NO_CLIENTS: ProxyClient[] = []
/** The fields in the order the form shows them: the first one wrong is scrolled to. */
const FIELD_ORDER = ['themeId', 'onBehalfOf', 'beneficiaryCount', 'need', 'address', 'phone', 'preferredAt'] as const

/** What the form orders: one menu item, or a free-text need under a theme the person picks. */
type Subject = { item: MenuItem } | { themes: Theme[] }

async function loadSubject(menuItemId: string): Promise<Subject> {
  if (!menuItemId) return { themes: [...(await catalog.themes())].sort((a, b) => a.sort - b.sort) }
  const item = (await catalog.menu()).items.find((i) => i.id === menuItemId)
  if (!item) throw new ApiCallError('NOT_FOUND', '这项服务已下架，请回到服务菜单重新选择')
  return { item }
}

function FieldError({ message }: { message?: string }) {
  return message ? (
    <View className='field-error' role='alert'>
      {message}
    </View>
  ) : null
}

/**
 * 点单 (or, with proxy=1, 代人点单): the need, where, how to reach the person, and when suits them. 再来一单 comes
 * here with the earlier order's item (menuItemId, or themeId and need) and, for a proxy, whom it was for (for).
 */
export default function Place() {
  const menuItemId = useParam('menuItemId')
  const proxy = useParam('proxy') === '1'
  const repeatFor = useParam('for')
  const subject = useLoad(() => loadSubject(menuItemId))
  const profilePhone = useSession((s) => s.profile?.phone ?? '')
  const clients = useSession((s) => s.profile?.proxyClients) ?? NO_CLIENTS

  const [themeId, setThemeId] = useState(useParam('themeId'))
  const [onBehalfOf, setOnBehalfOf] = useState(repeatFor)
  const [forGroup, setForGroup] = useState(false)
  const [count, setCount] = useState('')
  const [need, setNeed] = useState(useParam('need'))
  const [address, setAddress] = useState('')
  const [phone, setPhone] = useState('')
  // a proxy order: the proxy's own number by default (the person may have none)
  const [useMyPhone, setUseMyPhone] = useState(true)
  const [when, setWhen] = useState<{ choice: WhenChoice; at: string | null }>({ choice: 'soon', at: null })
  const [remembered, setRemembered] = useState(false)
  const [tried, setTried] = useState(false)
  // a requestId of order.place is bound to what is ordered and for whom (see README, Input rules)
  const placeForm = useSubmit(PLACE, placeAskingAboutDuplicates, draftKey('place', `${menuItemId}${proxy ? ':proxy' : ''}`), (p) =>
    [p.menuItemId ?? p.themeId ?? '', p.onBehalfOf?.name ?? ''].join('|'),
  )
  // what was typed survives a lost reply or leaving the page, until it is sent
  const draft = useDraft('place', `${menuItemId}${proxy ? ':proxy' : ''}`, { need, address, phone, onBehalfOf, count, themeId }, (d) => {
    for (const [value, set] of [[d.need, setNeed], [d.address, setAddress], [d.phone, setPhone], [d.onBehalfOf, setOnBehalfOf], [d.count, setCount], [d.themeId, setThemeId]] as const) {
      if (value) set(value)
    }
    if (d.count) setForGroup(true)
  })
  // the answer sends the page away: until it has gone, the button stays busy
  const [placed, setPlaced] = useState(false)

  useEffect(() => {
    if (proxy) void Taro.setNavigationBarTitle({ title: '代人点单' })
    const session = useSession.getState()
    // a proxy's list of people may have grown since sign-in (each proxy order adds its person): read it again
    if (session.status === 'idle') void session.login()
    else if (proxy) void session.refresh()
    void subject.reload()
    if (!proxy) {
      const kept = rememberedContact()
      if (kept) {
        setAddress(kept.address)
        setPhone(kept.phone)
        setRemembered(true)
      }
    }
  }, [])

  useEffect(() => {
    if (!proxy && profilePhone) setPhone((p) => p || profilePhone)
    if (proxy && !profilePhone) setUseMyPhone(false)
  }, [profilePhone])

  // 再来一单 for someone on the proxy's list: their address and phone as last given
  useEffect(() => {
    const client = proxy && repeatFor ? clients.find((c) => c.name === repeatFor) : undefined
    if (client && !address) pickClient(client)
  }, [clients.length])

  const pickClient = (client: ProxyClient) => {
    setOnBehalfOf(client.name)
    setAddress(client.address)
    setUseMyPhone(client.phone === '' && profilePhone !== '')
    setPhone(client.phone)
  }

  const forgetClient = async (client: ProxyClient) => {
    const { confirm } = await Taro.showModal({ title: `从名单中删除${client.name}？`, content: '只是不再列出，已点的单不受影响', confirmText: '删除', cancelText: '不删' })
    if (!confirm) return
    try {
      const { user: profile } = await userApi.updateProfile({ forgetClient: client.name })
      useSession.setState({ profile })
    } catch {
      void Taro.showToast({ title: '没有删除成功，请稍后再试', icon: 'none' })
    }
  }

  const contactPhone = proxy && useMyPhone ? profilePhone : phone.trim()
  const payload: ActionInput<'order', 'place'> = {
    ...(menuItemId ? { menuItemId } : { themeId: themeId || undefined }),
    need: need.trim(),
    address: address.trim(),
    phone: contactPhone,
    beneficiaryCount: forGroup ? Number(count) : 1,
    ...(when.at && { preferredAt: when.at }),
    ...(proxy && { onBehalfOf: { name: onBehalfOf.trim() } }),
  }
  // every field wrong, beside it, once 提交点单 was tapped; each message goes as its field is put right
  const errors: Record<string, string> = tried ? fieldErrorsOf(PLACE, payload) : {}
  if (tried && when.choice === 'pick' && !when.at) errors.preferredAt = '请选择日期和时间，或选“尽快”'

  const submit = async () => {
    if (placed) return
    setTried(true)
    const wrong = fieldErrorsOf(PLACE, payload)
    if (when.choice === 'pick' && !when.at) wrong.preferredAt = '请选择日期和时间'
    const first = FIELD_ORDER.find((f) => wrong[f])
    if (first) {
      Taro.pageScrollTo({ selector: `#place-${first}`, duration: 200 }).catch(() => undefined)
      return
    }
    // WeChat asks only on a tap: "进展通知" for this order (派单、接单、完成)
    const answer = await placeForm.submit(payload, { onValid: () => void askToSubscribe(['orderProgress']) })
    if (!answer) return
    if (!proxy) rememberContact({ address: payload.address, phone: payload.phone })
    draft.clear()
    setPlaced(true)
    void Taro.showToast({ title: '点单成功', icon: 'success' })
    void Taro.redirectTo({ url: withQuery(ROUTES.resident.order, { id: answer.order.id }) })
  }

  const clearRemembered = () => {
    forgetContact()
    setRemembered(false)
    setAddress('')
    setPhone(profilePhone)
  }

  const themes = subject.data && 'themes' in subject.data ? subject.data.themes : []
  const item = subject.data && 'item' in subject.data ? subject.data.item : null
  const themeIndex = themes.findIndex((t) => t.id === themeId)
  const needRequired = needIsRequired({ menuItemId: menuItemId || undefined })

  return (
    <Screen className='place'>
      <StateView status={subject.status} error={subject.error} onRetry={() => void subject.reload()}>
        <View className='card' id='place-themeId'>
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
              <FieldError message={errors.themeId} />
            </>
          )}
        </View>

        {proxy && (
          <View className='card' id='place-onBehalfOf'>
            <ProxyPeople clients={clients} chosen={onBehalfOf.trim()} onPick={pickClient} onForget={(c) => void forgetClient(c)} />
            <Field label='代办对象姓名' schema={PLACE} name='onBehalfOf' value={onBehalfOf} placeholder='替谁点单，请写对方姓名' onInput={setOnBehalfOf} />
            <FieldError message={errors.onBehalfOf} />
            <Text className='muted'>点单记录会同时显示您（代办员）和代办对象的姓名；点过单的人会记在上面的名单里</Text>
          </View>
        )}

        <View className='card'>
          <Text className='field-label'>为谁服务</Text>
          <View className='place__choices' role='radiogroup' aria-label='为谁服务'>
            <View className={`place__choice${forGroup ? '' : ' place__choice--on'}`} {...roleOf('radio', { on: !forGroup })} onClick={() => setForGroup(false)}>
              {proxy ? onBehalfOf.trim() || '代办对象' : '本人'}
            </View>
            <View className={`place__choice${forGroup ? ' place__choice--on' : ''}`} {...roleOf('radio', { on: forGroup })} onClick={() => setForGroup(true)}>
              群体
            </View>
          </View>
          {forGroup && (
            <View id='place-beneficiaryCount'>
              <Field label='大约多少人' schema={PLACE} name='beneficiaryCount' type='number' value={count} placeholder='服务人数' onInput={setCount} />
              <FieldError message={errors.beneficiaryCount} />
              <Text className='muted'>比如老年群众、果农，请在需求里写明是哪些人</Text>
            </View>
          )}

          <View id='place-need'>
            <Field
              label={needRequired ? '需求描述' : '补充说明（可不填）'}
              schema={PLACE}
              name='need'
              multiline
              counter
              value={need}
              placeholder={needRequired ? '请说说需要什么帮助，有什么要注意的' : '可不填。请说说需要什么帮助，有什么要注意的'}
              onInput={setNeed}
            />
            <FieldError message={errors.need} />
          </View>
          <View id='place-address'>
            <Field label='服务地址' schema={PLACE} name='address' value={address} placeholder='如：东关村3组12号' onInput={setAddress} />
            <FieldError message={errors.address} />
          </View>
          <View id='place-phone'>
            {proxy && profilePhone !== '' && (
              <View className='place__choices place__phone-choice' role='radiogroup' aria-label='联系电话用谁的'>
                <View className={`place__choice${useMyPhone ? ' place__choice--on' : ''}`} {...roleOf('radio', { on: useMyPhone })} onClick={() => setUseMyPhone(true)}>
                  使用我的电话（代办员）
                </View>
                <View className={`place__choice${useMyPhone ? '' : ' place__choice--on'}`} {...roleOf('radio', { on: !useMyPhone })} onClick={() => setUseMyPhone(false)}>
                  对方的电话
                </View>
              </View>
            )}
            {proxy && useMyPhone ? (
              <Text className='place__my-phone'>联系电话 {profilePhone}（您的电话，订单上会注明）</Text>
            ) : (
              <PhoneField label='联系电话' value={phone} onInput={setPhone} />
            )}
            <FieldError message={errors.phone} />
          </View>
          {!proxy && (
            <View className='place__remember'>
              <Text className='muted'>{remembered ? '地址和电话是上次点单时记在这部手机上的，' : '点单后，地址和电话会记在这部手机上，下次自动填好。'}</Text>
              {remembered && (
                <View className='place__clear' role='button' onClick={clearRemembered}>
                  清除记住的地址和电话
                </View>
              )}
            </View>
          )}

          <View id='place-preferredAt'>
            <Text className='field-label'>希望什么时候来</Text>
            <WhenPicker choice={when.choice} value={when.at} onChange={(choice, at) => setWhen({ choice, at })} />
            <FieldError message={errors.preferredAt} />
          </View>
        </View>

        <FormFooter error={placeForm.error} retry={placeForm.retryable} busy={placeForm.busy || placed} label='提交点单' onSubmit={() => void submit()} />
      </StateView>
    </Screen>
  )
}
