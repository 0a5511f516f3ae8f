import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // the dev server listens on every interface unless told otherwise
    devServer: { host: '127.0.0.1' },
  },
} satisfies UserConfigExport<'webpack5'>
