import { createReadStream } from 'node:fs'
import type { FileStorage } from '~core/ports'

/** The parts of wx-server-sdk's cloud storage the exports use. */
export interface CloudStorage {
  uploadFile(opts: { cloudPath: string; fileContent: NodeJS.ReadableStream | Buffer }): Promise<{ fileID: string }>
  getTempFileURL(opts: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }>
  }>
  deleteFile(opts: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number }> }>
}

/** deleteFile takes at most 50 files a call. */
const DELETE_BATCH = 50

/** WeChat cloud storage: files under `folder/` (exports, or the orders' photos), handed out as temporary URLs (getTempFileURL). */
export function createCloudFiles(cloud: CloudStorage, folder = 'exports'): FileStorage {
  return {
    async put(name, localPath) {
      const { fileID } = await cloud.uploadFile({ cloudPath: `${folder}/${name}`, fileContent: createReadStream(localPath) })
      return fileID
    },
    async url(ref, _exportId, maxAgeSeconds) {
      const { fileList } = await cloud.getTempFileURL({ fileList: [{ fileID: ref, maxAge: maxAgeSeconds }] })
      const found = fileList[0]
      if (!found || found.status !== 0 || !found.tempFileURL) throw new Error(`getTempFileURL failed: ${found?.errMsg ?? 'no answer'}`)
      return found.tempFileURL
    },
    async exists(ref) {
      const { fileList } = await cloud.getTempFileURL({ fileList: [{ fileID: ref, maxAge: 60 }] })
      return fileList[0]?.status === 0 && !!fileList[0].tempFileURL
    },
    async remove(refs) {
      for (let i = 0; i < refs.length; i += DELETE_BATCH) await cloud.deleteFile({ fileList: refs.slice(i, i + DELETE_BATCH) })
    },
  }
}
