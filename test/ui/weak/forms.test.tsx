/**
 * Weak networks (issue 14), on the forms: a send whose reply was lost offers 重试 with the same requestId (a changed
 * form is a new intent, with a new one), finds out from the order whether it was done after all, and a form left
 * before it was sent keeps its words (useDraft) until it is.
 */
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { TimelineEntry } from '~types/domain'
import { useDraft } from '~src/hooks/useDraft'
import { clearDrafts, draftKey } from '~src/lib/drafts'
import Rate from '~src/packages/resident/pages/rate/index'
import * as order from '~src/services/order'
import { ApiCallError, TIMEOUT_MESSAGE } from '~src/services/transport'
import { useSession } from '~src/stores/session'
import { answer } from '~test/support/order-fixture'
import { clickText, findField, settle, typeInto, waitForText } from '../helpers'
import { clickEl, makeOrder, pageText, resetResident } from '../resident/fixtures'

jest.mock('~src/services/order')
const mockedOrder = jest.mocked(order)

const claim = { volunteerId: 'v-1', name: '李秀英', at: '2026-01-05T03:00:00.000Z', unitPath: [] }
const completed = makeOrder({ status: 'completed', teamIds: ['t-1'], claims: [claim] })
const rateEntry: TimelineEntry = { at: '2026-01-07T03:00:00.000Z', actorId: 'u-1', actorName: '王大爷', action: 'rate', from: 'completed', to: 'rated', note: '' }
const rated = {
  ...completed,
  status: 'rated' as const,
  version: completed.version + 1,
  rating: { stars: 4, comment: '', at: rateEntry.at },
  timeline: [...completed.timeline, rateEntry],
}
const lost = () => new ApiCallError('TIMEOUT', TIMEOUT_MESSAGE)

let testUtils: TestUtils
let spies: ReturnType<typeof resetResident>

beforeEach(() => {
  jest.resetAllMocks()
  localStorage.clear()
  spies = resetResident({ id: 'o-1' })
  mockedOrder.get.mockResolvedValue(answer(completed, ['rate']))
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountRate() {
  await testUtils.mount(Rate)
  await waitForText('提交评价')
}

const requestIds = () => mockedOrder.rate.mock.calls.map((c) => c[0].requestId)

describe('a form whose reply was lost', () => {
  it('says so in Chinese and offers 重试, which re-sends the same requestId', async () => {
    mockedOrder.rate.mockRejectedValueOnce(lost()).mockResolvedValueOnce({ ...answer(rated), awards: [] })
    mockedOrder.get.mockResolvedValue(answer(completed, ['rate'])) // the order says: not rated yet
    await mountRate()
    await clickEl('.rate__star', 3)
    await clickText('提交评价')
    await waitForText(TIMEOUT_MESSAGE)
    expect(pageText()).toContain('重试')
    expect(pageText()).not.toContain('提交评价')
    await clickText('重试')
    expect(requestIds()).toHaveLength(2)
    expect(requestIds()[1]).toBe(requestIds()[0])
    expect(spies.redirectTo).toHaveBeenCalled()
  })

  it('an edited form for the same order is still the same intent (the first send may have been done): same requestId', async () => {
    mockedOrder.rate.mockRejectedValueOnce(lost()).mockResolvedValueOnce({ ...answer(rated), awards: [] })
    await mountRate()
    await clickEl('.rate__star', 3)
    await clickText('提交评价')
    await waitForText(TIMEOUT_MESSAGE)
    await clickEl('.rate__star', 4)
    await clickText('重试')
    expect(mockedOrder.rate.mock.calls[1][0]).toMatchObject({ stars: 5 })
    expect(requestIds()[1]).toBe(requestIds()[0])
  })

  it('that was done after all: the order read again shows it, and the page goes on as answered', async () => {
    mockedOrder.rate.mockRejectedValueOnce(lost())
    mockedOrder.get.mockResolvedValueOnce(answer(completed, ['rate'])).mockResolvedValueOnce(answer(rated, []))
    await mountRate()
    await clickEl('.rate__star', 3)
    await clickText('提交评价')
    await settle()
    expect(mockedOrder.rate).toHaveBeenCalledTimes(1)
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
    expect(pageText()).not.toContain(TIMEOUT_MESSAGE)
    expect(spies.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '感谢您的评价' }))
    expect(spies.redirectTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-1' })
  })
})

describe('drafts (useDraft)', () => {
  it('the rating form left after a lost reply keeps its stars and words, and forgets them once sent', async () => {
    mockedOrder.rate.mockRejectedValueOnce(lost())
    await mountRate()
    await clickEl('.rate__star', 2)
    await typeInto('还想说点什么', '医生很耐心')
    await clickText('提交评价')
    await waitForText(TIMEOUT_MESSAGE)
    testUtils.unmout()
    expect(Taro.getStorageSync(draftKey('rate', 'o-1'))).toEqual({ stars: 3, comment: '医生很耐心' })

    // back on the form: as it was left
    mockedOrder.rate.mockResolvedValueOnce({ ...answer(rated), awards: [] })
    testUtils = new TestUtils()
    await mountRate()
    expect((await findField('还想说点什么')).value).toBe('医生很耐心')
    expect(pageText()).toContain('一般')
    await clickText('提交评价')
    expect(mockedOrder.rate.mock.calls[1][0]).toMatchObject({ stars: 3, comment: '医生很耐心' })
    // the same form sent again after coming back is the same intent: the lost send's requestId
    expect(requestIds()[1]).toBe(requestIds()[0])
    expect(Taro.getStorageSync(draftKey('rate', 'o-1'))).toBeFalsy()
  })

  function Probe({ target, value, onRestore }: { target: string; value: string; onRestore: (v: string) => void }) {
    useDraft('probe', target, { value }, (d) => onRestore(d.value ?? ''))
    return null
  }

  it('is one per form and target, keeps nothing blank, and signing out forgets every draft', async () => {
    const restored = jest.fn()
    await testUtils.mount(Probe, { props: { target: 'a', value: '老人行动不便', onRestore: restored } })
    await settle()
    expect(Taro.getStorageSync(draftKey('probe', 'a'))).toEqual({ value: '老人行动不便' })
    expect(Taro.getStorageSync(draftKey('probe', 'b'))).toBeFalsy()
    testUtils.unmout()

    testUtils = new TestUtils()
    await testUtils.mount(Probe, { props: { target: 'a', value: '', onRestore: restored } })
    await settle()
    expect(restored).toHaveBeenCalledWith('老人行动不便')
    testUtils.unmout()

    testUtils = new TestUtils()
    await testUtils.mount(Probe, { props: { target: 'b', value: '', onRestore: restored } })
    await settle()
    expect(restored).toHaveBeenCalledTimes(1)
    expect(Taro.getStorageSync(draftKey('probe', 'b'))).toBeFalsy()

    useSession.getState().logout()
    expect(Taro.getStorageSync(draftKey('probe', 'a'))).toBeFalsy()
    clearDrafts()
  })
})
