import { createKeyedQueue } from '~functions/shared/keyed-queue'

describe('keyed queue', () => {
  const tick = () => new Promise((r) => setTimeout(r, 1))

  it('runs tasks of one key one after another, and of different keys side by side', async () => {
    const run = createKeyedQueue()
    const log: string[] = []
    const task = (name: string) => async () => {
      log.push(`${name} start`)
      await tick()
      log.push(`${name} end`)
      return name
    }
    const results = await Promise.all([run('a', task('a1')), run('a', task('a2')), run('b', task('b1'))])
    expect(results).toEqual(['a1', 'a2', 'b1'])
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'))
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'))
  })

  it('a failed task does not stop the next one, and its error reaches its own caller', async () => {
    const run = createKeyedQueue()
    const failing = run('a', async () => {
      throw new Error('boom')
    })
    const next = run('a', async () => 'ok')
    await expect(failing).rejects.toThrow('boom')
    await expect(next).resolves.toBe('ok')
  })
})
