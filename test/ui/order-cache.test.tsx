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
