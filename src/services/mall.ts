/** Typed client of the `mall` cloud function (积分超市). */
import type { ActionInput } from '~types/schemas'
import { call } from './transport'

type Input<A extends 'goods' | 'upsertGoods' | 'redeem' | 'pending' | 'fulfil' | 'cancel'> = ActionInput<'mall', A>

/** The shelf of the person's station, 所 and county (or a unit's own, with includeInactive, for its managers), with the balance. */
export const goods = (input: Input<'goods'> = {}) => call('mall', 'goods', input)
export const upsertGoods = (input: Input<'upsertGoods'>) => call('mall', 'upsertGoods', input)
export const redeem = (input: Input<'redeem'>) => call('mall', 'redeem', input)
export const mine = (cursor?: string) => call('mall', 'mine', { cursor })
export const pending = (input: Input<'pending'> = {}) => call('mall', 'pending', input)
export const fulfil = (input: Input<'fulfil'>) => call('mall', 'fulfil', input)
export const cancel = (input: Input<'cancel'>) => call('mall', 'cancel', input)
