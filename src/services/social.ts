/** Typed client of the `public` function's 社会评单 actions: the 公示栏, likes and public ratings. */
import type { ActionInput } from '~types/schemas'
import { call } from './transport'

export const wall = (input: ActionInput<'public', 'wall'> = {}) => call('public', 'wall', input)
export const like = (orderId: string, requestId: string) => call('public', 'like', { orderId, requestId })
export const unlike = (orderId: string, requestId: string) => call('public', 'unlike', { orderId, requestId })
export const rate = (input: ActionInput<'public', 'rate'>) => call('public', 'rate', input)
