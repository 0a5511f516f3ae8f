const path = require('path')
const { jestModuleNameMapper } = require('../config/aliases')

module.exports = {
  displayName: 'node',
  // the bundled functions (build:cloud) repeat package names: not modules of the tests
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/dist/', '<rootDir>/dist-h5/'],
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/test/unit/**/*.test.ts',
    '<rootDir>/test/store/**/*.test.ts',
    '<rootDir>/test/api/**/*.test.ts',
    '<rootDir>/test/bench/**/*.test.ts',
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node', target: 'ES2022', esModuleInterop: true } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: jestModuleNameMapper,
}
