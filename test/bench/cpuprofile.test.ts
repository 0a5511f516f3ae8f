import { type CpuProfile, selfTimes } from '~bench/cpuprofile'

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 })

it('bench/cpuprofile sums the self time of a --cpu-prof profile by function and by file, largest first', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('run', '') },
      { id: 3, callFrame: frame('writeOrderIndex', `file://${process.cwd()}/cloudfunctions/adapters/sqlite/orders.ts`) },
      { id: 4, callFrame: frame('orderRow', `file://${process.cwd()}/cloudfunctions/adapters/sqlite/orders.ts`) },
    ],
    samples: [2, 3, 2, 4, 2],
    timeDeltas: [1000, 500, 1000, 500, 1000],
  }
  expect(selfTimes(profile, 'function')).toEqual([
    { name: 'run', ms: 3, share: 0.75 },
    { name: 'writeOrderIndex cloudfunctions/adapters/sqlite/orders.ts:10', ms: 0.5, share: 0.125 },
    { name: 'orderRow cloudfunctions/adapters/sqlite/orders.ts:10', ms: 0.5, share: 0.125 },
  ])
  expect(selfTimes(profile, 'file')).toEqual([
    { name: '(run)', ms: 3, share: 0.75 },
    { name: 'cloudfunctions/adapters/sqlite/orders.ts', ms: 1, share: 0.25 },
  ])
})
