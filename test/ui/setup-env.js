// UI tests run the H5 flavour of the app; a test may switch to 'weapp' for a moment to check the WeChat path.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
