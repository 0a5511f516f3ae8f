/**
 * Values and `where` matching as the SDK serializer and MongoDB see them, plus the query shapes the manifest test
 * checks.
 */
import type { DocData } from '~adapters/cloudbase/db-types'
import { Cmd } from './commands'
import { invalidError } from './errors'

export const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Cmd)

export const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)))

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.length === kb.length && ka.every((k) => k in rb && deepEqual(ra[k], rb[k]))
}

/** `{ a: { b: 1 } }` → `{ 'a.b': 1 }`, as the SDK serializer does; commands, arrays, null and empty values stay. */
export function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue
    const path = prefix ? `${prefix}.${key}` : key
    if (isPlain(value)) flatten(value, path, out)
    else out[path] = value
  }
  return out
}

/** The values a path reaches, through arrays; a terminal array counts as itself and as each of its elements. */
export function reach(doc: unknown, path: string): { found: boolean; values: unknown[] } {
  let current: unknown[] = [doc]
  let found = true
  for (const key of path.split('.')) {
    const nextValues: unknown[] = []
    let any = false
    for (const value of current) {
      const holders = Array.isArray(value) && !/^\d+$/.test(key) ? value : [value]
      for (const holder of holders) {
        if (holder !== null && typeof holder === 'object' && key in (holder as object)) {
          nextValues.push((holder as Record<string, unknown>)[key])
          any = true
        }
      }
    }
    current = nextValues
    found = any
    if (!any) break
  }
  const values = found ? current.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v])) : []
  return { found, values }
}

const typeRank = (v: unknown): number =>
  v === undefined || v === null
    ? 0
    : typeof v === 'number'
      ? 1
      : typeof v === 'string'
        ? 2
        : Array.isArray(v)
          ? 4
          : typeof v === 'object'
            ? 3
            : 5

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (ra === 1) return (a as number) - (b as number)
  if (ra === 0) return 0
  const sa = typeof a === 'string' ? a : JSON.stringify(a)
  const sb = typeof b === 'string' ? b : JSON.stringify(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

export const comparable = (a: unknown, b: unknown) =>
  (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')

export function fieldMatches(at: { found: boolean; values: unknown[] }, expected: unknown): boolean {
  const eq = (v: unknown) => (v === null && !at.found) || at.values.some((c) => deepEqual(c, v))
  if (!(expected instanceof Cmd)) return eq(expected)
  if (expected.kind === 'logic') {
    const parts = expected.args
    return expected.op === 'and' ? parts.every((p) => fieldMatches(at, p)) : parts.some((p) => fieldMatches(at, p))
  }
  if (expected.kind !== 'query') throw invalidError('collection.get', `${expected.op} is not a query command`)
  const [arg] = expected.args
  const some = (test: (c: unknown) => boolean) => at.values.some((c) => comparable(c, arg) && test(c))
  switch (expected.op) {
    case 'eq':
      return eq(arg)
    case 'neq':
      return !eq(arg)
    case 'lt':
      return some((c) => compareValues(c, arg) < 0)
    case 'lte':
      return some((c) => compareValues(c, arg) <= 0)
    case 'gt':
      return some((c) => compareValues(c, arg) > 0)
    case 'gte':
      return some((c) => compareValues(c, arg) >= 0)
    case 'in':
      return (arg as unknown[]).some(eq)
    case 'nin':
      return !(arg as unknown[]).some(eq)
    case 'exists':
      return at.found === Boolean(arg)
    case 'regex': {
      const { regexp, options } = arg as { regexp: string; options?: string }
      const re = new RegExp(regexp, options ?? '')
      return at.values.some((c) => typeof c === 'string' && re.test(c))
    }
    default:
      throw invalidError('collection.get', `unsupported query command ${expected.op}`)
  }
}

export function matches(doc: DocData, cond: unknown): boolean {
  if (cond === undefined || cond === null) return true
  if (cond instanceof Cmd) {
    if (cond.kind !== 'logic') throw invalidError('collection.get', 'a query command needs a field')
    return cond.op === 'and' ? cond.args.every((c) => matches(doc, c)) : cond.args.some((c) => matches(doc, c))
  }
  if (!isPlain(cond)) throw invalidError('collection.get', 'query must be an object')
  return Object.entries(flatten(cond)).every(([path, expected]) => fieldMatches(reach(doc, path), expected))
}

export function sortRows(rows: DocData[], spec: Array<[string, 1 | -1]>): DocData[] {
  return [...rows].sort((a, b) => {
    for (const [field, dir] of spec) {
      const c = compareValues(reachOne(a, field), reachOne(b, field))
      if (c !== 0) return c * dir
    }
    return 0
  })
}

export const reachOne = (doc: DocData, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), doc)

// ---------------------------------------------------------------- query shapes, for the manifest test

export interface QueryBranch {
  /** fields bound by equality, `in`, array containment or `exists` */
  equality: Set<string>
  /** fields bound by lt / lte / gt / gte */
  range: Set<string>
}

/** The conjunctive branches of a where condition (its disjunctive normal form), by field. */
export function queryBranches(cond: unknown): QueryBranch[] {
  const empty = (): QueryBranch => ({ equality: new Set(), range: new Set() })
  const merge = (a: QueryBranch, b: QueryBranch): QueryBranch => ({
    equality: new Set([...a.equality, ...b.equality]),
    range: new Set([...a.range, ...b.range]),
  })
  const fieldKinds = (expected: unknown): Array<'equality' | 'range' | 'none'> => {
    if (!(expected instanceof Cmd)) return ['equality']
    if (expected.kind === 'logic') return expected.args.flatMap(fieldKinds)
    if (['lt', 'lte', 'gt', 'gte'].includes(expected.op)) return ['range']
    if (['eq', 'in', 'exists'].includes(expected.op)) return ['equality']
    return ['none']
  }
  const walk = (c: unknown): QueryBranch[] => {
    if (c === undefined || c === null) return [empty()]
    if (c instanceof Cmd) {
      const parts = c.args.map(walk)
      if (c.op === 'or') return parts.flat()
      return parts.reduce((acc, branches) => acc.flatMap((a) => branches.map((b) => merge(a, b))), [empty()])
    }
    const branch = empty()
    for (const [path, expected] of Object.entries(flatten(c as Record<string, unknown>))) {
      const kinds = fieldKinds(expected)
      if (kinds.includes('equality')) branch.equality.add(path)
      else if (kinds.includes('range')) branch.range.add(path)
    }
    return [branch]
  }
  return walk(cond)
}

/** Whether a value holds a command anywhere (add and set refuse them). */
export function containsCmd(v: unknown): boolean {
  if (v instanceof Cmd) return true
  if (Array.isArray(v)) return v.some(containsCmd)
  return isPlain(v) && Object.values(v).some(containsCmd)
}
