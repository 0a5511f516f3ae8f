import { cloudMain } from '../shared/cloud'
import { cronFunction } from './actions'

export const main = cloudMain(cronFunction)
