/** Collections, queries and documents: every call is one request to the fake database. */
import type { DbAggregate, DbCollection, DbDocument, DbQuery, DocData } from '~adapters/cloudbase/db-types'
import { FakeAggregate } from './aggregation'
import { duplicateError, invalidError, sdkError } from './errors'
import type { CallRecord, FakeCloudDb } from './index'
import { clone, containsCmd, deepEqual, isPlain, matches, sortRows } from './matching'
import type { DocView } from './transactions'
import { applyUpdate } from './updates'

interface QuerySpec {
  where?: unknown
  orderBy: Array<[string, 'asc' | 'desc']>
  skip?: number
  limit?: number
}

export class FakeQuery implements DbQuery {
  constructor(
    protected readonly db: FakeCloudDb,
    readonly name: string,
    protected readonly view: DocView,
    protected readonly spec: QuerySpec = { orderBy: [] },
  ) {}

  private with(change: Partial<QuerySpec>): FakeQuery {
    return new FakeQuery(this.db, this.name, this.view, { ...this.spec, ...change })
  }

  where(condition: object): FakeQuery {
    if (condition === null || typeof condition !== 'object') throw invalidError('collection.where', 'query must be an object')
    return this.with({ where: condition })
  }

  orderBy(fieldPath: string, direction: 'asc' | 'desc'): FakeQuery {
    if (direction !== 'asc' && direction !== 'desc') throw invalidError('collection.orderBy', 'direction must be asc or desc')
    return this.with({ orderBy: [...this.spec.orderBy, [fieldPath, direction]] })
  }

  skip(offset: number): FakeQuery {
    if (!Number.isInteger(offset)) throw new Error('skip must be an integer')
    return this.with({ skip: offset })
  }

  limit(max: number): FakeQuery {
    if (!Number.isInteger(max)) throw new Error('limit must be an integer')
    return this.with({ limit: max })
  }

  private record(op: CallRecord['op']): CallRecord {
    return {
      op,
      collection: this.name,
      where: this.spec.where,
      orderBy: this.spec.orderBy.length ? this.spec.orderBy : undefined,
      limit: this.spec.limit,
      inTransaction: false,
    }
  }

  private matching(): DocData[] {
    const docs = [...this.db.table(this.name).values()].filter((d) => matches(d, this.spec.where))
    return sortRows(
      docs,
      this.spec.orderBy.map(([f, d]) => [f, d === 'asc' ? 1 : -1]),
    )
  }

  async get(): Promise<{ data: DocData[] }> {
    await this.db.request(this.record('get'))
    const limit = this.spec.limit || 100
    if (limit > 1000) throw invalidError('collection.get', `limit ${limit} is above 1000`)
    const skip = this.spec.skip ?? 0
    return { data: this.matching().slice(skip, skip + limit).map(clone) }
  }

  async count(): Promise<{ total: number }> {
    await this.db.request(this.record('count'))
    return { total: this.matching().length }
  }

  async update(options: { data: object }): Promise<{ stats: { updated: number } }> {
    await this.db.request(this.record('update'))
    let updated = 0
    for (const doc of this.matching()) {
      const next = applyUpdate(doc, options?.data, 'collection.update')
      if (!deepEqual(next, doc)) {
        this.db.commitWrite(this.name, String(doc._id), next)
        updated++
      }
    }
    return { stats: { updated } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await this.db.request(this.record('remove'))
    const docs = this.matching()
    for (const doc of docs) this.db.commitWrite(this.name, String(doc._id), null)
    return { stats: { removed: docs.length } }
  }
}

export class FakeCollection extends FakeQuery implements DbCollection {
  doc(id: string): FakeDocument {
    if (typeof id !== 'string' && typeof id !== 'number') throw new Error('docId必须为字符串或数字')
    return new FakeDocument(this.db, this.name, String(id), this.view)
  }

  async add(options: { data: DocData }): Promise<{ _id: string }> {
    const tx = this.view.tx
    await this.db.request({ op: 'add', collection: this.name, docId: String(options?.data?._id ?? ''), inTransaction: !!tx })
    const run = () => {
      tx?.check('collection.add', true)
      const data = options?.data
      if (!isPlain(data)) throw invalidError('collection.add', 'data must be an object')
      if (containsCmd(data)) throw invalidError('collection.add', 'data must not contain commands')
      const id = data._id === undefined ? this.db.newId() : String(data._id)
      if (this.view.read(this.name, id)) throw duplicateError('collection.add', this.name, id)
      this.view.write(this.name, id, { ...clone(data), _id: id })
      return { _id: id }
    }
    return tx ? tx.guard(run) : run()
  }

  aggregate(): DbAggregate {
    return new FakeAggregate(this.db, this.name, [])
  }
}

export class FakeDocument implements DbDocument {
  constructor(
    private readonly db: FakeCloudDb,
    private readonly coll: string,
    private readonly id: string,
    private readonly view: DocView,
  ) {}

  private async begin(op: CallRecord['op']): Promise<void> {
    await this.db.request({ op, collection: this.coll, docId: this.id, inTransaction: !!this.view.tx })
  }

  private write<T>(api: string, run: () => T): T {
    const tx = this.view.tx
    if (!tx) return run()
    return tx.guard(() => {
      tx.check(api, true)
      return run()
    })
  }

  async get(): Promise<{ data: DocData | null }> {
    await this.begin('doc.get')
    this.view.tx?.check('document.get', false)
    const doc = this.view.read(this.coll, this.id)
    if (doc) return { data: clone(doc) }
    if (this.db.options.throwOnNotFound === false) return { data: null }
    throw sdkError('document.get', -1, `document with _id ${this.id} does not exist`)
  }

  async set(options: { data: object }): Promise<{ stats: { updated: number; created: number } }> {
    await this.begin('doc.set')
    return this.write('document.set', () => {
      const data = options?.data
      if (!isPlain(data) || Object.keys(data).length === 0) throw invalidError('document.set', '参数必需是非空对象')
      if ('_id' in data) throw invalidError('document.set', '不能更新_id的值')
      if (containsCmd(data)) throw sdkError('document.set', -502001, 'database request fail. update operator complicit')
      const existing = this.view.read(this.coll, this.id)
      const next = { ...clone(data), _id: this.id } as DocData
      const changed = !existing || !deepEqual(existing, next)
      if (changed) this.view.write(this.coll, this.id, next)
      return { stats: { updated: existing && changed ? 1 : 0, created: existing ? 0 : 1 } }
    })
  }

  async update(options: { data: object }): Promise<{ stats: { updated: number } }> {
    await this.begin('doc.update')
    return this.write('document.update', () => {
      const existing = this.view.read(this.coll, this.id)
      if (!existing) {
        applyUpdate({}, options?.data, 'document.update') // still validates the data
        return { stats: { updated: 0 } }
      }
      const next = applyUpdate(existing, options?.data, 'document.update')
      if (deepEqual(next, existing)) return { stats: { updated: 0 } }
      this.view.write(this.coll, this.id, next)
      return { stats: { updated: 1 } }
    })
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await this.begin('doc.remove')
    return this.write('document.remove', () => {
      const existing = this.view.read(this.coll, this.id)
      if (existing) this.view.write(this.coll, this.id, null)
      return { stats: { removed: existing ? 1 : 0 } }
    })
  }
}
