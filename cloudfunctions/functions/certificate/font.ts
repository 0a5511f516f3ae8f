import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The Chinese font of every certificate: Noto Sans SC Regular (SIL Open Font License 1.1; 10.6 MB TrueType, from
 * the npm package @expo-google-fonts/noto-sans-sc), which covers GBK and beyond (喆 堃 昇 珺 祎 玥 䶮), so rare name
 * characters render. pdfkit embeds only the glyphs a document uses. In the cloud bundle build:cloud copies the file
 * beside index.js (FONT_FILE); in the repository it is read from node_modules.
 */
export const FONT_FILE = 'NotoSansSC-Regular.ttf'
export const FONT_PACKAGE_PATH = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'

let cached: Buffer | null = null

export function fontPath(): string {
  const beside = path.join(__dirname, FONT_FILE)
  if (existsSync(beside)) return beside
  return require.resolve(FONT_PACKAGE_PATH)
}

/** The font file's bytes, read once per instance. */
export function certificateFont(): Buffer {
  cached ??= readFileSync(fontPath())
  return cached
}
