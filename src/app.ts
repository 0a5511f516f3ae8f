import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import './app.scss'

// Cloud Development exists only inside WeChat; H5 talks to the local host over HTTP (see services/transport.ts).
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
}

function App({ children }: PropsWithChildren) {
  // children is the page being rendered
  return children
}

export default App
