import { createOrderList, useOrders } from '~src/stores/orders'
import { answer, item, orderView } from '~test/support/order-fixture'

/** The order cache: writes and loads put their answers in it, and every order list follows it. */
describe('order cache', () => {
  const page = { items: [item(orderView({ id: 'a' }), ['cancel']), item(orderView({ id: 'b' }), ['cancel'])], nextCursor: null }

  it('keeps the latest answer per order, offer included', () => {
    useOrders.getState().put(answer(orderView({ id: 'k' }), ['dispatch'], []))
    useOrders.getState().put(answer(orderView({ id: 'k', status: 'dispatched' }), ['recall'], []))
    expect(useOrders.getState().get('k')).toMatchObject({ order: { id: 'k', status: 'dispatched' }, actions: ['recall'] })
  })

  it('a list shows an order it holds as the cache last heard of it, and leaves the others alone', async () => {
    const list = createOrderList(async () => page)
    await list.getState().reload()
    const untouched = list.getState().items[1]
    useOrders.getState().put(answer(orderView({ id: 'a', status: 'cancelled' }), [], []))
    expect(list.getState().items.map((o) => [o.id, o.status, o.actions])).toEqual([
      ['a', 'cancelled', []],
      ['b', 'placed', ['cancel']],
    ])
    expect(list.getState().items[1]).toBe(untouched)
  })

  it('an order the list does not hold is not added to it', async () => {
    const list = createOrderList(async () => page)
    await list.getState().reload()
    useOrders.getState().put(answer(orderView({ id: 'elsewhere' })))
    expect(list.getState().items.map((o) => o.id)).toEqual(['a', 'b'])
  })
})

describe('order cache and the masked contact of lists', () => {
  const shown = orderView({ id: 'm', version: 3, phone: '13800001234', address: '滩尾村三组12号', contactVisible: true })
  const listed = { ...shown, phone: '138****1234', address: '滩尾村三****', contactVisible: false }

  it('a list item of the version held keeps the contact the order page was shown', () => {
    useOrders.getState().put(answer(shown, ['unclaim']))
    useOrders.getState().put(item(listed, ['unclaim', 'complete']))
    expect(useOrders.getState().get('m')).toMatchObject({ order: { phone: '13800001234', address: '滩尾村三组12号', contactVisible: true }, actions: ['unclaim', 'complete'] })
  })

  it('a newer version, or an order page answer that masks it, is taken as it is', () => {
    useOrders.getState().put(answer(shown))
    useOrders.getState().put(item({ ...listed, version: 4 }, []))
    expect(useOrders.getState().get('m')?.order).toMatchObject({ phone: '138****1234', contactVisible: false })
    useOrders.getState().put(answer({ ...shown, version: 5 }))
    useOrders.getState().put(answer({ ...listed, version: 5 }))
    expect(useOrders.getState().get('m')?.order).toMatchObject({ phone: '138****1234', contactVisible: false })
  })
})
