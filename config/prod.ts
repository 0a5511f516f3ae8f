import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {},
  h5: {
    devServer: { host: '127.0.0.1' },
    webpackChain(chain) {
      // React + the Taro H5 runtime alone are ~280 KiB: warn only when the app grows well past that
      chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(300 * 1024)
    },
  },
} satisfies UserConfigExport<'webpack5'>
