import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '~core/errors'
import type { SignInMethods } from '~types'
import { isLoopbackHostHeader } from './loopback'
import { HTTP_STATUS } from '~types'
import { sendError } from './reply'
import { FieldRefusal, type SignIn } from './sign-in'

/** What a session records of the device that signed in (the audit log's "a new device"). */
const deviceOf = (req: FastifyRequest) => String(req.headers['user-agent'] ?? '').slice(0, 200)

/**
 * The local host's own sign-in: POST /api/auth/register, /api/auth/login, /api/auth/logout, and GET
 * /api/auth/methods (which sign-ins the login page may offer: development login only where its routes answer).
 * Answers are the usual envelope; a refusal about one field of the form also names it (`error.field`).
 */
export function signInRoutes(signIn: SignIn, devLogin: boolean) {
  const run = async (reply: Parameters<typeof sendError>[0], task: () => Promise<unknown>) => {
    try {
      return reply.send({ ok: true, data: await task() })
    } catch (err) {
      if (err instanceof FieldRefusal) {
        return reply.status(HTTP_STATUS[err.code]).send({ ok: false, error: { code: err.code, message: err.message, field: err.field } })
      }
      if (err instanceof AppError) return sendError(reply, err.code, err.message)
      throw err
    }
  }
  return async (routes: FastifyInstance) => {
    routes.get('/api/auth/methods', async (req) => {
      const data: SignInMethods = { devLogin: devLogin && isLoopbackHostHeader(req.headers.host), password: true }
      return { ok: true, data }
    })
    routes.post('/api/auth/register', (req, reply) => run(reply, () => signIn.register(req.body, deviceOf(req))))
    routes.post('/api/auth/login', (req, reply) => run(reply, () => signIn.login(req.body, deviceOf(req))))
    routes.post('/api/auth/logout', (req, reply) => run(reply, async () => (await signIn.logout(req.headers.authorization), {})))
  }
}
