import { existsSync } from 'node:fs'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import fastifyStatic from '@fastify/static'
import { HTTP_STATUS, type ApiError, type ErrorCode } from '~types'
import { FUNCTIONS } from '~functions/registry'
import type { CallContext, Deps } from '~functions/shared/deps'
import type { TokenSigner } from './auth'

export interface ServerOptions {
  deps: Deps
  signer: TokenSigner
  /** development login (GET /api/dev/users, POST /api/dev/login) and POST /api/dev/cron; off when SIDAN_DEV_LOGIN=0 */
  devLogin: boolean
  /** the H5 build to serve at /, when present */
  staticDir?: string
  bodyLimit?: number
  logger?: boolean
}

function sendError(reply: FastifyReply, code: ErrorCode, message: string, status = HTTP_STATUS[code]) {
  const error: ApiError = { code, message }
  return reply.status(status).send({ ok: false, error })
}

/** The local host: the same function handlers as on WeChat Cloud, over HTTP, with the SQLite store. */
export function buildServer(opts: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? 64 * 1024 })
  const { deps, signer } = opts

  // Fastify's own refusals (body too large, not JSON, wrong content type) answer with the same envelope.
  app.setErrorHandler((err: { code?: string; statusCode?: number }, _req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 'INVALID_INPUT', '提交的内容太大了', 413)
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 'INVALID_INPUT', '请以JSON格式提交')
    if (err.statusCode !== undefined && err.statusCode < 500) return sendError(reply, 'INVALID_INPUT', '请求内容不是有效的JSON')
    app.log.error(err)
    return sendError(reply, 'INTERNAL', '系统繁忙，请稍后再试')
  })

  app.get('/healthz', async () => ({ ok: true }))

  if (opts.devLogin) {
    app.get('/api/dev/users', async () => {
      const users = await deps.users.listUsers()
      return users.map(({ openid, name, roles, orgUnitId, teamIds }) => ({ openid, name, roles, orgUnitId, teamIds }))
    })
    app.post('/api/dev/login', async (req, reply) => {
      const openid = (req.body as { openid?: unknown } | null)?.openid
      if (typeof openid !== 'string' || openid.length === 0 || openid.length > 64) {
        return sendError(reply, 'INVALID_INPUT', '请选择要登录的演示用户')
      }
      return { token: signer.issue(openid) }
    })
    // the scheduled job as of a given time ({ now }: an ISO time; the host's clock when absent), so that a test from
    // outside can exercise the time limits; answers the job's report in the usual envelope
    app.post('/api/dev/cron', async (req, reply) => {
      const body = req.body as { now?: unknown } | null | undefined
      const event = { action: 'run', ...(body?.now === undefined ? {} : { now: body.now }) }
      const envelope = await FUNCTIONS.cron.handle(event, { openid: null, source: 'system' }, deps)
      return reply.status(envelope.ok ? 200 : HTTP_STATUS[envelope.error.code]).send(envelope)
    })
  }

  app.post('/api/:fn', async (req, reply) => {
    const name = (req.params as { fn: string }).fn
    if (!Object.hasOwn(FUNCTIONS, name)) return sendError(reply, 'NOT_FOUND', '接口不存在')
    const fn = FUNCTIONS[name]
    const header = req.headers.authorization
    let openid: string | null = null
    if (header) {
      const token = /^Bearer (.+)$/.exec(header)?.[1]
      openid = token ? signer.verify(token) : null
      if (!openid) return sendError(reply, 'UNAUTHENTICATED', '登录已失效，请重新登录')
    }
    const ctx: CallContext = { openid, source: 'client' }
    const envelope = await fn.handle(req.body, ctx, deps)
    return reply.status(envelope.ok ? 200 : HTTP_STATUS[envelope.error.code]).send(envelope)
  })

  app.all('/api/*', async (_req, reply) => sendError(reply, 'NOT_FOUND', '接口不存在'))

  if (opts.staticDir && existsSync(opts.staticDir)) {
    app.register(fastifyStatic, { root: opts.staticDir, prefix: '/' })
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<p>尚未构建H5页面：请运行 <code>npm start</code>（会先构建再启动）。</p>'),
    )
  }
  return app
}
