/**
 * The file storage port on both implementations (exports and activity photos): the disk folder of the local host
 * and WeChat cloud storage over a fake of wx-server-sdk's storage calls. `exists` is new with the photos (issue 10).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createDiskFiles } from '~adapters/disk/files'
import { type CloudStorage, createCloudFiles } from '~adapters/wechat/files'
import type { FileStorage } from '~core/ports'

function fakeCloud() {
  const stored = new Map<string, number>()
  const cloud: CloudStorage = {
    async uploadFile({ cloudPath, fileContent }) {
      // read the content as the SDK would, so the stream is done with before the test's files go
      if (!Buffer.isBuffer(fileContent)) for await (const _chunk of fileContent as AsyncIterable<unknown>) void _chunk
      const fileID = `cloud://env-1.7365/${cloudPath}`
      stored.set(fileID, 1)
      return { fileID }
    },
    async getTempFileURL({ fileList }) {
      return {
        fileList: fileList.map(({ fileID }) =>
          stored.has(fileID) ? { fileID, tempFileURL: `https://tmp.example.com/${fileID.slice(8)}`, status: 0 } : { fileID, tempFileURL: '', status: -503003, errMsg: 'file not exist' },
        ),
      }
    },
    async deleteFile({ fileList }) {
      for (const f of fileList) stored.delete(f)
      return { fileList: fileList.map((fileID) => ({ fileID, status: 0 })) }
    },
  }
  return cloud
}

const scratch: string[] = []
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true })
})
const tempFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sidan-files-src-'))
  scratch.push(dir)
  const file = path.join(dir, 'made.bin')
  writeFileSync(file, 'bytes')
  return file
}

function filesContract(name: string, make: () => FileStorage) {
  describe(`file storage contract: ${name}`, () => {
    it('put answers a reference that exists until removed; an unknown one does not', async () => {
      const files = make()
      const ref = await files.put('a1.jpg', tempFile())
      expect(await files.exists(ref)).toBe(true)
      expect(await files.exists(ref + 'x')).toBe(false)
      expect(typeof (await files.url(ref, 'a1', 60))).toBe('string')
      await files.remove([ref])
      expect(await files.exists(ref)).toBe(false)
      await files.remove([ref])
    })
  })
}

filesContract('disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sidan-files-'))
  scratch.push(dir)
  return createDiskFiles(dir)
})
filesContract('wechat (fake storage)', () => createCloudFiles(fakeCloud(), 'orders'))

describe('disk files: a reference is a bare name, never a path', () => {
  it('exists refuses paths out of the folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sidan-files-'))
    scratch.push(dir)
    const files = createDiskFiles(dir)
    expect(await files.exists('../secret')).toBe(false)
    expect(await files.exists('orders/o-1/a.jpg')).toBe(false)
  })
})
