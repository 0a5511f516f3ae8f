/** Typed client of the `user` cloud function. */
import type { ActionInput } from '~types/schemas'
import { call } from './transport'

type Input<A extends 'updateProfile' | 'applyTeam' | 'approveMember' | 'grantRole' | 'grantSubscribe' | 'audit'> = ActionInput<'user', A>

/** Sign in (the account is created on first use) and get the caller's profile. */
export const login = () => call('user', 'login', {})
export const updateProfile = (input: Input<'updateProfile'>) => call('user', 'updateProfile', input)
export const applyTeam = (input: Input<'applyTeam'>) => call('user', 'applyTeam', input)
export const approveMember = (input: Input<'approveMember'>) => call('user', 'approveMember', input)
/** 人员与角色: people whose name or phone starts with q (admins). */
export const search = (q: string, cursor?: string) => call('user', 'search', { q, cursor })
export const grantRole = (input: Input<'grantRole'>) => call('user', 'grantRole', input)
/** My own team memberships, active and pending. */
export const memberships = () => call('user', 'memberships', {})
/** Applications waiting for me (a 队长, or a manager of the team's unit). */
export const applications = () => call('user', 'applications', {})
/** What the person answered when asked to subscribe (weapp): each accepted template allows one message. */
export const grantSubscribe = (input: Input<'grantSubscribe'>) => call('user', 'grantSubscribe', input)
/** The audit log (admins): newest first, of one kind and/or unit, a page after `cursor`. */
export const audit = (input: Input<'audit'>) => call('user', 'audit', input)
