/**
 * The command objects of `db.command` (`_.in`, `_.inc`, `_.aggregate.sum` …): inert values that matching, updates
 * and aggregation read.
 */
import type { DbCommand } from '~adapters/cloudbase/db-types'

type CmdKind = 'query' | 'logic' | 'update' | 'expr'

export class Cmd {
  constructor(
    readonly kind: CmdKind,
    readonly op: string,
    readonly args: unknown[],
  ) {}

  and(...expressions: unknown[]): Cmd {
    return new Cmd('logic', 'and', [this, ...spread(expressions)])
  }

  or(...expressions: unknown[]): Cmd {
    return new Cmd('logic', 'or', [this, ...spread(expressions)])
  }
}

export const spread = (args: unknown[]) => (args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args)

const q = (op: string) => (value: unknown) => new Cmd('query', op, [value])
const u = (op: string) => (value?: unknown) => new Cmd('update', op, [value])
const x = (op: string) => (value: unknown) => new Cmd('expr', op, [value])

export const fakeCommand: DbCommand = {
  eq: q('eq'),
  neq: q('neq'),
  lt: q('lt'),
  lte: q('lte'),
  gt: q('gt'),
  gte: q('gte'),
  in: q('in'),
  nin: q('nin'),
  exists: q('exists'),
  and: (...e: unknown[]) => new Cmd('logic', 'and', spread(e)),
  or: (...e: unknown[]) => new Cmd('logic', 'or', spread(e)),
  set: u('set'),
  remove: () => new Cmd('update', 'remove', []),
  inc: u('inc'),
  push: (...values: unknown[]) => new Cmd('update', 'push', spread(values)),
  addToSet: u('addToSet'),
  pull: u('pull'),
  aggregate: { sum: x('sum'), cond: x('cond'), gt: x('gt') },
}

