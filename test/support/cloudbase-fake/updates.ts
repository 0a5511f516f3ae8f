/** Update data applied to a document: dot paths, `_.set` / `_.inc` / `_.push` / `_.addToSet` / `_.pull` / `_.remove`. */
import type { DocData } from '~adapters/cloudbase/db-types'
import { Cmd } from './commands'
import { invalidError, sdkError, type SdkError } from './errors'
import { clone, deepEqual, fieldMatches, flatten, isPlain } from './matching'

function fieldFailure(path: string, text: string): SdkError {
  return sdkError('document.update', -502001, `database request fail. [FailedOperation] ${text} (${path})`)
}

/** The container and last key of a path, creating plain objects on the way (MongoDB refuses to go through null). */
function slot(doc: Record<string, unknown>, path: string, create: boolean): [Record<string, unknown>, string] | null {
  const keys = path.split('.')
  let holder: Record<string, unknown> = doc
  for (const key of keys.slice(0, -1)) {
    const next = holder[key]
    if (next === undefined) {
      if (!create) return null
      holder[key] = {}
    } else if (next === null || typeof next !== 'object') {
      throw fieldFailure(path, `Cannot create field '${keys[keys.length - 1]}' in element {${key}: ${JSON.stringify(next)}}`)
    }
    holder = holder[key] as Record<string, unknown>
  }
  return [holder, keys[keys.length - 1]]
}

export function applyUpdate(doc: DocData, data: object, api: string): DocData {
  if (!isPlain(data) || Object.keys(data).length === 0) throw invalidError(api, 'data must be a non-empty object')
  const next = clone(doc) as Record<string, unknown>
  for (const [path, value] of Object.entries(flatten(data))) {
    if (path === '_id' || path.startsWith('_id.')) throw invalidError(api, '不能更新_id的值')
    if (!(value instanceof Cmd)) {
      const [holder, key] = slot(next, path, true)!
      holder[key] = clone(value)
      continue
    }
    if (value.kind !== 'update') throw invalidError(api, `${value.op} is not an update command`)
    const [arg] = value.args
    if (value.op === 'remove') {
      const s = slot(next, path, false)
      if (s) delete s[0][s[1]]
      continue
    }
    const [holder, key] = slot(next, path, true)!
    const current = holder[key]
    const array = (): unknown[] => {
      if (current === undefined) return []
      if (!Array.isArray(current)) throw fieldFailure(path, 'the field is not an array')
      return current
    }
    switch (value.op) {
      case 'set':
        holder[key] = clone(arg)
        break
      case 'inc':
        if (current !== undefined && typeof current !== 'number') throw fieldFailure(path, 'cannot $inc a non-number')
        holder[key] = ((current as number | undefined) ?? 0) + (arg as number)
        break
      case 'push':
        holder[key] = [...array(), ...clone(value.args)]
        break
      case 'addToSet': {
        // `_.addToSet({ $each: [...] })` adds each value not yet present, as in the SDK
        const each = isPlain(arg) && Array.isArray((arg as { $each?: unknown }).$each) ? ((arg as { $each: unknown[] }).$each) : [arg]
        const list = [...array()]
        for (const v of each) if (!list.some((x) => deepEqual(x, v))) list.push(clone(v))
        holder[key] = list
        break
      }
      case 'pull':
        holder[key] = array().filter((v) =>
          arg instanceof Cmd ? !fieldMatches({ found: true, values: [v] }, arg) : !deepEqual(v, arg),
        )
        break
      default:
        throw invalidError(api, `unsupported update command ${value.op}`)
    }
  }
  return next as DocData
}
