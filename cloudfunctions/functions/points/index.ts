import { cloudMain } from '../shared/cloud'
import { pointsFunction } from './actions'

export const main = cloudMain(pointsFunction)
