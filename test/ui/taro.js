/**
 * What `@tarojs/taro` is in an H5 build: the Taro H5 API object, plus the React lifecycle hooks that the build's
 * loader attaches to it, with the React runtime registered the way createReactApp does for a real app.
 */
const React = require('react')
const ReactDOM = require('react-dom')
const h5 = require('@tarojs/taro-h5')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

runtime.createH5NativeComponentConfig(null, React, ReactDOM)

const taro = h5.default
for (const name of Object.keys(runtime)) {
  if (/^use[A-Z]/.test(name)) taro[name] = runtime[name]
}

module.exports = Object.assign(Object.create(null), h5, taro, { default: taro, __esModule: true })
