import Taro from '@tarojs/taro'
import type { ActionInput } from '~types/schemas'
import type { OrderAnswer } from '~types/api'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'

type PlaceInput = ActionInput<'order', 'place'> & { requestId: string }

/**
 * order.place, asking first when the server finds a likely duplicate (CONFLICT with duplicateOf: the same person
 * served, the same item, an open order within 24 hours): 再点一单 sends it again with confirmDuplicate (the same
 * requestId), 不点了 calls it off (null). One request per tap: the first tap's, then the answer to the question.
 */
export async function placeAskingAboutDuplicates(input: PlaceInput): Promise<OrderAnswer | null> {
  try {
    return await order.place(input)
  } catch (err) {
    if (!(err instanceof ApiCallError) || err.code !== 'CONFLICT' || !err.duplicateOf) throw err
    const { confirm } = await Taro.showModal({ title: '可能重复点单', content: err.message, confirmText: '再点一单', cancelText: '不点了' })
    if (!confirm) return null
    return order.place({ ...input, confirmDuplicate: true })
  }
}
