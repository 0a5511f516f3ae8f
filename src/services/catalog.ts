/** Typed client of the `catalog` cloud function. */
import type { ActionInput } from '~types/schemas'
import { call } from './transport'

type Input<A extends 'menu' | 'teams' | 'upsertMenuItem' | 'upsertTeam' | 'updateLimits'> = ActionInput<'catalog', A>

/** The whole 中心 → 所 → 站 tree, as a flat list of units. */
export const tree = () => call('catalog', 'tree', {})
export const themes = () => call('catalog', 'themes', {})
export const menu = (input: Input<'menu'> = {}) => call('catalog', 'menu', input)
export const teams = (input: Input<'teams'> = {}) => call('catalog', 'teams', input)
export const upsertMenuItem = (input: Input<'upsertMenuItem'>) => call('catalog', 'upsertMenuItem', input)
export const upsertTeam = (input: Input<'upsertTeam'>) => call('catalog', 'upsertTeam', input)
/** A unit's time limits in force, where each comes from, and what the unit sets itself. */
export const limits = (unitId: string) => call('catalog', 'limits', { unitId })
export const updateLimits = (input: Input<'updateLimits'>) => call('catalog', 'updateLimits', input)
