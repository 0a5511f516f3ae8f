/**
 * Bundles each cloud function of the registry (cloudfunctions/functions/registry.ts) into
 * build/cloudfunctions/<name>/ for WeChat Cloud Development: index.js (the WeChat entry, generated here, with that
 * function's actions and the shared core in one file), package.json (wx-server-sdk is the only dependency) and
 * config.json (the registry's timer triggers and openapi permissions).
 */
import { build } from 'esbuild'
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { REGISTRY, type Deployable } from '~functions/registry'

const root = path.resolve(__dirname, '..')
const functionsDir = path.join(root, 'cloudfunctions/functions')
const outRoot = path.join(root, process.env.SIDAN_CLOUD_OUT ?? 'build/cloudfunctions')
const sdkVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/wx-server-sdk/package.json'), 'utf8')).version

/**
 * The entry WeChat runs (`exports.main`). It imports the function from its own actions module, never the registry,
 * which imports every function: a bundle carries one function's code, so its cold start loads only that.
 */
function entrySource(name: string): string {
  return [
    `import { cloudMain } from './shared/cloud'`,
    `import { ${name}Function } from './${name}/actions'`,
    `export const main = cloudMain(${name}Function)`,
    '',
  ].join('\n')
}

/** The generated entry names `<name>Function` from `<name>/actions`: that must be the registry's function. */
async function checkEntryConvention(name: string, { fn }: Deployable) {
  const actions = (await import(path.join(functionsDir, name, 'actions'))) as Record<string, unknown>
  if (fn.name !== name || actions[`${name}Function`] !== fn) {
    throw new Error(`registry.${name}: expected ${name}/actions.ts to export ${name}Function, the function named '${name}'`)
  }
}

/**
 * zod's locales are 260 KB, half of a bundle, parsed on every cold start: the functions use zh-CN (and zod's built-in en)
 * (shared/define.ts), which they get as long as every file imports zod as `import * as z` (a namespace esbuild can
 * shake; `import { z }` binds every locale). The lint refuses `import { z }`; this holds the bundles to it too.
 */
function checkOnlyChineseLocale(name: string, inputs: string[]) {
  const locales = inputs.filter((file) => /node_modules\/zod\/.*\/locales\/(?!zh-CN\.js$|en\.js$|index\.js$)[^/]+\.js$/.test(file))
  if (locales.length > 0) throw new Error(`the ${name} bundle carries zod locales besides zh-CN and en: ${locales.slice(0, 3).join(', ')} …`)
}

/** A bundle that pulled in another function's folder (through the registry, say) would load it on every cold start. */
function checkOnlyItsOwnCode(name: string, inputs: string[]) {
  const others = Object.keys(REGISTRY).filter((other) => other !== name)
  const foreign = inputs.filter((file) => others.some((other) => file.startsWith(`cloudfunctions/functions/${other}/`)))
  if (foreign.length > 0) throw new Error(`the ${name} bundle carries other functions' code: ${foreign.join(', ')}`)
}

async function main() {
  rmSync(outRoot, { recursive: true, force: true })
  const rows: string[] = []
  for (const [name, entry] of Object.entries(REGISTRY)) {
    await checkEntryConvention(name, entry)
    const dir = path.join(outRoot, name)
    mkdirSync(dir, { recursive: true })
    const { metafile } = await build({
      stdin: { contents: entrySource(name), resolveDir: functionsDir, sourcefile: `${name}/index.ts`, loader: 'ts' },
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      external: ['wx-server-sdk'],
      logLevel: 'warning',
      metafile: true,
      absWorkingDir: root,
    })
    checkOnlyItsOwnCode(name, Object.keys(metafile.inputs))
    // what the bundle really carries: inputs with bytes in the output (esbuild reads more than it keeps)
    const carried = Object.values(metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file))
    checkOnlyChineseLocale(name, carried)
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${sdkVersion}` } }, null, 2) + '\n',
    )
    const { triggers, openapi } = entry.deploy
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ permissions: { openapi: openapi ?? [] }, ...(triggers ? { triggers } : {}) }, null, 2) + '\n',
    )
    rows.push(`${name.padEnd(8)} ${(statSync(path.join(dir, 'index.js')).size / 1024).toFixed(1)} KB`)
  }
  console.log(`云函数已打包到 ${path.relative(root, outRoot)}/：\n${rows.join('\n')}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
