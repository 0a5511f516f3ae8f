// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Under jest (NODE_ENV=test) the preset emits CommonJS for the current Node.
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      // no React fast refresh in H5 development (see config/dev.ts)
      hot: false,
    }],
  ],
}
