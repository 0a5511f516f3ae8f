const path = require('path')
const { jestModuleNameMapper } = require('../config/aliases')

const root = path.resolve(__dirname, '..')

/**
 * Pages and components in jsdom, through the same Babel config as the build (babel-preset-taro).
 * Built on @tarojs/test-utils-react 0.1.1, without its jest preset, which does not fit Taro 4:
 * - the preset transforms all of node_modules, jest's own runner included ("Class private methods are not
 *   enabled"): here everything is transformed except the packages below (Taro's dependencies ship ESM, so an
 *   allow-list fails);
 * - swiper and friends ship .mjs;
 * - @tarojs/taro maps to test/ui/taro.js (Taro H5 plus the React lifecycle hooks), which is only ever required
 *   by the code under test, never by a setup file: requiring it first closes the router → components →
 *   taro-h5 → router cycle the wrong way round ("Cannot read properties of undefined (reading 'history')");
 * - its createApp() calls Taro 3's router and fails on Taro 4: tests mount pages directly.
 */
const untransformed = [
  'jest[^/]*',
  '@jest',
  'babel[^/]*',
  '@babel',
  'react',
  'react-dom',
  'scheduler',
  'jsdom',
  'pretty-format',
]

module.exports = {
  displayName: 'ui',
  // the bundled functions (build:cloud) repeat package names: not modules of the tests
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/dist/', '<rootDir>/dist-h5/'],
  rootDir: root,
  testEnvironment: 'jsdom',
  testEnvironmentOptions: {
    url: 'http://localhost/',
    customExportConditions: ['node', 'node-addons'],
  },
  testMatch: ['<rootDir>/test/ui/**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/ui/setup-env.js'],
  transform: {
    '^.+\\.(mjs|cjs|js|jsx|ts|tsx)$': ['babel-jest', { configFile: path.join(root, 'babel.config.js') }],
  },
  transformIgnorePatterns: [`/node_modules/(?:${untransformed.join('|')})/`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    ...jestModuleNameMapper,
    '^@tarojs/taro$': '<rootDir>/test/ui/taro.js',
    '^@tarojs/components$': '@tarojs/components/lib/react/index',
    '^react-dom/test-utils$': '<rootDir>/test/ui/react-dom-test-utils.js',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/ui/style-stub.js',
  },
  globals: {
    // build-time constants of Taro's H5 runtime
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    __TARO_FRAMEWORK__: 'react',
    // the project's own constants (config/index.ts)
    CLOUD_ENV: '',
    API_BASE: '',
    SUBSCRIBE_TEMPLATE_IDS: JSON.stringify({ orderProgress: 'tpl-progress', newTask: 'tpl-task', reminder: 'tpl-reminder' }),
  },
}
