it('order', () => {
  const order = (process.env.ORDER || '').split(',')
  for (const m of order) require(m)
  const Taro = require('@tarojs/taro')
  expect(typeof Taro.default.redirectTo).toBe('function')
  expect(typeof Taro.useDidShow).toBe('function')
  require('@tarojs/test-utils-react')
})
