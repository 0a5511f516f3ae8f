import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { EXPORTS } from '~core/config'
import { AppError, fail } from '~core/errors'
import { exportFileName, type Lookups } from '~core/exports'
import { managedUnitOf, managesUnitPath } from '~core/relations'
import type { ExportAnswer, ExportRecord, User } from '~types'
import { type Call, defineFunction } from '../shared/define'
import { filesOf } from '../shared/exports'
import { keyedId, newId } from '../shared/ids'
import { unitTree } from '../shared/units'
import { writeExport } from './write'

const TTL_SECONDS = EXPORTS.ttlHours * 3600

/** Managers export their unit and the units below it; admins any unit. */
function mayExport(user: User, unitPath: readonly string[]): boolean {
  return user.roles.includes('admin') || managesUnitPath(user, unitPath)
}

async function lookups(call: Call): Promise<Lookups> {
  const { catalog } = call.deps
  const [units, themes, teams] = await Promise.all([unitTree(catalog), catalog.listThemes(), catalog.listTeams({})])
  return {
    units: new Map(units.map((u) => [u.id, u])),
    themes: new Map(themes.map((t) => [t.id, t])),
    teams: new Map(teams.map((t) => [t.id, t])),
  }
}

async function answerOf(call: Call, record: ExportRecord): Promise<ExportAnswer> {
  const url = await filesOf(call.deps).url(record.fileRef, record.id, TTL_SECONDS)
  return { exportId: record.id, fileName: record.fileName, url, expiresAt: record.expiresAt, rows: record.rows }
}

export const exportFunction = defineFunction('export', {
  /**
   * Writes the file of one kind over the unit's period (rows read from the store page by page, the file streamed to
   * a temporary file, then into the file storage) and answers where to fetch it for a day. The same requestId again
   * answers the export it made, with a fresh link, instead of making another.
   */
  async create(input, call) {
    const { deps } = call
    const user = await call.user()
    const managed = managedUnitOf(user)
    if (!managed && !user.roles.includes('admin')) fail('FORBIDDEN', '只有实践中心（所、站）管理员可以导出数据')
    const unitId = input.unitId ?? managed
    if (!unitId) fail('FORBIDDEN', '请先选择要导出的单位')
    const from = new Date(input.from).toISOString()
    const to = new Date(input.to).toISOString()

    const keyed = input.requestId === undefined ? null : keyedId('exp', user.id, input.requestId)
    const [unit, earlier] = await Promise.all([deps.catalog.getUnit(unitId), keyed ? deps.exports.getExport(keyed) : Promise.resolve(null)])
    if (!unit) throw new AppError('NOT_FOUND', '单位不存在')
    if (!mayExport(user, unit.path)) fail('FORBIDDEN', '只能导出本单位及下级单位的数据')
    if (earlier && earlier.expiresAt > call.now) return answerOf(call, earlier)
    // a retry after its export expired makes a new one (the expired one is the scheduled job's to delete)
    const id = keyed && !earlier ? keyed : newId('exp')

    const files = filesOf(deps)
    const name = `${id}.${input.format}`
    // a temporary file of its own (two retries in parallel must not write one file)
    const tmp = path.join(tmpdir(), `${newId('sidan-export')}.${input.format}`)
    try {
      const { rows, bytes } = await writeExport(deps.orders, {
        kind: input.kind,
        format: input.format,
        period: { unitId: unit.id, from, to },
        lookups: await lookups(call),
        points: deps.policy.points,
        file: tmp,
      })
      const fileRef = await files.put(name, tmp)
      const record: ExportRecord = {
        id,
        ownerId: user.id,
        kind: input.kind,
        format: input.format,
        unitId: unit.id,
        from,
        to,
        fileName: exportFileName(unit.name, input.kind, from, to, input.format),
        fileRef,
        rows,
        bytes,
        createdAt: call.now,
        expiresAt: new Date(Date.parse(call.now) + TTL_SECONDS * 1000).toISOString(),
      }
      const saved = await deps.exports.saveExport(record)
      // a parallel retry with the same requestId stored its own file first: keep that one, drop this one
      if (!saved.created && saved.record.fileRef !== fileRef) await files.remove([fileRef])
      return answerOf(call, saved.record)
    } finally {
      rmSync(tmp, { force: true })
    }
  },
})
