import { cloudMain } from '../shared/cloud'
import { orderFunction } from './actions'

export const main = cloudMain(orderFunction)
