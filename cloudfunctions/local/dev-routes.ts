import type { FastifyInstance } from 'fastify'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import type { TokenSigner } from './auth'
import { type DevClock, refuseClockTime, setDevClock } from './dev-clock'
import { recordCronRun, refuseCronTime } from './dev-cron'
import { isLoopbackHostHeader } from './loopback'
import { sendApiNotFound, sendEnvelope, sendError } from './reply'
import { SESSION_INVALID, type SignIn } from './sign-in'
import { isDirectLoopback } from './trust-proxy'

/**
 * Development login (GET /api/dev/users, POST /api/dev/login) and POST /api/dev/cron, registered only while
 * development login is on. Each answers only a request whose Host header names a loopback address, made over a
 * loopback connection without a proxy's forwarding header: anything else (a page whose DNS answer was rebound to
 * 127.0.0.1, the host reached over the network, a request a reverse proxy forwards) gets the 404 of a route that
 * does not exist.
 */
export function devRoutes(deps: Deps, signer: TokenSigner, signIn: SignIn, devClock?: DevClock) {
  return async (dev: FastifyInstance) => {
    dev.addHook('onRequest', async (req, reply) => {
      // the Host header names this machine, and so does the connection, with no proxy in between (trust-proxy.ts)
      if (!isLoopbackHostHeader(req.headers.host) || !isDirectLoopback(req)) return sendApiNotFound(reply)
    })

    dev.get('/api/dev/users', async () => {
      const users = await deps.users.listUsers()
      return users.map(({ openid, name, roles, orgUnitId, teamIds }) => ({ openid, name, roles, orgUnitId, teamIds }))
    })

    dev.post('/api/dev/login', async (req, reply) => {
      const openid = (req.body as { openid?: unknown } | null)?.openid
      if (typeof openid !== 'string' || openid.length === 0 || openid.length > 64) {
        return sendError(reply, 'INVALID_INPUT', '请选择要登录的演示用户')
      }
      return { token: signer.issue(openid) }
    })

    /** An admin of this host, or the refusal to send. */
    async function admin(authorization: string | undefined, refusal: string): Promise<{ code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string } | null> {
      const who = await signIn.resolve(authorization)
      if (who.kind === 'anonymous') return { code: 'UNAUTHENTICATED', message: '请先以管理员身份登录' }
      if (who.kind === 'invalid') return { code: 'UNAUTHENTICATED', message: SESSION_INVALID }
      const user = await deps.users.getUserByOpenid(who.openid)
      return user?.roles.includes('admin') ? null : { code: 'FORBIDDEN', message: refusal }
    }

    // the development clock ({ now }: an ISO time, forward only): the time every handler sees from then on (dev-clock.ts)
    if (devClock) {
      dev.post('/api/dev/clock', async (req, reply) => {
        const refused = await admin(req.headers.authorization, '只有管理员可以调整开发时间')
        if (refused) return sendError(reply, refused.code, refused.message)
        const now = (req.body as { now?: unknown } | null | undefined)?.now
        const invalid = await refuseClockTime(deps, devClock, now)
        if (invalid) return sendError(reply, 'INVALID_INPUT', invalid)
        return sendEnvelope(reply, { ok: true, data: { now: await setDevClock(deps, devClock, now as string) } })
      })
    }

    // the scheduled job as of a given time ({ now }: an ISO time; the host's clock when absent), so that a test from
    // outside can exercise the time limits; by an admin only; answers the job's report in the usual envelope
    dev.post('/api/dev/cron', async (req, reply) => {
      const who = await signIn.resolve(req.headers.authorization)
      if (who.kind === 'anonymous') return sendError(reply, 'UNAUTHENTICATED', '请先以管理员身份登录')
      if (who.kind === 'invalid') return sendError(reply, 'UNAUTHENTICATED', SESSION_INVALID)
      const user = await deps.users.getUserByOpenid(who.openid)
      if (!user?.roles.includes('admin')) return sendError(reply, 'FORBIDDEN', '只有管理员可以手动运行定时任务')

      const body = req.body as { now?: unknown } | null | undefined
      const refused = await refuseCronTime(deps, body?.now)
      if (refused) return sendError(reply, 'INVALID_INPUT', refused)
      const event = { action: 'run', ...(body?.now === undefined ? {} : { now: body.now }) }
      const envelope = await FUNCTIONS.cron.handle(event, { openid: null, source: 'system' }, deps)
      if (envelope.ok) await recordCronRun(deps, (envelope.data as { now: string }).now)
      return sendEnvelope(reply, envelope)
    })
  }
}
