/**
 * Where files go (not a database context, so not in Stores): WeChat cloud storage on the platform
 * (adapters/wechat/files.ts), a folder beside the SQLite file on the local host (adapters/disk/files.ts). One
 * storage for exports (`exports/`), one for activity photos (`orders/<orderId>/` on WeChat, `uploads/` locally).
 */
export interface FileStorage {
  /** Stores the file at `localPath` (a temporary file the caller made) as `name`; answers its reference. */
  put(name: string, localPath: string): Promise<string>
  /** A URL the file can be fetched from for about `maxAgeSeconds` (a temporary link, or the local download route). */
  url(ref: string, exportId: string, maxAgeSeconds: number): Promise<string>
  /** Whether the file behind a reference exists (an activity photo the app uploaded itself, issue 10). */
  exists(ref: string): Promise<boolean>
  /** Deletes the files (a file already gone is not an error). */
  remove(refs: string[]): Promise<void>
}
