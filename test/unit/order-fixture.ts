import type { Order, Team, User } from '~types'

export const NOW = '2026-03-01T08:00:00.000Z'

export function user(over: Partial<User> = {}): User {
  return {
    id: 'u-1',
    openid: 'o-1',
    name: '测试用户',
    phone: '',
    roles: ['resident'],
    orgUnitId: 'st',
    unitPath: ['c', 'in', 'st'],
    managedUnitId: null,
    teamIds: [],
    createdAt: NOW,
    ...over,
  }
}

export function team(over: Partial<Team> = {}): Team {
  return { id: 't-1', name: '测试队', themeIds: ['health'], orgUnitId: 'st', leaderId: null, memberIds: [], description: '', ...over }
}

export function order(over: Partial<Order> = {}): Order {
  return {
    id: 'o-1',
    status: 'placed',
    version: 1,
    title: '健康义诊',
    need: '量血压',
    themeId: 'health',
    menuItemId: 'm-1',
    basePoints: 10,
    phone: '13800001234',
    address: '苏溪镇滩尾村三组12号',
    beneficiaryCount: 1,
    preferredAt: null,
    ownerId: 'owner',
    ownerName: '王大爷',
    onBehalfOf: null,
    orgUnitId: 'st',
    unitPath: ['c', 'in', 'st'],
    originPath: ['c', 'in', 'st'],
    teamIds: [],
    capacity: 1,
    claims: [],
    completion: null,
    rating: null,
    reason: '',
    timeline: [],
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  }
}
