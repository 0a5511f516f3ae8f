import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  // the dependency prebundle (development only) fails here on enhanced-resolve
  // ("options.roots.map is not a function", then the dev server crashes): build without it
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  mini: {},
  h5: {
    // the dev server listens on every interface unless told otherwise.
    // hot: false — React fast refresh needs @pmmmwh/react-refresh-webpack-plugin and react-refresh, which the
    // project does not install; the page still reloads on change.
    // /api goes to the local host (npm run serve; SIDAN_API_PROXY to point elsewhere), so API_BASE can stay ''
    // (same origin) in development too.
    devServer: {
      host: '127.0.0.1',
      hot: false,
      proxy: [{ context: ['/api', '/healthz'], target: process.env.SIDAN_API_PROXY ?? 'http://127.0.0.1:3000' }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
