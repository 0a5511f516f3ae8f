/** Typed client of the `stats` cloud function (used only by the statistics subpackage). */
import type { ActionInput } from '~types/schemas'
import { call } from './transport'

export const summary = (input: ActionInput<'stats', 'summary'>) => call('stats', 'summary', input)
export const idleTeams = (unitId?: string) => call('stats', 'idleTeams', { unitId })
/** 回头看: a month's orders without a resolved outcome, by group; with `reason` and `cursor`, that group's next page */
export const lookBack = (input: ActionInput<'stats', 'lookBack'>) => call('stats', 'lookBack', input)
