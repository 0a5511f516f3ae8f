import { cloudMain } from '../shared/cloud'
import { catalogFunction } from './actions'

export const main = cloudMain(catalogFunction)
