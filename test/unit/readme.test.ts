import { readFileSync } from 'node:fs'
import path from 'node:path'
import { renderReadme } from '~scripts/docs'

it('the README restates the lifecycle table and the points policy exactly as the code defines them (npm run docs)', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8')
  expect(renderReadme(readme)).toBe(readme)
})
