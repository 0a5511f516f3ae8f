import * as z from 'zod'
import { zhCN } from 'zod/locales'
import { AppError } from '~core/errors'
import {
  DEFAULT_ERROR_MESSAGES,
  schemas,
  type ActionName,
  type ApiResponse,
  type Envelope,
  type FunctionName,
  type ParsedInput,
  type User,
} from '~types'
import type { CallContext, Deps } from './deps'
import { enforceRateLimits, isWriteAction } from './rate-limit'

// Any message a schema does not set itself still reaches the user in Chinese.
z.config(zhCN())

/** One call in progress: its dependencies, who is calling, and the caller's profile on demand. */
export class Call {
  private userPromise: Promise<User> | null = null
  readonly now: string

  constructor(
    readonly deps: Deps,
    readonly ctx: CallContext,
  ) {
    this.now = deps.clock().toISOString()
  }

  /** The caller's profile: identity comes from the platform context only, never from the payload. */
  user(): Promise<User> {
    this.userPromise ??= this.loadUser()
    return this.userPromise
  }

  private async loadUser(): Promise<User> {
    if (!this.ctx.openid) throw new AppError('UNAUTHENTICATED')
    const user = await this.deps.users.getUserByOpenid(this.ctx.openid)
    if (!user) throw new AppError('UNAUTHENTICATED', '请先登录（首次使用请进入首页完成登录）')
    return user
  }
}

export type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: (input: ParsedInput<F, A>, call: Call) => Promise<ApiResponse<F, A>>
}

export interface CloudFunction {
  name: FunctionName
  actions: string[]
  handle(event: unknown, ctx: CallContext, deps: Deps): Promise<Envelope<unknown>>
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A cloud function: a small router over its actions. Every call goes
 * identity → validation (types/schemas) → rate limits (writes only, shared/rate-limit.ts) → use case → envelope, and
 * nothing but AppError reaches the caller's eyes.
 */
export function defineFunction<F extends FunctionName>(name: F, handlers: Handlers<F>): CloudFunction {
  const actionSchemas = schemas[name] as Record<string, z.ZodType>
  const writes = new Set(Object.keys(actionSchemas).filter((a) => isWriteAction(actionSchemas[a])))
  return {
    name,
    actions: Object.keys(handlers),
    async handle(event, ctx, deps) {
      try {
        if (!isPlainObject(event)) throw new AppError('INVALID_INPUT', '请求内容应为JSON对象')
        const { action, ...payload } = event
        if (typeof action !== 'string' || action === '') throw new AppError('INVALID_INPUT', '缺少操作名称（action）')
        if (!Object.hasOwn(handlers, action) || !Object.hasOwn(actionSchemas, action)) {
          throw new AppError('INVALID_INPUT', `不支持的操作：${action.slice(0, 40)}`)
        }
        const parsed = actionSchemas[action].safeParse(payload)
        if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? DEFAULT_ERROR_MESSAGES.INVALID_INPUT)
        const handler = handlers[action as ActionName<F>] as (input: unknown, call: Call) => Promise<unknown>
        const call = new Call(deps, ctx)
        if (writes.has(action)) await enforceRateLimits(call, name, action, parsed.data as { requestId?: string })
        return { ok: true, data: await handler(parsed.data, call) }
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, ...err.details } }
        console.error(`[${name}]`, err)
        return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_ERROR_MESSAGES.INTERNAL } }
      }
    },
  }
}
