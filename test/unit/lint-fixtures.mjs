/**
 * Lints sources given on stdin (JSON: [{ file, code }], paths relative to the root, virtual) with the project's own
 * eslint.config.mjs and prints, per source, the messages as JSON. Its own process because ESLint loads the config
 * with a dynamic import, which jest's module sandbox refuses.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') })
const sources = JSON.parse(readFileSync(0, 'utf8'))
const results = []
for (const { file, code } of sources) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  results.push(result.messages.map(({ ruleId, message, line }) => ({ ruleId, message, line })))
}
process.stdout.write(JSON.stringify(results))
