/**
 * `aggregate()`: match, unwind, group ($sum, $cond, $gt), sort, skip, limit, and lookup in its uncorrelated form
 * (`{ from, pipeline: [{ $match }, { $limit }], as }`, no `let`), as one request at `end()`.
 */
import type { DbAggregate, DocData } from '~adapters/cloudbase/db-types'
import { Cmd } from './commands'
import { invalidError } from './errors'
import type { FakeCloudDb } from './index'
import { clone, comparable, compareValues, isPlain, matches, reachOne, sortRows } from './matching'

function evaluate(row: DocData, expr: unknown): unknown {
  if (typeof expr === 'string' && expr.startsWith('$')) {
    let value: unknown = row
    for (const key of expr.slice(1).split('.')) value = value == null ? undefined : (value as Record<string, unknown>)[key]
    return value
  }
  if (expr instanceof Cmd) {
    const [arg] = expr.args
    if (expr.op === 'gt') {
      const [a, b] = (arg as unknown[]).map((e) => evaluate(row, e))
      return comparable(a, b) && compareValues(a, b) > 0
    }
    if (expr.op === 'cond') {
      const c = Array.isArray(arg) ? { if: arg[0], then: arg[1], else: arg[2] } : (arg as Record<string, unknown>)
      return evaluate(row, c.if) ? evaluate(row, c.then) : evaluate(row, c.else)
    }
    throw invalidError('collection.aggregate', `${expr.op} is only an accumulator`)
  }
  if (isPlain(expr)) return Object.fromEntries(Object.entries(expr).map(([k, v]) => [k, evaluate(row, v)]))
  return expr
}

function group(rows: DocData[], spec: Record<string, unknown>): DocData[] {
  const groups = new Map<string, DocData>()
  for (const row of rows) {
    const id = evaluate(row, spec._id) ?? null
    const key = JSON.stringify(id)
    let out = groups.get(key)
    if (!out) groups.set(key, (out = { _id: id as DocData['_id'] }))
    for (const [field, acc] of Object.entries(spec)) {
      if (field === '_id') continue
      if (!(acc instanceof Cmd) || acc.op !== 'sum') throw invalidError('collection.aggregate', `unsupported accumulator for ${field}`)
      const value = evaluate(row, acc.args[0])
      out[field] = ((out[field] as number | undefined) ?? 0) + (typeof value === 'number' ? value : 0)
    }
  }
  return [...groups.values()].reverse()
}

export class FakeAggregate implements DbAggregate {
  constructor(
    private readonly db: FakeCloudDb,
    private readonly name: string,
    private readonly stages: Array<[string, unknown]>,
  ) {}

  private push(stage: string, value: unknown): DbAggregate {
    return new FakeAggregate(this.db, this.name, [...this.stages, [stage, value]])
  }

  match(condition: object): DbAggregate {
    return this.push('match', condition)
  }
  unwind(fieldPath: string): DbAggregate {
    return this.push('unwind', fieldPath)
  }
  group(spec: object): DbAggregate {
    return this.push('group', spec)
  }
  sort(spec: Record<string, 1 | -1>): DbAggregate {
    return this.push('sort', spec)
  }
  skip(n: number): DbAggregate {
    return this.push('skip', n)
  }
  limit(n: number): DbAggregate {
    return this.push('limit', n)
  }
  lookup(spec: object): DbAggregate {
    return this.push('lookup', spec)
  }

  /** The documents of `from` that an uncorrelated lookup pipeline selects (raw stages, as the SDK sends them). */
  private joined(spec: Record<string, unknown>): DocData[] {
    if (typeof spec.from !== 'string' || typeof spec.as !== 'string' || !Array.isArray(spec.pipeline) || 'let' in spec) {
      throw invalidError('collection.aggregate', 'the fake supports only lookup({ from, pipeline, as })')
    }
    let rows = [...this.db.table(spec.from).values()].map(clone)
    for (const stage of spec.pipeline as Array<Record<string, unknown>>) {
      if ('$match' in stage) rows = rows.filter((r) => matches(r, stage.$match))
      else if ('$limit' in stage) rows = rows.slice(0, stage.$limit as number)
      else throw invalidError('collection.aggregate', `unsupported lookup stage ${Object.keys(stage)[0]}`)
    }
    return rows
  }

  async end(): Promise<{ list: unknown[] }> {
    const first = this.stages[0]
    await this.db.request({
      op: 'aggregate',
      collection: this.name,
      where: first?.[0] === 'match' ? first[1] : undefined,
      stages: this.stages,
      limit: this.stages.find(([s]) => s === 'limit')?.[1] as number | undefined,
      inTransaction: false,
    })
    let rows = [...this.db.table(this.name).values()].map(clone)
    for (const [stage, value] of this.stages) {
      switch (stage) {
        case 'match':
          rows = rows.filter((r) => matches(r, value))
          break
        case 'unwind': {
          const field = String(value).replace(/^\$/, '')
          rows = rows.flatMap((r) => {
            const list = reachOne(r, field)
            return Array.isArray(list) ? list.map((item) => ({ ...r, [field]: item })) : []
          })
          break
        }
        case 'group':
          rows = group(rows, value as Record<string, unknown>)
          break
        case 'sort':
          rows = sortRows(rows, Object.entries(value as Record<string, 1 | -1>))
          break
        case 'skip':
          rows = rows.slice(value as number)
          break
        case 'limit':
          rows = rows.slice(0, value as number)
          break
        case 'lookup': {
          const spec = value as Record<string, unknown>
          rows = rows.map((r) => ({ ...r, [spec.as as string]: this.joined(spec) }))
          break
        }
        default:
          throw invalidError('collection.aggregate', `unsupported stage ${stage}`)
      }
    }
    if (!this.stages.some(([s]) => s === 'limit')) rows = rows.slice(0, 20)
    return { list: rows }
  }
}
