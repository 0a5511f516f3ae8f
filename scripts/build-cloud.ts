/**
 * Bundles each cloud function into build/cloudfunctions/<name>/ for WeChat Cloud Development:
 * index.js (its code and the shared core, one file), package.json (wx-server-sdk is the only dependency)
 * and config.json (timer trigger for cron, openapi permissions).
 */
import { build } from 'esbuild'
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const outRoot = path.join(root, process.env.SIDAN_CLOUD_OUT ?? 'build/cloudfunctions')
const sdkVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/wx-server-sdk/package.json'), 'utf8')).version

export const CLOUD_FUNCTIONS: Record<string, { triggers?: object[]; openapi?: string[] }> = {
  user: {},
  catalog: {},
  order: {},
  points: {},
  stats: {},
  inbox: {},
  // every 5 minutes (7-field cron, UTC+8 on the platform)
  // the delivery run sends WeChat subscribe messages: openapi permission
  cron: { triggers: [{ name: 'sidanCron', type: 'timer', config: '0 */5 * * * * *' }], openapi: ['subscribeMessage.send'] },
}

async function main() {
  rmSync(outRoot, { recursive: true, force: true })
  const rows: string[] = []
  for (const [name, cfg] of Object.entries(CLOUD_FUNCTIONS)) {
    const dir = path.join(outRoot, name)
    mkdirSync(dir, { recursive: true })
    await build({
      entryPoints: [path.join(root, 'cloudfunctions/functions', name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      external: ['wx-server-sdk'],
      logLevel: 'warning',
    })
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${sdkVersion}` } }, null, 2) + '\n',
    )
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ permissions: { openapi: cfg.openapi ?? [] }, ...(cfg.triggers ? { triggers: cfg.triggers } : {}) }, null, 2) + '\n',
    )
    rows.push(`${name.padEnd(8)} ${(statSync(path.join(dir, 'index.js')).size / 1024).toFixed(1)} KB`)
  }
  console.log(`云函数已打包到 ${path.relative(root, outRoot)}/：\n${rows.join('\n')}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
