/**
 * Bundles each cloud function of the registry (cloudfunctions/functions/registry.ts) into
 * build/cloudfunctions/<name>/ for WeChat Cloud Development: index.js (the WeChat entry, generated here, with that
 * function's actions and the shared core in one file), package.json (wx-server-sdk is the only dependency) and
 * config.json (the registry's timer triggers and openapi permissions).
 */
import { build, type Plugin } from 'esbuild'
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
 * zod's `z` namespace re-exports every locale (about 260 KB, half of each bundle, parsed on every cold start);
 * the functions use only zh-CN (shared/define.ts) and the built-in English default, so the locale index that
 * the namespace pulls in is replaced by one that offers zh-CN alone.
 */
const onlyChineseLocale: Plugin = {
  name: 'zod-zh-cn-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)
        ? { path: path.join(path.dirname(args.importer), '../locales/zh-CN-only.js'), namespace: 'zod-locales' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as zhCN } from './zh-CN.js'\n`,
      resolveDir: path.dirname(args.path),
    }))
  },
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
      plugins: [onlyChineseLocale],
      absWorkingDir: root,
    })
    checkOnlyItsOwnCode(name, Object.keys(metafile.inputs))
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
