import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import type { OrderOffer } from '~types/api'
import { ROUTES, withQuery } from '../../routes'

/** 出示签到码: only when the server offers it (the owner, the unit's managers, the dispatched teams' leaders). */
export default function CodeLink({ orderId, offer }: { orderId: string; offer: OrderOffer | null | undefined }) {
  if (!offer?.showsCheckinCode) return null
  return (
    <Button className='btn btn--primary' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.checkin.code, { id: orderId }) })}>
      出示签到码
    </Button>
  )
}
