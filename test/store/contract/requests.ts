/** The bound-requests port: its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import { at } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function requestsContract(make: MakeStores): void {
  describe('requests', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('bindRequest binds a key to its target once; answerRequest stores the answer a retry then gets', async () => {
      const key = 'u1:user.grantRole:r1'
      expect(await stores.requests.bindRequest(key, 'u2/volunteer', at(1))).toEqual({ kind: 'new' })
      expect(await stores.requests.bindRequest(key, 'u2/volunteer', at(2))).toEqual({ kind: 'retry', answered: false })
      expect(await stores.requests.bindRequest(key, 'u3/volunteer', at(2))).toEqual({ kind: 'elsewhere' })
      await stores.requests.answerRequest(key, { user: { id: 'u2', roles: ['volunteer'] } })
      expect(await stores.requests.bindRequest(key, 'u2/volunteer', at(3))).toEqual({ kind: 'retry', answered: true, response: { user: { id: 'u2', roles: ['volunteer'] } } })
      // the first answer stays
      await stores.requests.answerRequest(key, 'later')
      expect(await stores.requests.bindRequest(key, 'u2/volunteer', at(4))).toMatchObject({ response: { user: { id: 'u2' } } })
      expect(await stores.requests.bindRequest(key, 'u3/volunteer', at(4))).toEqual({ kind: 'elsewhere' })
      // another key is another request
      expect(await stores.requests.bindRequest('u1:user.grantRole:r2', 'u3/volunteer', at(5))).toEqual({ kind: 'new' })
    })

    test('releaseRequest unbinds a request without an answer, never one answered', async () => {
      await stores.requests.bindRequest('k-refused', 'team-1', at(1))
      await stores.requests.releaseRequest('k-refused')
      expect(await stores.requests.bindRequest('k-refused', 'team-2', at(2))).toEqual({ kind: 'new' })
      await stores.requests.answerRequest('k-refused', null)
      await stores.requests.releaseRequest('k-refused')
      expect(await stores.requests.bindRequest('k-refused', 'team-2', at(3))).toEqual({ kind: 'retry', answered: true, response: null })
      await stores.requests.releaseRequest('k-never-bound')
    })

    test('parallel first attempts: exactly one binds', async () => {
      const answers = await Promise.all(['a', 'b', 'a', 'c', 'a', 'b'].map((target) => stores.requests.bindRequest('k-race', target, at(1))))
      expect(answers.filter((a) => a.kind === 'new')).toHaveLength(1)
      expect(answers.filter((a) => a.kind === 'elsewhere').length + answers.filter((a) => a.kind === 'retry').length).toBe(5)
    })
  })
}
