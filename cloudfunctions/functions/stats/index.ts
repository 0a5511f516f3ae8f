import { cloudMain } from '../shared/cloud'
import { statsFunction } from './actions'

export const main = cloudMain(statsFunction)
