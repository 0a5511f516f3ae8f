import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Switch, Text, View } from '@tarojs/components'
import type { Goods } from '~types/mall'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import { useSubmit } from '~src/hooks/useSubmit'
import * as mall from '~src/services/mall'
import GoodsPicture, { pictureOf } from './GoodsPicture'

const GOODS = schemas.mall.upsertGoods

interface Props {
  goods?: Goods
  unitId: string
  onSaved: (goods: Goods) => void
  onCancel: () => void
}

const numberOrMissing = (s: string) => (s.trim() === '' ? (undefined as unknown as number) : Number(s))

/** Add or edit one goods of the unit's shelf. */
export default function GoodsForm({ goods, unitId, onSaved, onCancel }: Props) {
  const [name, setName] = useState(goods?.name ?? '')
  const [points, setPoints] = useState(goods ? String(goods.points) : '')
  const [stock, setStock] = useState(goods ? String(goods.stock) : '')
  const [limit, setLimit] = useState(goods?.perPersonMonthly ? String(goods.perPersonMonthly) : '')
  const [pickup, setPickup] = useState(goods?.pickup ?? '')
  const [active, setActive] = useState(goods?.active ?? true)
  const [picture, setPicture] = useState(() => pictureOf(goods))
  const form = useSubmit(GOODS, mall.upsertGoods)

  const save = async () => {
    if (picture.status === 'uploading') {
      void Taro.showToast({ title: '图片还在上传，请稍候', icon: 'none' })
      return
    }
    const input = {
      ...(goods ? { id: goods.id } : {}),
      name: name.trim(),
      points: numberOrMissing(points),
      stock: numberOrMissing(stock),
      perPersonMonthly: limit.trim() === '' ? null : Number(limit),
      pickup: pickup.trim(),
      active,
      // editing: null removes the picture it had
      ...(goods || picture.id ? { pictureId: picture.id } : {}),
      orgUnitId: unitId,
    }
    const takenOff = goods?.active === true && !active
    const answer = await form.submit(input, {
      confirm: takenOff
        ? async () => (await Taro.showModal({ title: '下架商品', content: `下架后群众将看不到“${input.name}”，已兑换的仍可凭码领取。确定下架吗？` })).confirm
        : undefined,
    })
    if (!answer) return
    void Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved(answer.goods)
  }

  return (
    <View className='card mall__item'>
      <Text className='mall__name'>{goods ? '修改商品' : '上架新商品'}</Text>
      <Field label='商品名称' schema={GOODS} name='name' value={name} placeholder='如：洗衣液（2公斤）' onInput={setName} />
      <Field label='所需积分' schema={GOODS} name='points' type='number' value={points} placeholder='兑换一件所需的积分' onInput={setPoints} />
      <Field label='库存（件）' schema={GOODS} name='stock' type='number' value={stock} placeholder='货架上可兑换的数量' onInput={setStock} />
      <Field label='每人每月限兑（选填）' schema={GOODS} name='perPersonMonthly' type='number' value={limit} placeholder='不填则不限' onInput={setLimit} />
      <Field label='领取地点和时间' schema={GOODS} name='pickup' value={pickup} placeholder='如：滩尾村实践站，工作日9:00–17:00' onInput={setPickup} />
      <GoodsPicture unitId={unitId} value={picture} onChange={setPicture} />
      <View className='mall__switch-row'>
        <Text className='field-label'>上架（群众可以兑换）</Text>
        <Switch checked={active} color='#C8102E' onChange={(e) => setActive(e.detail.value)} />
      </View>
      <FormFooter error={form.error} busy={form.busy} label='保存' busyLabel='正在保存…' onSubmit={() => void save()}>
        <Button className='btn' onClick={onCancel}>
          取消
        </Button>
      </FormFooter>
    </View>
  )
}
