import { spawnSync } from 'node:child_process'
import path from 'node:path'

/**
 * The import boundaries of eslint.config.mjs bite: each deliberate break below is an error, each allowed import is
 * not. The fixtures are virtual files linted with the project's own config (no file is written).
 */
const root = path.resolve(__dirname, '../..')
const RULE = '@typescript-eslint/no-restricted-imports'

type Case = { file: string; source: string; broken: boolean }

const cases: Case[] = [
  // core: only ~types and other core files
  { file: 'cloudfunctions/core/fixture.ts', source: 'node:fs', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: 'fs', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: 'wx-server-sdk', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: 'better-sqlite3', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: 'dayjs', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: '~adapters/sqlite', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: '~functions/registry', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: '~usecases/transition', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: '~local/host', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: '~src/routes', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: '../functions/order/actions', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: '../adapters/cloudbase', broken: true },
  { file: 'cloudfunctions/core/ports/fixture.ts', source: '../../adapters/sqlite/db', broken: true },
  { file: 'cloudfunctions/core/ports/fixture.ts', source: '../../../src/routes', broken: true },
  { file: 'cloudfunctions/core/a/b/c/d/fixture.ts', source: '~adapters/sqlite', broken: true },
  { file: 'cloudfunctions/core/fixture.ts', source: '~types', broken: false },
  { file: 'cloudfunctions/core/fixture.ts', source: '~types/rules', broken: false },
  { file: 'cloudfunctions/core/fixture.ts', source: './errors', broken: false },
  { file: 'cloudfunctions/core/fixture.ts', source: './ports/orders', broken: false },
  { file: 'cloudfunctions/core/ports/fixture.ts', source: '../errors', broken: false },
  { file: 'cloudfunctions/core/ports/fixture.ts', source: './paging', broken: false },
  // types: nothing of the project
  { file: 'types/fixture.ts', source: '~core', broken: true },
  { file: 'types/fixture.ts', source: '~core/relations', broken: true },
  { file: 'types/fixture.ts', source: '~src/routes', broken: true },
  { file: 'types/fixture.ts', source: '../cloudfunctions/core/errors', broken: true },
  { file: 'types/fixture.ts', source: 'node:path', broken: true },
  { file: 'types/fixture.ts', source: 'zod', broken: false },
  { file: 'types/fixture.ts', source: './domain', broken: false },
  // src: never cloudfunctions
  { file: 'src/pages/fixture/index.tsx', source: '~core/lifecycle', broken: true },
  { file: 'src/pages/fixture/index.tsx', source: '~functions/order/actions', broken: true },
  { file: 'src/pages/fixture/index.tsx', source: '~adapters/sqlite', broken: true },
  { file: 'src/pages/fixture/index.tsx', source: '~local/host', broken: true },
  { file: 'src/pages/fixture/index.tsx', source: '../../../cloudfunctions/core/lifecycle', broken: true },
  { file: 'src/pages/fixture/index.tsx', source: '~types', broken: false },
  { file: 'src/pages/fixture/index.tsx', source: '~src/services/order', broken: false },
  { file: 'src/pages/fixture/index.tsx', source: '../../components/Field', broken: false },
  { file: 'src/pages/fixture/index.tsx', source: '@tarojs/taro', broken: false },
  // adapters: never functions or use cases
  { file: 'cloudfunctions/adapters/sqlite/fixture.ts', source: '~functions/shared/define', broken: true },
  { file: 'cloudfunctions/adapters/sqlite/fixture.ts', source: '../../functions/registry', broken: true },
  { file: 'cloudfunctions/adapters/sqlite/fixture.ts', source: '~usecases/transition', broken: true },
  { file: 'cloudfunctions/adapters/sqlite/fixture.ts', source: '../../usecases/transition', broken: true },
  { file: 'cloudfunctions/adapters/sqlite/fixture.ts', source: '~core/ports', broken: false },
  { file: 'cloudfunctions/adapters/sqlite/fixture.ts', source: 'better-sqlite3', broken: false },
  { file: 'cloudfunctions/adapters/sqlite/fixture.ts', source: './db', broken: false },
  // use cases: core, types and ports, never adapters or functions
  { file: 'cloudfunctions/usecases/fixture.ts', source: '~adapters/cloudbase', broken: true },
  { file: 'cloudfunctions/usecases/fixture.ts', source: '../adapters/sqlite', broken: true },
  { file: 'cloudfunctions/usecases/fixture.ts', source: '~functions/shared/define', broken: true },
  { file: 'cloudfunctions/usecases/fixture.ts', source: '../functions/shared/define', broken: true },
  { file: 'cloudfunctions/usecases/fixture.ts', source: '~core/lifecycle', broken: false },
  { file: 'cloudfunctions/usecases/fixture.ts', source: '~core/ports', broken: false },
  { file: 'cloudfunctions/usecases/fixture.ts', source: '~types', broken: false },
]

