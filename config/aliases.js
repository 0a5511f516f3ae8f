/**
 * The path aliases (~types, ~core, ~src …) are declared once, in tsconfig.json's `paths`; the webpack build and
 * the jest projects read them from there.
 */
const path = require('path')
const fs = require('fs')

const root = path.resolve(__dirname, '..')
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).compilerOptions

/** alias → absolute directory (for webpack's resolve.alias) */
const aliasDirs = Object.fromEntries(
  Object.entries(paths)
    .filter(([alias]) => !alias.endsWith('/*'))
    .map(([alias, [dir]]) => [alias, path.join(root, dir)]),
)

/** jest moduleNameMapper entries for the aliases */
const jestModuleNameMapper = Object.fromEntries(
  Object.entries(aliasDirs).flatMap(([alias, dir]) => [
    [`^${alias}$`, dir],
    [`^${alias}/(.*)$`, `${dir}/$1`],
  ]),
)

module.exports = { aliasDirs, jestModuleNameMapper }
