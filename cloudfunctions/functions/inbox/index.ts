import { cloudMain } from '../shared/cloud'
import { inboxFunction } from './actions'

export const main = cloudMain(inboxFunction)
