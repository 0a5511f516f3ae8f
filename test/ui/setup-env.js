// UI tests run the H5 flavour of the app; a test may switch to 'weapp' for a moment to check the WeChat path.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'

// @tarojs/taro (test/ui/taro.js) has to load before @tarojs/router: the router pulls in the components, which
// import Taro, which reads the router's history while loading. Started from here, that cycle closes on the
// module that tolerates it.
require('@tarojs/taro')
