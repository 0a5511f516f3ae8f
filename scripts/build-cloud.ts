/**
 * Bundles each cloud function of the registry (cloudfunctions/functions/registry.ts) into
 * build/cloudfunctions/<name>/ for WeChat Cloud Development: index.js (the WeChat entry, generated here, with that
 * function's actions and the shared core in one file), package.json (wx-server-sdk is the only dependency) and
 * config.json (the registry's timer triggers, openapi permissions, timeout and memory).
 */
import { build, type Plugin } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
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

/** Packages every function may carry: the schemas' zod. */
const SHARED_PACKAGES = new Set(['zod'])

/** The npm package a bundled input belongs to, and its folder: the innermost node_modules names it. */
function packageOf(file: string): { name: string; dir: string } | null {
  const at = file.lastIndexOf('node_modules/')
  if (at < 0) return null
  const rest = file.slice(at + 'node_modules/'.length).split('/')
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  return { name, dir: file.slice(0, at) + 'node_modules/' + name }
}

/** The libraries with every package they depend on, by name, read from the installed copies (nested ones too). */
function closure(names: readonly string[], dirs: ReadonlyMap<string, Set<string>>): Set<string> {
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    for (const dir of [path.join('node_modules', name), ...(dirs.get(name) ?? [])]) {
      let manifest: { dependencies?: Record<string, string> }
      try {
        manifest = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'))
      } catch {
        continue
      }
      for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep)
    }
  }
  names.forEach(visit)
  return seen
}

/**
 * A bundle carries the shared packages and the libraries its registry entry names (with their dependencies), and
 * nothing else: exceljs and its kin stay in the export bundle, and no other function's cold start parses them.
 */
function checkOnlyItsLibraries(name: string, carried: string[]) {
  const found = carried.map(packageOf).filter((p): p is { name: string; dir: string } => p !== null)
  const dirs = new Map<string, Set<string>>()
  for (const p of found) dirs.set(p.name, (dirs.get(p.name) ?? new Set()).add(p.dir))
  const allowed = new Set([...SHARED_PACKAGES, ...closure(REGISTRY[name as keyof typeof REGISTRY].deploy.libraries ?? [], dirs)])
  const packages = [...dirs.keys()]
  const foreign = packages.filter((p) => !allowed.has(p))
  if (foreign.length > 0) throw new Error(`the ${name} bundle carries packages its registry entry does not name: ${foreign.slice(0, 8).join(', ')}`)
  return packages
}

/**
 * pdfkit's ES module build reads `import.meta.url` when it loads, which a CommonJS bundle does not have (it crashed
 * the certificate function at start): the bundle takes its CommonJS build, as `require('pdfkit')` would.
 */
const COMMONJS_BUILDS: Plugin = {
  name: 'commonjs-builds',
  setup(b) {
    b.onResolve({ filter: /^pdfkit$/ }, () => ({ path: require.resolve('pdfkit', { paths: [root] }) }))
  },
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
      plugins: [COMMONJS_BUILDS],
    })
    checkOnlyItsOwnCode(name, Object.keys(metafile.inputs))
    // what the bundle really carries: inputs with bytes in the output (esbuild reads more than it keeps)
    const carried = Object.values(metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file))
    checkOnlyChineseLocale(name, carried)
    const packages = checkOnlyItsLibraries(name, carried)
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': `~${sdkVersion}` } }, null, 2) + '\n',
    )
    const { triggers, openapi, timeout, memorySize } = entry.deploy
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify(
        {
          permissions: { openapi: openapi ?? [] },
          ...(triggers ? { triggers } : {}),
          ...(timeout ? { timeout } : {}),
          ...(memorySize ? { memorySize } : {}),
        },
        null,
        2,
      ) + '\n',
    )
    // files esbuild cannot bundle (the certificate's font), copied beside index.js, where the function reads them
    const assets = (entry.deploy.assets ?? []).map(({ from, to }) => {
      if (path.basename(to) !== to) throw new Error(`registry.${name}: an asset's name must be a bare file name: ${to}`)
      copyFileSync(require.resolve(from, { paths: [root] }), path.join(dir, to))
      return `${to} ${(statSync(path.join(dir, to)).size / 1024 / 1024).toFixed(1)} MB`
    })
    const libs = packages.filter((p) => !SHARED_PACKAGES.has(p))
    const kb = (statSync(path.join(dir, 'index.js')).size / 1024).toFixed(1)
    rows.push(
      `${name.padEnd(11)} ${kb} KB  packages: ${packages.filter((p) => SHARED_PACKAGES.has(p)).join(', ') || '-'}${libs.length ? ` + ${libs.length} of its own (${entry.deploy.libraries?.join(', ')} and its dependencies)` : ''}${assets.length ? `  files: ${assets.join(', ')}` : ''}`,
    )
  }
  console.log(`云函数已打包到 ${path.relative(root, outRoot)}/：\n${rows.join('\n')}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
