/**
 * The servers under load: the local host (the real handlers over HTTP, SQLite file store) and a bare endpoint of the
 * same framework (Fastify, JSON body parsed, tiny JSON answer), in one child process so that the load generator in
 * the parent does not compete with them for the same core.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import Fastify from 'fastify'
import { startHost } from '~local/host'
import { UNLIMITED_ENV } from '~test/support/policy'

export interface Servers {
  hostUrl: string
  bareUrl: string
  close(): Promise<void>
}

/** Starts both on loopback ports chosen by the system; the host with the rate limits per person off (UNLIMITED_ENV). */
export async function startServers(dbFile: string): Promise<Servers> {
  const host = await startHost(
    { port: 0, host: '127.0.0.1', dbFile, devLogin: true, cronIntervalMs: 0, staticDir: path.join(dbFile, 'no-h5') },
    UNLIMITED_ENV,
  )
  const bare = Fastify({ logger: false, bodyLimit: 64 * 1024 })
  bare.post('/bare', async () => ({ ok: true, data: {} }))
  await bare.listen({ port: 0, host: '127.0.0.1' })
  const url = (app: { server: { address(): unknown } }) => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  return {
    hostUrl: url(host.app),
    bareUrl: `${url(bare)}/bare`,
    async close() {
      await bare.close()
      await host.close()
    },
  }
}

const CHILD = path.join(__dirname, 'server-child.ts')

/** The same servers in a child process (node --import tsx), answered over IPC. */
export async function spawnServers(dbFile: string): Promise<Servers> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, BENCH_DB: dbFile },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const urls = await new Promise<{ hostUrl: string; bareUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench servers did not start within 30 s')), 30_000)
    child.once('message', (msg) => {
      clearTimeout(timer)
      resolve(msg as { hostUrl: string; bareUrl: string })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`bench servers exited with ${code}`))
    })
  })
  return {
    ...urls,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.send('close')
      }),
  }
}
