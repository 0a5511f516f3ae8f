/**
 * What `@tarojs/taro` is in an H5 build: the Taro H5 API object plus the React lifecycle hooks that the build's
 * loader attaches to it, with the React runtime registered the way createReactApp does for a real app.
 *
 * Load order matters: taro-h5 → router → components → (this module again). This module must be the first of
 * them to load (setup-env.js requires it), and it fills its exports in place so that the components, which get
 * it half-loaded, see the finished object when they use it later.
 */
Object.defineProperty(exports, '__esModule', { value: true })

const React = require('react')
const ReactDOM = require('react-dom')
const h5 = require('@tarojs/taro-h5')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

runtime.createH5NativeComponentConfig(null, React, ReactDOM)

// as in the build, the default export carries every API (Taro.setStorageSync …) and the hooks
const taro = h5.default
for (const key of Object.keys(h5)) {
  if (key !== 'default' && key !== '__esModule') taro[key] = h5[key]
}
for (const name of Object.keys(runtime)) {
  if (/^use[A-Z]/.test(name)) taro[name] = runtime[name]
}

Object.assign(exports, taro)
exports.default = taro
