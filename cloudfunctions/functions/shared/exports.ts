import { AppError } from '~core/errors'
import type { ExportRecord } from '~types'
import type { Deps } from './deps'

/** A file storage is needed to make or delete exports: the cloud entry and the local host provide one. */
export function filesOf(deps: Deps) {
  if (!deps.files) throw new AppError('INTERNAL', '导出文件存储未配置')
  return deps.files
}

/**
 * The export `id` for the person of `userId` to download: someone else's is FORBIDDEN, a missing or expired one
 * NOT_FOUND (the scheduled job deletes it soon after).
 */
export async function exportForDownload(deps: Deps, userId: string, id: string, now: string): Promise<ExportRecord> {
  const record = await deps.exports.getExport(id)
  if (!record || record.expiresAt <= now) throw new AppError('NOT_FOUND', '导出文件不存在或已过期，请重新导出')
  if (record.ownerId !== userId) throw new AppError('FORBIDDEN', '只能下载本人导出的文件')
  return record
}

/**
 * The scheduled job's clean-up: exports whose day is over, oldest first, at most `limit` a run; the files go first,
 * then the records (a file whose removal fails keeps its record, to be tried again next run).
 */
export async function purgeExports(deps: Deps, now: string, limit: number): Promise<number> {
  if (!deps.files) return 0
  const expired = await deps.exports.listExpiredExports(now, limit)
  if (expired.length === 0) return 0
  await deps.files.remove(expired.map((r) => r.fileRef))
  return deps.exports.deleteExports(expired.map((r) => r.id))
}
