const path = require('path')
const { jestModuleNameMapper } = require('../config/aliases')

/** Browser journeys: the real local host and H5 build, driven in Chromium by playwright-core. */
module.exports = {
  displayName: 'e2e',
  // the bundled functions (build:cloud) repeat package names: not modules of the tests
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/dist/', '<rootDir>/dist-h5/'],
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node', target: 'ES2022', esModuleInterop: true } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: jestModuleNameMapper,
  testTimeout: 60_000,
  // one browser at a time on a two-core machine
  maxWorkers: 1,
}
