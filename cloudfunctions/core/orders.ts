import type { MenuItem, Order, ParsedInput, User } from '~types'
import { PREFERRED_AT_PAST_HOURS, type PolicyConfig } from './config'
import { fail } from './errors'

/** Builds a freshly placed order (the `place` row of the lifecycle). */
export function newOrder(args: {
  id: string
  input: ParsedInput<'order', 'place'>
  user: User
  menuItem: MenuItem | null
  policy: PolicyConfig['points']
  now: string
}): Order {
  const { id, input, user, menuItem, policy, now } = args
  if (input.onBehalfOf && !user.roles.includes('proxy')) fail('FORBIDDEN', '只有代办员可以代人点单')
  if (user.unitPath.length === 0) fail('INVALID_INPUT', '请先在“我的”里选择您所在的村（社区）')
  if (menuItem && !menuItem.active) fail('CONFLICT', '该服务已下架，请选择其他服务')
  if (menuItem && !user.unitPath.includes(menuItem.orgUnitId)) fail('FORBIDDEN', '该服务不在您所在地区的菜单中')
  // the schema checked the format (and normalised it); whether it is past needs the server's clock
  if (input.preferredAt && Date.parse(input.preferredAt) < Date.parse(now) - PREFERRED_AT_PAST_HOURS * 3600 * 1000) {
    fail('INVALID_INPUT', '期望时间已经过去，请重新选择')
  }
  const themeId = menuItem?.themeId ?? input.themeId!
  if (menuItem && input.themeId && input.themeId !== menuItem.themeId) fail('INVALID_INPUT', '服务主题与菜单不一致')
  const orgUnitId = user.unitPath[user.unitPath.length - 1]
  const placedFor = input.onBehalfOf ? `（代${input.onBehalfOf.name}点单）` : ''
  return {
    id,
    status: 'placed',
    version: 1,
    title: input.title ?? menuItem?.title ?? input.need.slice(0, 20),
    need: input.need,
    themeId,
    menuItemId: menuItem?.id ?? null,
    basePoints: menuItem?.points ?? policy.defaultBase,
    phone: input.phone,
    ...(input.onBehalfOf && user.phone !== '' && input.phone === user.phone && { phoneOfProxy: true }),
    address: input.address,
    beneficiaryCount: input.beneficiaryCount,
    preferredAt: input.preferredAt ?? null,
    ownerId: user.id,
    ownerName: user.name,
    onBehalfOf: input.onBehalfOf ?? null,
    orgUnitId,
    unitPath: [...user.unitPath],
    originPath: [...user.unitPath],
    teamIds: [],
    capacity: 1,
    claims: [],
    completion: null,
    rating: null,
    reason: '',
    timeline: [
      { at: now, actorId: user.id, actorName: user.name, action: 'place', from: null, to: 'placed', note: `${(input.need || menuItem?.title || '').slice(0, 40)}${placedFor}` },
    ],
    createdAt: now,
    updatedAt: now,
  }
}
