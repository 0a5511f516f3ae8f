import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { startHost } from '~local/host'

export type LocalHost = Awaited<ReturnType<typeof startHost>>

/**
 * The local host on a database file of its own in a fresh folder (dev login on, the scheduled job off, no H5 build),
 * with JSON POST over HTTP and a dev-login token; `close` stops it and removes the folder.
 */
export async function openLocalHost(name: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sidan-${name}-`))
  const config = { port: 0, host: '127.0.0.1', dbFile: path.join(dir, `${name}.db`), devLogin: true, cronIntervalMs: 0, staticDir: path.join(dir, 'no-h5') }
  const host = await startHost(config, {})
  const base = `http://127.0.0.1:${(host.app.server.address() as AddressInfo).port}`
  const post = async (url: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as any }
  }
  const login = async (openid: string) => (await post('/api/dev/login', { openid })).body.token as string
  const close = async () => {
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return { host, base, post, login, close }
}
