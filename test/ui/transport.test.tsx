import Taro from '@tarojs/taro'
import { setToken } from '~src/services/auth'
import { devLogin, listDemoUsers } from '~src/services/devAuth'
import { ApiCallError, REQUEST_TIMEOUT_MS, TIMEOUT_MESSAGE, call, isLostReply } from '~src/services/transport'

/** The service layer as the pages use it, with only the wire (fetch, cloud.callFunction) replaced. */

function answer(status: number, body: unknown): Response {
  return {
    status,
    ok: status >= 200 && status < 300,
    json: async () => (body === undefined ? Promise.reject(new SyntaxError('no JSON')) : body),
  } as unknown as Response
}

let fetchMock: jest.Mock

beforeEach(() => {
  localStorage.clear()
  process.env.TARO_ENV = 'h5'
  fetchMock = jest.fn()
  global.fetch = fetchMock
})

afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

async function caught(promise: Promise<unknown>): Promise<ApiCallError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(ApiCallError)
    return err as ApiCallError
  }
  throw new Error('expected the call to fail')
}

describe('transport on H5', () => {
  it('POSTs {action, ...payload} to /api/<fn> with the Bearer token and returns the data', async () => {
    setToken('tok-1')
    fetchMock.mockResolvedValue(answer(200, { ok: true, data: { user: { name: '李秀英' } } }))
    const data = await call('user', 'updateProfile', { name: '李秀英' })
    expect(data).toEqual({ user: { name: '李秀英' } })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/user')
    expect(init.method).toBe('POST')
    expect(init.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer tok-1' })
    expect(JSON.parse(init.body)).toEqual({ action: 'updateProfile', name: '李秀英' })
  })

  it('turns an error envelope into ApiCallError with its code and message', async () => {
    fetchMock.mockResolvedValue(answer(409, { ok: false, error: { code: 'CONFLICT', message: '订单已被他人接走' } }))
    const err = await caught(call('catalog', 'tree', {}))
    expect(err.code).toBe('CONFLICT')
    expect(err.message).toBe('订单已被他人接走')
  })

  it('reports a failed connection as NETWORK, in Chinese', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await caught(call('user', 'login', {}))
    expect(err.code).toBe('NETWORK')
    expect(err.message).toBe('网络不给力，请检查网络后重试')
  })

  it('reports a body that is not an envelope as INTERNAL, without leaking it', async () => {
    fetchMock.mockResolvedValue(answer(502, undefined))
    const err = await caught(call('user', 'login', {}))
    expect(err.code).toBe('INTERNAL')
    expect(err.message).toBe('系统繁忙，请稍后再试')
  })
})

describe('transport in WeChat', () => {
  it('calls the cloud function with {action, ...payload} and unwraps res.result', async () => {
    process.env.TARO_ENV = 'weapp'
    // Taro H5 has no Cloud Development: stand in for WeChat's
    const callFunction = jest.fn().mockResolvedValue({ result: { ok: true, data: [] }, errMsg: 'cloud.callFunction:ok' })
    const h5Cloud = Taro.cloud
    Object.assign(Taro, { cloud: { callFunction } })
    try {
      await expect(call('catalog', 'teams', { unitId: 'st-1' })).resolves.toEqual([])
      expect(callFunction).toHaveBeenCalledWith({ name: 'catalog', data: { action: 'teams', unitId: 'st-1' } })
      expect(fetchMock).not.toHaveBeenCalled()

      callFunction.mockResolvedValue({ result: { ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } } })
      expect((await caught(call('catalog', 'teams', {}))).code).toBe('FORBIDDEN')

      callFunction.mockRejectedValue(new Error('cloud.callFunction:fail'))
      expect((await caught(call('catalog', 'teams', {}))).code).toBe('NETWORK')
    } finally {
      Object.assign(Taro, { cloud: h5Cloud })
    }
  })
})

describe('a call that never answers (weak network)', () => {
  afterEach(() => {
    jest.useRealTimers()
  })

  it('H5: gives up after 15 s with TIMEOUT in Chinese and calls the request off', async () => {
    jest.useFakeTimers()
    let signal: AbortSignal | undefined
    fetchMock.mockImplementation((_url: string, init: RequestInit) => {
      signal = init.signal ?? undefined
      return new Promise(() => {}) // never answers
    })
    const pending = caught(call('order', 'claim', { orderId: 'o-1', requestId: 'r-1' }))
    await jest.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1)
    expect(signal?.aborted).toBe(false)
    await jest.advanceTimersByTimeAsync(1)
    const err = await pending
    expect(REQUEST_TIMEOUT_MS).toBe(15_000)
    expect(err.code).toBe('TIMEOUT')
    expect(err.message).toBe(TIMEOUT_MESSAGE)
    expect(err.message).toContain('重试')
    expect(signal?.aborted).toBe(true)
    expect(isLostReply(err)).toBe(true)
  })

  it('H5: an answer within the limit is the answer, and leaves no timer behind', async () => {
    jest.useFakeTimers()
    fetchMock.mockResolvedValue(answer(200, { ok: true, data: { fine: true } }))
    await expect(call('catalog', 'tree', {})).resolves.toEqual({ fine: true })
    expect(jest.getTimerCount()).toBe(0)
  })

  it('weapp: a cloud call with no answer in 15 s is TIMEOUT too', async () => {
    jest.useFakeTimers()
    process.env.TARO_ENV = 'weapp'
    const h5Cloud = Taro.cloud
    Object.assign(Taro, { cloud: { callFunction: jest.fn(() => new Promise(() => {})) } })
    try {
      const pending = caught(call('order', 'claim', { orderId: 'o-1', requestId: 'r-1' }))
      await jest.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS)
      expect((await pending).code).toBe('TIMEOUT')
    } finally {
      Object.assign(Taro, { cloud: h5Cloud })
    }
  })

  it('a refusal is not a lost reply: only NETWORK and TIMEOUT are', () => {
    expect(isLostReply(new ApiCallError('CONFLICT', '订单已被他人接走'))).toBe(false)
    expect(isLostReply(new ApiCallError('NETWORK', '网络不给力'))).toBe(true)
    expect(isLostReply(new Error('x'))).toBe(false)
  })
})

describe('development login client', () => {
  it('lists the demo users from the raw JSON array', async () => {
    const users = [{ openid: 'demo-1', name: '王大爷', roles: ['resident'], orgUnitId: 'st-1', teamIds: [] }]
    fetchMock.mockResolvedValue(answer(200, users))
    await expect(listDemoUsers()).resolves.toEqual(users)
    expect(fetchMock.mock.calls[0][0]).toBe('/api/dev/users')
    expect(fetchMock.mock.calls[0][1].method).toBe('GET')
  })

  it('signs in with {openid} and returns the raw token', async () => {
    fetchMock.mockResolvedValue(answer(200, { token: 'tok-9' }))
    await expect(devLogin('demo-1')).resolves.toEqual({ token: 'tok-9' })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/dev/login')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toEqual({ openid: 'demo-1' })
  })

  it('reads errors from the envelope, and says so when development login is off', async () => {
    fetchMock.mockResolvedValueOnce(answer(404, { ok: false, error: { code: 'NOT_FOUND', message: '没有这个演示用户' } }))
    expect((await caught(devLogin('nobody'))).message).toBe('没有这个演示用户')

    fetchMock.mockResolvedValueOnce(answer(404, { message: 'Route GET:/api/dev/users not found', statusCode: 404 }))
    const off = await caught(listDemoUsers())
    expect(off.code).toBe('NOT_FOUND')
    expect(off.message).toBe('本地服务没有开启开发登录')
  })
})
