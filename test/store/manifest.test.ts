/**
 * The deployment manifest declares every collection the CloudBase store touches, with ADMINONLY permission, and an
 * index behind every query it issues. The queries are recorded from the fake database while the whole store contract
 * (plus a workload over more than one page) runs against the adapter.
 */
import manifest from '~deploy/manifest.json'
import { COLLECTIONS, createCloudbaseStores } from '~adapters/cloudbase'
import { type CallRecord, FakeCloudDb, queryBranches } from '~test/support/cloudbase-fake'
import { runStoreContract } from './contract'
import { at, makeEntry, makeOrder, makeUser } from './fixtures'

type Direction = 'asc' | 'desc'
interface IndexSpec {
  name: string
  unique: boolean
  fields: Array<{ field: string; direction: Direction }>
}
interface CollectionSpec {
  name: string
  permission: string
  indexes: IndexSpec[]
}

const collections = manifest.collections as CollectionSpec[]
const recorded: CallRecord[] = []

runStoreContract('cloudbase, recording queries for the manifest', async () => {
  const db = new FakeCloudDb()
  db.onCall = (call) => {
    recorded.push(call)
  }
  return { stores: createCloudbaseStores(db), corruptBalance: (u, v) => db.put('balances', { ...db.peek('balances', u)!, balance: v }) }
})

type Branch = { equality: Set<string>; range: Set<string> }

/** Served by the _id index alone: a lookup by _id, or a scan in _id order with at most an _id range. */
function byIdOnly(branch: Branch, sort: Array<[string, Direction]>): boolean {
  if (branch.equality.has('_id')) return true
  return [...branch.equality, ...branch.range, ...sort.map(([f]) => f)].every((f) => f === '_id')
}

/** Whether an index serves a query branch: equality fields first, then the sort, then ranges (ESR). */
function backs(index: IndexSpec, branch: Branch, sort: Array<[string, Direction]>): boolean {
  const fields = index.fields.map((f) => f.field)
  const equality = [...branch.equality].filter((f) => f !== '_id')
  const range = [...branch.range].filter((f) => f !== '_id')
  const sortFields = sort.filter(([f]) => f !== '_id' && !branch.equality.has(f))
  const used = new Set([...equality, ...range, ...sortFields.map(([f]) => f)])
  if (!used.has(fields[0])) return false
  let p = 0
  while (p < fields.length && branch.equality.has(fields[p])) p++
  const directions = sortFields.map(([field, dir], i) => {
    const spec = index.fields[p + i]
    if (!spec || spec.field !== field) return null
    return spec.direction === dir ? 'same' : 'reversed'
  })
  if (directions.some((d) => d === null) || new Set(directions).size > 1) return false
  const reach = new Set(fields.slice(0, p + sortFields.length + 1))
  return range.every((f) => reach.has(f))
}

function problems(calls: CallRecord[]): string[] {
  const out: string[] = []
  for (const call of calls) {
    if (!call.collection || call.where === undefined) continue
    const spec = collections.find((c) => c.name === call.collection)
    if (!spec) continue
    const sort = (call.orderBy ?? []) as Array<[string, Direction]>
    for (const branch of queryBranches(call.where)) {
      if (byIdOnly(branch, sort)) continue
      if (!spec.indexes.some((index) => backs(index, branch, sort))) {
        out.push(
          `${call.op} ${call.collection}: equality [${[...branch.equality]}] range [${[...branch.range]}] sort [${sort.map((s) => s.join(' '))}]`,
        )
      }
    }
  }
  return [...new Set(out)]
}

describe('deployment manifest', () => {
  test('a workload beyond one page of everything', async () => {
    const db = new FakeCloudDb()
    db.onCall = (call) => {
      recorded.push(call)
    }
    const stores = createCloudbaseStores(db)
    for (let i = 0; i < 120; i++) {
      await stores.users.createUser(makeUser({ id: `mu-${i}` }))
      await stores.orders.insertOrder(makeOrder({ ownerId: 'mo', status: 'completed', createdAt: at(i), updatedAt: at(i) }))
      await stores.ledger.appendLedger([makeEntry({ userId: `mu-${i}`, at: at(i) })])
    }
    await stores.users.listUsers()
    await stores.orders.listStale('completed', at(500), 150)
    await stores.ledger.reconcile()
    await stores.orders.listOrders({ kind: 'owner', ownerId: 'mo' }, { limit: 100 })
    await stores.orders.listOrders({ kind: 'tasks', teamIds: ['t'], volunteerId: 'v' }, { limit: 100 })
  })

  test('every collection the store touches is declared, with ADMINONLY permission', () => {
    expect(recorded.length).toBeGreaterThan(100)
    const declared = collections.map((c) => c.name)
    const touched = [...new Set(recorded.map((c) => c.collection).filter((c): c is string => !!c))]
    expect(touched.filter((c) => !declared.includes(c))).toEqual([])
    expect([...declared].sort()).toEqual([...COLLECTIONS].sort())
    for (const c of collections) expect(c.permission).toBe('ADMINONLY')
    expect(touched.sort()).toEqual([...COLLECTIONS].sort())
  })

  test('every query (and the first match of every aggregate) is backed by a declared index', () => {
    expect(recorded.filter((c) => c.where !== undefined).length).toBeGreaterThan(50)
    expect(problems(recorded)).toEqual([])
  })

  test('every read of the whole workload names a page size of at most 100', () => {
    const reads = recorded.filter((c) => c.op === 'get' || c.op === 'aggregate')
    expect(reads.length).toBeGreaterThan(50)
    expect(reads.filter((c) => c.limit === undefined || c.limit < 1 || c.limit > 100)).toEqual([])
  })

  test('the check itself refuses an unindexed query and a sort against the index', () => {
    const call = (where: object, orderBy?: Array<[string, Direction]>): CallRecord => ({
      op: 'get',
      collection: 'orders',
      where,
      orderBy,
      inTransaction: false,
    })
    expect(problems([call({ title: 'x' })])).toHaveLength(1)
    expect(problems([call({ ownerId: 'o' }, [['updatedAt', 'desc']])])).toHaveLength(1)
    expect(problems([call({ ownerId: 'o' }, [['createdAt', 'asc'], ['_id', 'asc']])])).toEqual([])
    expect(problems([call({ status: 'placed' }, [['createdAt', 'asc']])])).toHaveLength(1)
  })

  test('indexes are well formed and each is used by some query', () => {
    const used = new Set<string>()
    for (const call of recorded) {
      if (!call.collection || call.where === undefined) continue
      const spec = collections.find((c) => c.name === call.collection)!
      for (const branch of queryBranches(call.where)) {
        if (byIdOnly(branch, (call.orderBy ?? []) as Array<[string, Direction]>)) continue
        for (const index of spec.indexes) {
          if (backs(index, branch, (call.orderBy ?? []) as Array<[string, Direction]>)) used.add(`${spec.name}.${index.name}`)
        }
      }
    }
    for (const c of collections) {
      for (const index of c.indexes) {
        expect(index.fields.length).toBeGreaterThan(0)
        for (const f of index.fields) expect(['asc', 'desc']).toContain(f.direction)
        expect(used).toContain(`${c.name}.${index.name}`)
      }
    }
  })
})
