/**
 * npm run bench [-- --quick] [-- --only=http,ledger] [-- --no-build]: runs the bench, prints its tables (Markdown)
 * and writes bench/results.json. Exits non-zero only when a section fails outright; missed targets are reported.
 */
import fs from 'node:fs'
import path from 'node:path'
import { runBench, SECTIONS, type SectionName } from './bench'
import type { ProfileName } from './lib/profile'
import { renderMarkdown } from './report'

async function main() {
  const args = process.argv.slice(2)
  const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const profile: ProfileName = args.includes('--quick') ? 'quick' : ((value('profile') as ProfileName | undefined) ?? 'full')
  const only = value('only')?.split(',') as SectionName[] | undefined
  const unknown = only?.filter((s) => !SECTIONS.includes(s))
  if (unknown?.length) throw new Error(`unknown sections: ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`)
  const out = value('out') ?? path.join(__dirname, 'results.json')

  const results = await runBench({ profile, only, build: !args.includes('--no-build'), log: (l) => console.error(l) })
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`)
  console.log(renderMarkdown(results))
  console.log(`\n${path.relative(process.cwd(), out)} written`)
  if (Object.keys(results.errors).length) process.exit(1)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
