import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installA11y } from './lib/a11y'
import { installModalColors } from './lib/modal'
import './app.scss'

// Cloud Development exists only inside WeChat; H5 talks to the local host over HTTP (see services/transport.ts).
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
}
// every dialog's buttons readable (4.5:1); on H5, Taro's buttons and pickers reachable by keyboard and announced
installModalColors()
if (process.env.TARO_ENV === 'h5') installA11y()

function App({ children }: PropsWithChildren) {
  // children is the page being rendered
  return children
}

export default App
