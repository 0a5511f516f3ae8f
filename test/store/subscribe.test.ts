/**
 * The WeChat subscribe-message adapter over the CloudBase store (fake database) and a fake of `cloud.openapi` that
 * answers like the platform: 43101 when the user has no grant on its side, 47003 when a field is too long.
 */
import { createCloudbaseStores } from '~adapters/cloudbase'
import { FakeCloudDb } from '~test/support/cloudbase-fake'
import { createSubscribeChannel, fieldValue, REASONS, subscribeConfigFromEnv, type OpenApi } from '~adapters/wechat/subscribe'
import { deliverPending } from '~usecases/deliver'
import type { AppNotification } from '~types'
import { makeUser } from './fixtures'

const LIMITS: Record<string, number> = { thing: 20, phrase: 5 }

/** Checks field lengths like the platform, and refuses people who have no grant on the platform's side. */
function fakeOpenApi() {
  const sent: Array<{ touser: string; templateId: string; page: string; data: Record<string, { value: string }> }> = []
  const refused = new Set<string>()
  const openapi: OpenApi = {
    subscribeMessage: {
      async send(args) {
        if (refused.has(args.touser)) throw Object.assign(new Error('user refuse to accept the msg'), { errCode: 43101, errMsg: 'user refuse to accept the msg' })
        for (const [key, { value }] of Object.entries(args.data)) {
          const max = LIMITS[key.replace(/\d+$/, '')]
          if (max !== undefined && [...value].length > max) {
            throw Object.assign(new Error('argument invalid!'), { errCode: 47003, errMsg: `argument invalid! data.${key}.value invalid` })
          }
        }
        sent.push(args)
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
      },
    },
  }
  return { openapi, sent, refused }
}

const notification = (id: string, userIds: string[], over: Partial<AppNotification> = {}): AppNotification => ({
  id,
  kind: 'dispatched',
  orderId: 'o-1',
  title: '健康义诊：上门为行动不便的老人测量血压血糖并讲解用药常识',
  userIds,
  unitIds: [],
  text: '「健康义诊」已派给滩尾村孝老爱亲志愿服务队，等待志愿者接单',
  at: '2026-03-02T01:00:00.000Z',
  dueAt: null,
  status: 'pending',
  ...over,
})

const env = { SIDAN_SUBSCRIBE_ORDER_PROGRESS_ID: 'tpl-progress', SIDAN_SUBSCRIBE_REMINDER_ID: 'tpl-reminder' }

async function setup() {
  const stores = createCloudbaseStores(new FakeCloudDb())
  const api = fakeOpenApi()
  const channel = createSubscribeChannel({ openapi: api.openapi, stores, config: subscribeConfigFromEnv(env) })
  const alice = await stores.users.createUser(makeUser({ id: 'alice' }))
  const bob = await stores.users.createUser(makeUser({ id: 'bob' }))
  const at = '2026-03-02T02:00:00.000Z'
  const deliver = () => deliverPending(stores, channel, at, 50)
  return { stores, api, channel, alice, bob, deliver }
}

