import Fastify, { type FastifyInstance } from 'fastify'
import { FUNCTIONS } from '~functions/registry'
import type { CallContext, Deps } from '~functions/shared/deps'
import type { DiskFiles } from '~adapters/disk/files'
import type { TokenSigner } from './auth'
import { certificateRoute } from './certificate-route'
import type { DevClock } from './dev-clock'
import { devRoutes } from './dev-routes'
import { exportRoute } from './export-route'
import { uploadRoutes } from './upload-routes'
import { DEFAULT_IP_RATE_LIMIT, IP_RATE_LIMITED, type IpRateLimit, type IpRateLimitedError, registerIpRateLimit } from './ip-rate-limit'
import { sendApiNotFound, sendEnvelope, sendError } from './reply'
import { createSignIn, SESSION_INVALID } from './sign-in'
import { signInRoutes } from './sign-in-routes'
import { registerSecurityAndStatic } from './static'
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy'

export interface ServerOptions {
  deps: Deps
  signer: TokenSigner
  /**
   * development login (GET /api/dev/users, POST /api/dev/login) and POST /api/dev/cron, answered on a loopback Host
   * only; see hostConfigFromEnv for when it is on
   */
  devLogin: boolean
  /** the H5 build to serve at /, when present */
  staticDir?: string
  /** the origin the H5 build sends API calls to, when not this host (allowed in the content security policy) */
  apiBase?: string
  bodyLimit?: number
  logger?: boolean
  /** requests per address on /api/* (ip-rate-limit.ts); default DEFAULT_IP_RATE_LIMIT, loopback exempt */
  ipRateLimit?: IpRateLimit
  /** how long a session of the host's own sign-in lasts (SIDAN_SESSION_DAYS); default SIGN_IN.sessionDays */
  sessionDays?: number
  /** the folder deps.files keeps exports in: GET /api/exports/<id> serves them to their makers */
  exportFiles?: DiskFiles
  /** the folder deps.certificateFiles keeps certificates' PDFs in: GET /api/certificates/<serial> serves them */
  certificateFiles?: DiskFiles
  /** the folder activity photos are kept in: POST /api/upload and GET /api/files/<id> (upload-routes.ts) */
  photoFiles?: DiskFiles
  /**
   * the proxies believed about the client's address (trust-proxy.ts): off by default, so `req.ip` (what the
   * per-address limit counts and exempts as loopback) is the connection's and X-Forwarded-For changes nothing
   */
  trustProxy?: TrustProxy
  /** the development clock behind deps.clock (POST /api/dev/clock, with development login only) */
  devClock?: DevClock
}

/** The local host: the same function handlers as on WeChat Cloud, over HTTP, with the SQLite store. */
export function buildServer(opts: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? 64 * 1024, trustProxy: fastifyTrustProxy(opts.trustProxy ?? false) })
  const { deps, signer } = opts
  const signIn = createSignIn(deps, signer, { devLogin: opts.devLogin, sessionDays: opts.sessionDays })

  // Fastify's own refusals (body too large, not JSON, wrong content type) answer with the same envelope.
  app.setErrorHandler((err: { code?: string; statusCode?: number }, _req, reply) => {
    if (err.code === IP_RATE_LIMITED) {
      const seconds = (err as IpRateLimitedError).retrySeconds
      return sendError(reply, 'RATE_LIMITED', `请求太频繁，请${seconds}秒后再试`, 429)
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 'INVALID_INPUT', '提交的内容太大了', 413)
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 'INVALID_INPUT', '请以JSON格式提交')
    if (err.statusCode !== undefined && err.statusCode < 500) return sendError(reply, 'INVALID_INPUT', '请求内容不是有效的JSON')
    app.log.error(err)
    return sendError(reply, 'INTERNAL', '系统繁忙，请稍后再试')
  })

  registerSecurityAndStatic(app, { staticDir: opts.staticDir, apiBase: opts.apiBase })

  app.register(async (routes) => {
    routes.get('/healthz', async () => ({ ok: true }))
    // every route registered below is under /api/ and counted per address
    await registerIpRateLimit(routes, opts.ipRateLimit ?? DEFAULT_IP_RATE_LIMIT)

    if (opts.devLogin) routes.register(devRoutes(deps, signer, signIn, opts.devClock))
    routes.register(signInRoutes(signIn, opts.devLogin))
    if (opts.exportFiles) routes.register(exportRoute(deps, signIn, opts.exportFiles))
    if (opts.certificateFiles) routes.register(certificateRoute(deps, signIn, opts.certificateFiles))
    if (opts.photoFiles) routes.register(uploadRoutes(deps, signIn, opts.photoFiles))

    routes.post('/api/:fn', async (req, reply) => {
      const name = (req.params as { fn: string }).fn
      if (!Object.hasOwn(FUNCTIONS, name)) return sendApiNotFound(reply)
      const who = await signIn.resolve(req.headers.authorization)
      if (who.kind === 'invalid') return sendError(reply, 'UNAUTHENTICATED', SESSION_INVALID)
      const ctx: CallContext = { openid: who.kind === 'user' ? who.openid : null, source: 'client' }
      return sendEnvelope(reply, await FUNCTIONS[name].handle(req.body, ctx, deps))
    })

    routes.all('/api/*', async (_req, reply) => sendApiNotFound(reply))
  })
  return app
}