/** Each case imports its source three ways: a value import, a type-only import and a re-export. */
const forms = (source: string) => [
  `import { thing } from '${source}'\nexport const used = thing\n`,
  `import type { Thing } from '${source}'\nexport type Used = Thing\n`,
  `export { thing } from '${source}'\n`,
]

type Message = { ruleId: string | null; message: string; line: number }

function lintAll(sources: Array<{ file: string; code: string }>): Message[][] {
  const res = spawnSync(process.execPath, [path.join(__dirname, 'lint-fixtures.mjs')], { cwd: root, input: JSON.stringify(sources), encoding: 'utf8' })
  if (res.status !== 0) throw new Error(`lint-fixtures failed: ${res.stderr}`)
  return JSON.parse(res.stdout)
}

describe('import boundaries (eslint.config.mjs)', () => {
  const sources = cases.flatMap((c) => forms(c.source).map((code) => ({ file: c.file, code })))
  let results: Message[][] = []
  beforeAll(() => {
    results = lintAll(sources)
  }, 30_000)

  it.each(cases.map((c, i) => [c.file, c.broken ? 'refuses' : 'allows', c.source, i] as const))('%s %s %s', (_file, _verdict, _source, i) => {
    const { broken } = cases[i]
    for (let form = 0; form < 3; form++) {
      const messages = results[i * 3 + form]
      const boundary = messages.filter((m) => m.ruleId === RULE)
      expect(boundary).toHaveLength(broken ? 1 : 0)
      // nothing else in the fixture trips the config (so an allowed import really lints clean)
      expect(messages.filter((m) => m.ruleId !== RULE)).toEqual([])
    }
  })

  it('tells the reader which boundary was crossed, and refuses a dynamic import in core and types', () => {
    const [coreBreak, coreDynamic, typesDynamic, srcDynamic] = lintAll([
      { file: 'cloudfunctions/core/fixture.ts', code: forms('node:fs')[0] },
      { file: 'cloudfunctions/core/fixture.ts', code: "export const load = () => import('./errors')\n" },
      { file: 'types/fixture.ts', code: "export const load = () => import('./domain')\n" },
      { file: 'src/fixture.ts', code: "export const load = () => import('./routes')\n" },
    ])
    expect(coreBreak.map((m) => m.message)).toEqual([expect.stringContaining('cloudfunctions/core imports only ~types')])
    expect(coreDynamic.map((m) => m.ruleId)).toEqual(['no-restricted-syntax'])
    expect(typesDynamic.map((m) => m.ruleId)).toEqual(['no-restricted-syntax'])
    expect(srcDynamic).toEqual([])
  })

  it("refuses `import { z } from 'zod'` everywhere (it bundles every locale) and allows the namespace and type forms", () => {
    const named = "import { z } from 'zod'\nexport const s = z.string()\n"
    const namespace = "import * as z from 'zod'\nexport const s = z.string()\n"
    const typeOnly = "import type { z } from 'zod'\nexport type S = z.ZodString\n"
    const files = ['types/fixture.ts', 'cloudfunctions/adapters/cloudbase/fixture.ts', 'src/lib/fixture.ts', 'cloudfunctions/core/fixture.ts']
    const results = lintAll(files.flatMap((file) => [named, namespace, typeOnly].map((code) => ({ file, code }))))
    files.forEach((_file, i) => {
      const [n, ns, t] = results.slice(i * 3, i * 3 + 3)
      expect(n.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)).toEqual([expect.stringContaining('import * as z')])
      expect(ns.filter((m) => m.ruleId === 'no-restricted-syntax')).toEqual([])
      expect(t.filter((m) => m.ruleId === 'no-restricted-syntax')).toEqual([])
    })
  })
})
