/**
 * The content-security port (issue 10) on both implementations: what any of them answers (the contract), then what
 * each does underneath: WeChat's over a fake `cloud.openapi.security`, the local one's 本地未检测.
 */
import { NOT_CHECKED_LOCALLY, createLocalContentCheck } from '~adapters/local/content-check'
import { createWechatContentCheck, type SecurityApi } from '~adapters/wechat/content-check'
import type { ContentCheck } from '~core/ports'

function fakeSecurity(opts: { risky?: string[]; fail?: boolean } = {}) {
  const calls: Array<{ api: string; args: Record<string, unknown> }> = []
  const api: SecurityApi = {
    security: {
      async msgSecCheck(args) {
        calls.push({ api: 'msgSecCheck', args })
        if (opts.fail) throw new Error('errCode: -604101 system error')
        const risky = (opts.risky ?? []).some((w) => args.content.includes(w))
        return { errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20001 : 100 } }
      },
      async mediaCheckAsync(args) {
        calls.push({ api: 'mediaCheckAsync', args })
        if (opts.fail) return { errCode: 40001, errMsg: 'invalid credential' }
        return { errCode: 0, errMsg: 'ok', traceId: `trace-${calls.length}` }
      },
    },
  }
  return { api, calls }
}

const quiet = () => {}

function contentCheckContract(name: string, make: () => ContentCheck) {
  describe(`content check contract: ${name}`, () => {
    it('a text is pass, reject (with a reason) or unchecked (with a reason)', async () => {
      const v = await make().checkText('量了血压，讲了用药', 'social', 'o-openid')
      expect(['pass', 'reject', 'unchecked']).toContain(v.result)
      if (v.result !== 'pass') expect(typeof v.reason).toBe('string')
    })
    it('an image is pending under a trace id, or unchecked with a reason', async () => {
      const v = await make().checkImage({ url: 'https://tmp.example.com/a.jpg', scene: 'social', openid: 'o-openid' })
      if (v.status === 'pending') expect(v.traceId).toEqual(expect.any(String))
      else expect(v).toEqual({ status: 'unchecked', reason: expect.any(String) })
    })
  })
}

contentCheckContract('wechat (fake openapi)', () => createWechatContentCheck(fakeSecurity().api, quiet))
contentCheckContract('local', () => createLocalContentCheck())

describe('WeChat content security (security.msgSecCheck v2, security.mediaCheckAsync)', () => {
  it('asks v2 with the scene and the author’s openid; risky is a reject, pass a pass', async () => {
    const { api, calls } = fakeSecurity({ risky: ['违禁'] })
    const check = createWechatContentCheck(api, quiet)
    expect(await check.checkText('正常的服务记录', 'comment', 'o-1')).toEqual({ result: 'pass' })
    expect(await check.checkText('违禁内容', 'forum', 'o-1')).toEqual({ result: 'reject', reason: 'label 20001' })
    expect(calls.map((c) => c.args)).toEqual([
      { content: '正常的服务记录', version: 2, scene: 2, openid: 'o-1' },
      { content: '违禁内容', version: 2, scene: 3, openid: 'o-1' },
    ])
  })

  it('at most 2,500 characters are sent', async () => {
    const { api, calls } = fakeSecurity()
    await createWechatContentCheck(api, quiet).checkText('字'.repeat(3000), 'social', 'o-1')
    expect((calls[0].args.content as string).length).toBe(2500)
  })

  it('an image goes to mediaCheckAsync (type 2, v2) and is pending under its trace id', async () => {
    const { api, calls } = fakeSecurity()
    expect(await createWechatContentCheck(api, quiet).checkImage({ url: 'https://tmp/x.jpg', scene: 'social', openid: 'o-1' })).toEqual({ status: 'pending', traceId: 'trace-1' })
    expect(calls[0]).toEqual({ api: 'mediaCheckAsync', args: { mediaUrl: 'https://tmp/x.jpg', mediaType: 2, version: 2, scene: 4, openid: 'o-1' } })
  })

  it('without an openid, or when the platform fails, nothing is judged: unchecked, logged, never a refusal', async () => {
    const logged: string[] = []
    const failing = createWechatContentCheck(fakeSecurity({ fail: true }).api, (m) => logged.push(m))
    expect(await failing.checkText('x', 'social', 'o-1')).toEqual({ result: 'unchecked', reason: '内容安全检测暂不可用' })
    expect(await failing.checkImage({ url: 'u', scene: 'social', openid: 'o-1' })).toEqual({ status: 'unchecked', reason: '内容安全检测暂不可用' })
    expect(logged).toHaveLength(2)
    const { api, calls } = fakeSecurity()
    expect((await createWechatContentCheck(api, quiet).checkText('x', 'social', null)).result).toBe('unchecked')
    expect(calls).toEqual([])
  })
})

describe('local content security', () => {
  it('judges nothing and says so (本地未检测)', async () => {
    const logged: string[] = []
    const check = createLocalContentCheck((m) => logged.push(m))
    expect(await check.checkText('违禁内容', 'comment', 'o-1')).toEqual({ result: 'unchecked', reason: NOT_CHECKED_LOCALLY })
    expect(await check.checkImage({ url: 'u', scene: 'social' })).toEqual({ status: 'unchecked', reason: NOT_CHECKED_LOCALLY })
    expect(NOT_CHECKED_LOCALLY).toBe('本地未检测')
    expect(logged).toEqual(['[content-check] 本地未检测: text (comment, 4 characters)', '[content-check] 本地未检测: image (social)'])
  })
})
