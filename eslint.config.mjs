/**
 * ESLint: typescript-eslint's recommended rules over the whole tree, and the import boundaries between folders.
 * `npm run lint` runs it with no warning allowed; test/unit/lint-boundaries.test.ts proves the boundaries bite.
 *
 * A boundary is `@typescript-eslint/no-restricted-imports` with regex patterns that match both the `~alias` and the
 * relative form of a forbidden folder. ESLint gives a file the options of the last block that sets a rule (they
 * do not add up), so each folder gets exactly one block, built by `boundary()`.
 */
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'

/** Non-relative imports other than these are refused (`allowed` are regexes of the whole specifier). */
const onlyImports = (allowed, message) => ({ regex: `^(?!\\.{1,2}(/|$)|(${allowed.join('|')})$)`, message })

/** Relative imports that climb into one of `folders` (any depth: none of these names repeats inside the zone). */
const relativeInto = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message })

/** Aliases of `folders`, with or without a sub-path. */
const aliasOf = (aliases, message) => ({ regex: `^~(${aliases.join('|')})(/|$)`, message })

/**
 * For a zone that may import only its own files: a relative import leaves the zone when it climbs more levels than
 * the file is deep. Files are matched by depth (zone/*, zone/* /*, …) so each depth gets its own block; a file
 * deeper than `maxDepth` still gets the other patterns from the first block.
 */
/**
 * `import { z } from 'zod'` binds zod's namespace object, which carries all of its locales (260 KB) into every
 * function bundle; `import * as z from 'zod'` lets esbuild keep only what is used (scripts/build-cloud.ts checks).
 */
const ZOD_NAMESPACE = {
  selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
  message: "import zod as `import * as z from 'zod'` (or `import type { z }`): `import { z }` bundles every locale",
}

function selfContained(zone, patterns, message, maxDepth = 4) {
  const climbsOut = (depth) => ({ regex: `^(\\.\\./){${depth - 1}}\\.\\.(/|$)`, message })
  const blocks = [
    boundary(`${zone}/**/*`, patterns),
    ...Array.from({ length: maxDepth }, (_, i) => boundary(`${zone}/${'*/'.repeat(i)}*`, [...patterns, climbsOut(i + 1)])),
  ]
  // the import rule reads only static imports; a pure zone has no use for loading modules at run time
  for (const block of blocks) block.rules['no-restricted-syntax'] = ['error', ZOD_NAMESPACE, { selector: 'ImportExpression', message }]
  return blocks
}

function boundary(glob, patterns) {
  return {
    files: [`${glob}.{ts,tsx}`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  }
}

const CORE = 'cloudfunctions/core imports only ~types and other core files: no Node, DOM, adapters, functions or packages'
const TYPES = 'types/ imports nothing of the project: only zod and its own files'
const SRC = 'src/ never imports cloudfunctions/: the app talks to the functions through src/services only'
const ADAPTERS = 'adapters implement the ports of core; they never import functions or use cases'
const USECASES = 'use cases depend on core (ports) and types only, never on adapters, functions or the platform SDKs'

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'dist-h5/', 'build/', 'coverage/', '.swc/', '**/*.d.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `let x = fallback; try { x = … } catch { x = fallback }` states the fallback twice on purpose
      'no-useless-assignment': 'off',
      // `const { _id: _omit, ...rest } = doc` drops a field; the compiler's noUnused* flags the rest
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_' }],
      // tests, fakes and benches cast freely (73 sites); the compiler stays the authority on types
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': ['error', ZOD_NAMESPACE],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/ui/**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    files: ['test/**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.jest } },
  },

  ...selfContained('cloudfunctions/core', [onlyImports(['~types(/.*)?'], CORE)], CORE),
  ...selfContained('types', [onlyImports(['zod(/.*)?'], TYPES)], TYPES),
  boundary('src/**/*', [
    aliasOf(['core', 'adapters', 'functions', 'usecases', 'local', 'deploy'], SRC),
    relativeInto(['cloudfunctions'], SRC),
  ]),
  boundary('cloudfunctions/adapters/**/*', [
    aliasOf(['functions', 'usecases'], ADAPTERS),
    relativeInto(['functions', 'usecases'], ADAPTERS),
  ]),
  boundary('cloudfunctions/usecases/**/*', [
    aliasOf(['adapters', 'functions', 'local'], USECASES),
    relativeInto(['adapters', 'functions', 'local'], USECASES),
    { regex: '^(wx-server-sdk|better-sqlite3)$', message: USECASES },
  ]),
)
