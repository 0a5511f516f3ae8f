import CloudLogin from './CloudLogin'
import DevLogin from './DevLogin'
import './index.scss'

/**
 * In WeChat the identity comes from WeChat itself: this page only signs in through the cloud.
 * The development login exists only in H5 builds; in a weapp build the condition folds to false and
 * DevLogin (with services/devAuth) is dropped from the bundle.
 */
export default function Login() {
  return process.env.TARO_ENV === 'h5' ? <DevLogin /> : <CloudLogin />
}
