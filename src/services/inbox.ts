/** Typed client of the `inbox` cloud function (消息). */
import { call } from './transport'

export const list = (cursor?: string) => call('inbox', 'list', { cursor })
export const unread = () => call('inbox', 'unread', {})
export const read = (input: { ids: string[] } | { all: true }) => call('inbox', 'read', input)
