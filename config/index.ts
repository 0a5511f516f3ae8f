import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { aliasDirs } = require('./aliases') as { aliasDirs: Record<string, string> }

/**
 * Taro build configuration (webpack5 runner, React, Sass).
 *
 * - weapp builds to `dist/` (WeChat DevTools opens the repository root; the root project.config.json points there).
 * - H5 builds to `dist-h5/`: it must differ from weapp's, or an H5 build wipes the mini-program output.
 *
 * Compile-time constants:
 * - CLOUD_ENV: WeChat Cloud Development environment id (SIDAN_CLOUD_ENV; '' = the default environment).
 * - API_BASE:  H5 only, the origin of the local host's /api (SIDAN_API_BASE; '' = same origin).
 * - SUBSCRIBE_TEMPLATE_IDS: weapp, the subscribe-message template ids as JSON by template name
 *   (SIDAN_SUBSCRIBE_TEMPLATES, the same ids the cloud functions are configured with; '{}' = none).
 */
// The shared contracts live outside src/: let Babel compile them too.
const compile = { include: [path.resolve(__dirname, '..', 'types')] }

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'sidan-volunteer',
    date: '2025-11-22',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(process.env.SIDAN_CLOUD_ENV ?? ''),
      API_BASE: JSON.stringify(process.env.SIDAN_API_BASE ?? ''),
      SUBSCRIBE_TEMPLATE_IDS: JSON.stringify(process.env.SIDAN_SUBSCRIBE_TEMPLATES ?? '{}'),
    },
    copy: { patterns: [], options: {} },
    alias: aliasDirs,
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
