/** Typed client of the `points` cloud function. */
import type { ActionInput } from '~types/schemas'
import { call } from './transport'

export const balance = () => call('points', 'balance', {})
export const ledger = (cursor?: string) => call('points', 'ledger', { cursor })
export const leaderboard = (input: ActionInput<'points', 'leaderboard'> = {}) => call('points', 'leaderboard', input)
export const serviceRecords = () => call('points', 'serviceRecords', {})
/** The year's honours (年度评选) of a unit's subtree. */
export const honors = (input: ActionInput<'points', 'honors'>) => call('points', 'honors', input)
