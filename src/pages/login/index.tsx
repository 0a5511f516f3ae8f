import CloudLogin from './CloudLogin'
import H5Login from './H5Login'
import './index.scss'

/**
 * In WeChat the identity comes from WeChat itself: this page only signs in through the cloud.
 * The local host's sign-in (登录, 注册, and the development login when it is on) exists only in H5 builds; in a
 * weapp build the condition folds to false and H5Login (with services/signIn and services/devAuth) is dropped from
 * the bundle.
 */
export default function Login() {
  return process.env.TARO_ENV === 'h5' ? <H5Login /> : <CloudLogin />
}
