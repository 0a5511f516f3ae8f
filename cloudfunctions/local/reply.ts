import type { FastifyReply } from 'fastify'
import { HTTP_STATUS, type ApiError, type Envelope, type ErrorCode } from '~types'

/** Answers with the error envelope, the HTTP status following the code unless given. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, status = HTTP_STATUS[code]) {
  const error: ApiError = { code, message }
  return reply.status(status).send({ ok: false, error })
}

/** Answers with a function's envelope, the HTTP status following its error code. */
export function sendEnvelope(reply: FastifyReply, envelope: Envelope<unknown>) {
  return reply.status(envelope.ok ? 200 : HTTP_STATUS[envelope.error.code]).send(envelope)
}

/** What a route that does not exist answers under /api/ (and a development route asked for from another name). */
export const sendApiNotFound = (reply: FastifyReply) => sendError(reply, 'NOT_FOUND', '接口不存在')
