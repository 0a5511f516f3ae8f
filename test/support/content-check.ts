import type { ContentCheck, FileStorage, TextScene } from '~core/ports'

/**
 * A content-security double: rejects any text containing one of `rejectWords`, passes the rest; every image is
 * sent (pending) under trace ids `trace-1`, `trace-2` … Records what it was asked.
 */
export function scriptedContentCheck(rejectWords: readonly string[] = ['违禁']) {
  const texts: Array<{ text: string; scene: TextScene; openid: string | null | undefined }> = []
  const images: Array<{ url: string; traceId: string }> = []
  const check: ContentCheck = {
    async checkText(text, scene, openid) {
      texts.push({ text, scene, openid })
      const word = rejectWords.find((w) => text.includes(w))
      return word ? { result: 'reject', reason: `contains ${word}` } : { result: 'pass' }
    },
    async checkImage({ url }) {
      const traceId = `trace-${images.length + 1}`
      images.push({ url, traceId })
      return { status: 'pending', traceId }
    },
  }
  return { check, texts, images }
}

/** Cloud storage as far as the photos need it: the file ids that exist, and temporary URLs for them. */
export function memoryPhotoFiles(existing: Iterable<string> = []): FileStorage & { files: Set<string> } {
  const files = new Set(existing)
  return {
    files,
    async put(name) {
      files.add(name)
      return name
    },
    async url(ref) {
      return `https://tmp.example.com/${encodeURIComponent(ref)}`
    },
    async exists(ref) {
      return files.has(ref)
    },
    async remove(refs) {
      for (const r of refs) files.delete(r)
    },
  }
}
