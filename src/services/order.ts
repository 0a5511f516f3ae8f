/** Typed client of the `order` cloud function. */
import type { ActionInput, ActionName } from '~types/schemas'
import { call } from './transport'

type Input<A extends ActionName<'order'>> = ActionInput<'order', A>

export const place = (input: Input<'place'>) => call('order', 'place', input)
export const get = (orderId: string) => call('order', 'get', { orderId })
/** Who has seen the order's phone and address (its owner and managers). */
export const reveals = (orderId: string) => call('order', 'reveals', { orderId })
export const listMine = (cursor?: string) => call('order', 'listMine', { cursor })
export const queue = (cursor?: string) => call('order', 'queue', { cursor })
export const tasks = (cursor?: string) => call('order', 'tasks', { cursor })
/** 订单总览: every order of a unit's subtree, filtered (managers and admins). */
export const overview = (input: Input<'overview'>) => call('order', 'overview', input)
export const followUps = (input: Input<'followUps'>) => call('order', 'followUps', input)
export const recommend = (orderId: string) => call('order', 'recommend', { orderId })
export const dispatch = (input: Input<'dispatch'>) => call('order', 'dispatch', input)
export const escalate = (input: Input<'escalate'>) => call('order', 'escalate', input)
export const recall = (input: Input<'recall'>) => call('order', 'recall', input)
export const decline = (input: Input<'decline'>) => call('order', 'decline', input)
export const reject = (input: Input<'reject'>) => call('order', 'reject', input)
export const cancel = (input: Input<'cancel'>) => call('order', 'cancel', input)
export const claim = (input: Input<'claim'>) => call('order', 'claim', input)
export const unclaim = (input: Input<'unclaim'>) => call('order', 'unclaim', input)
export const complete = (input: Input<'complete'>) => call('order', 'complete', input)
export const rate = (input: Input<'rate'>) => call('order', 'rate', input)
/** Check-in on site (issue 10): the code to show, and a volunteer's check-in and check-out with it. */
export const checkinCode = (orderId: string) => call('order', 'checkinCode', { orderId })
export const checkIn = (input: Input<'checkIn'>) => call('order', 'checkIn', input)
export const checkOut = (input: Input<'checkOut'>) => call('order', 'checkOut', input)
/** A manager's decision on a claimer's 待核实 hours. */
export const approveHours = (input: Input<'approveHours'>) => call('order', 'approveHours', input)
/** 回访 and 申诉 (issue 11) */
export const followUp = (input: Input<'followUp'>) => call('order', 'followUp', input)
export const appeal = (input: Input<'appeal'>) => call('order', 'appeal', input)
export const decideAppeal = (input: Input<'decideAppeal'>) => call('order', 'decideAppeal', input)
export const rejectHours = (input: Input<'rejectHours'>) => call('order', 'rejectHours', input)
