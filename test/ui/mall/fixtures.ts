import type { Goods, Redemption } from '~types/mall'

export function goods(over: Partial<Goods> = {}): Goods {
  return {
    id: 'g-1',
    name: '洗衣液',
    points: 30,
    stock: 3,
    perPersonMonthly: 2,
    pickup: '滩尾村实践站，周六上午',
    active: true,
    orgUnitId: 'unit-tanwei',
    unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'],
    updatedAt: '2026-03-01T00:00:00.000Z',
    updatedBy: 'u-m',
    ...over,
  }
}

export function redemption(over: Partial<Redemption> = {}): Redemption {
  return {
    id: 'rd-1',
    code: 'ABCD2345',
    goodsId: 'g-1',
    goodsName: '洗衣液',
    quantity: 1,
    points: 30,
    userId: 'u-1',
    userName: '王大爷',
    orgUnitId: 'unit-tanwei',
    unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'],
    pickup: '滩尾村实践站，周六上午',
    status: 'reserved',
    createdAt: '2026-03-02T01:00:00.000Z',
    month: '2026-03',
    expiresAt: '2026-04-01T01:00:00.000Z',
    ...over,
  }
}