describe('WeChat subscribe messages (fake cloud.openapi)', () => {
  test('a grant allows exactly one send; no grant → no send, but the inbox still receives it', async () => {
    const { stores, api, alice, bob, deliver } = await setup()
    await stores.notifications.addSubscribeGrants('alice', ['orderProgress'])
    await stores.notifications.recordNotifications([notification('n1', ['alice', 'bob']), notification('n2', ['alice'])])
    expect(await deliver()).toEqual({ delivered: 2, inboxed: 3, sent: 1 })
    expect(api.sent).toHaveLength(1)
    expect(api.sent[0]).toMatchObject({ touser: alice.openid, templateId: 'tpl-progress', page: 'pages/inbox/index?orderId=o-1' })
    // values cut to the platform's limits, time in its format
    expect(api.sent[0].data).toEqual({
      thing1: { value: '健康义诊：上门为行动不便的老人测量血压…' },
      phrase2: { value: '已派单' },
      time3: { value: '2026年3月2日 09:00' },
      thing4: { value: '「健康义诊」已派给滩尾村孝老爱亲志愿服…' },
    })
    expect([...api.sent[0].data.thing1.value]).toHaveLength(20)
    expect(await stores.notifications.getSubscribeGrants('alice')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
    expect((await stores.notifications.listSends('n1')).map((s) => [s.userId, s.outcome, s.reason])).toEqual([
      ['alice', 'sent', null],
      ['bob', 'skipped', REASONS.noGrant],
    ])
    expect((await stores.notifications.listSends('n2')).map((s) => [s.userId, s.outcome, s.reason])).toEqual([['alice', 'skipped', REASONS.noGrant]])
    expect(await stores.notifications.countUnread(alice.id)).toBe(2)
    expect(await stores.notifications.countUnread(bob.id)).toBe(1)
    // delivering again (a retry, or the notification recorded again) sends nothing and spends nothing
    await stores.notifications.addSubscribeGrants('alice', ['orderProgress'])
    await stores.notifications.markNotificationsDelivered([], '')
    const again = await deliverPending(stores, createSubscribeChannel({ openapi: api.openapi, stores, config: subscribeConfigFromEnv(env) }), '2026-03-02T03:00:00.000Z', 50)
    expect(again).toEqual({ delivered: 0, inboxed: 0, sent: 0 })
    expect(api.sent).toHaveLength(1)
    expect(await stores.notifications.getSubscribeGrants('alice')).toEqual({ orderProgress: 1, newTask: 0, reminder: 0 })
  })

  test('a retried delivery of the same notification never spends twice', async () => {
    const { stores, api, alice, channel } = await setup()
    await stores.notifications.addSubscribeGrants('alice', ['orderProgress', 'orderProgress'])
    const n = notification('n1', ['alice'])
    expect(await channel.send(n, alice, 'x')).toBe('sent')
    expect(await channel.send(n, alice, 'x')).toBe('duplicate')
    expect(api.sent).toHaveLength(1)
    expect((await stores.notifications.getSubscribeGrants('alice')).orderProgress).toBe(1)
  })

  test('43101: the platform says no grant; the inbox keeps the message, the reason is recorded, the grant is gone', async () => {
    const { stores, api, alice, deliver } = await setup()
    await stores.notifications.addSubscribeGrants('alice', ['orderProgress'])
    api.refused.add(alice.openid)
    await stores.notifications.recordNotifications([notification('n1', ['alice'])])
    expect(await deliver()).toEqual({ delivered: 1, inboxed: 1, sent: 0 })
    const [send] = await stores.notifications.listSends('n1')
    expect(send).toMatchObject({ outcome: 'failed', errCode: 43101 })
    expect(send.reason).toContain('43101')
    expect((await stores.notifications.getSubscribeGrants('alice')).orderProgress).toBe(0)
    expect(await stores.notifications.countUnread(alice.id)).toBe(1)
  })

  test('47003: a field the platform finds too long; recorded, the grant is given back, the inbox keeps the message', async () => {
    const { stores, api, alice, deliver } = await setup()
    // the platform refuses what the adapter sent (here: the fake allows only 10 characters in a thing field)
    LIMITS.thing = 10
    try {
      await stores.notifications.addSubscribeGrants('alice', ['orderProgress'])
      await stores.notifications.recordNotifications([notification('n1', ['alice'])])
      expect(await deliver()).toEqual({ delivered: 1, inboxed: 1, sent: 0 })
    } finally {
      LIMITS.thing = 20
    }
    const [send] = await stores.notifications.listSends('n1')
    expect(send).toMatchObject({ outcome: 'failed', errCode: 47003 })
    expect(send.reason).toContain('47003')
    expect((await stores.notifications.getSubscribeGrants('alice')).orderProgress).toBe(1)
    expect(await stores.notifications.countUnread(alice.id)).toBe(1)
    expect(api.sent).toEqual([])
  })

  test('no template configured: skipped with the reason, nothing spent', async () => {
    const { stores, api, deliver } = await setup()
    await stores.notifications.addSubscribeGrants('alice', ['newTask'])
    await stores.notifications.recordNotifications([notification('n1', ['alice'], { kind: 'newTask' })])
    expect(await deliver()).toMatchObject({ delivered: 1, sent: 0 })
    expect(await stores.notifications.listSends('n1')).toEqual([expect.objectContaining({ outcome: 'skipped', reason: REASONS.noTemplate })])
    expect((await stores.notifications.getSubscribeGrants('alice')).newTask).toBe(1)
    expect(api.sent).toEqual([])
  })

  test('field values are cut to the platform limits', () => {
    expect(fieldValue('thing1', '一'.repeat(21))).toBe('一'.repeat(19) + '…')
    expect(fieldValue('thing1', '一'.repeat(20))).toBe('一'.repeat(20))
    expect(fieldValue('phrase3', '即将开始服务')).toBe('即将开始服')
    expect(fieldValue('name2', '欧阳娜娜娜娜娜娜娜娜娜')).toHaveLength(10)
    expect(fieldValue('time4', '2026-03-02T16:05:00.000Z')).toBe('2026年3月3日 00:05')
    expect(fieldValue('date5', '2026-03-02T16:05:00.000Z')).toBe('2026年3月3日')
  })
})
