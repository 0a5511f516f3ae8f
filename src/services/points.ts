/** Typed client of the `points` cloud function. */
import type { ActionInput } from '~types/schemas'
import { call } from './transport'

export const balance = () => call('points', 'balance', {})
export const ledger = (cursor?: string) => call('points', 'ledger', { cursor })
export const leaderboard = (input: ActionInput<'points', 'leaderboard'> = {}) => call('points', 'leaderboard', input)
export const serviceRecords = () => call('points', 'serviceRecords', {})
