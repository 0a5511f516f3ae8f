import { cloudMain } from '../shared/cloud'
import { userFunction } from './actions'

export const main = cloudMain(userFunction)
