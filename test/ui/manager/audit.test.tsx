import TestUtils from '@tarojs/test-utils-react'
import type { AuditEntry } from '~types/audit'
import Audit from '~src/packages/manager/pages/audit/index'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { auditStore, useAuditFilter } from '~src/stores/admin'
import { clickText, screenText, showPage, waitForText } from '../helpers'
import { tree } from './fixtures'

jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedUser = jest.mocked(user)

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 'a-1',
    kind: 'roleGranted',
    actorId: 'u-admin',
    actorName: '周主任',
    actorRole: '中心管理员',
    targetId: 'u-2',
    targetName: '江滨村李奶奶',
    unitId: 'unit-suxi',
    at: '2026-03-02T01:00:00.000Z',
    summary: '授予角色：江滨村李奶奶「代办员」',
    ...over,
  }
}

let testUtils: TestUtils
beforeEach(() => {
  jest.resetAllMocks()
  useAuditFilter.setState({ filter: {} })
  auditStore.getState().reset()
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  testUtils = new TestUtils()
})
afterEach(() => testUtils.unmout())

async function mountAudit() {
  await testUtils.mount(Audit)
  await showPage()
}

describe('审计日志', () => {
  it('shows a loading state, then the entries with their kind, who, role, unit and summary', async () => {
    let resolve: (v: { items: AuditEntry[]; nextCursor: string | null }) => void = () => {}
    mockedUser.audit.mockReturnValue(new Promise((r) => (resolve = r)))
    await mountAudit()
    expect(screenText()).toContain('加载中…')
    resolve({
      items: [
        entry(),
        entry({ id: 'a-2', kind: 'contactRevealed', actorName: '张护士', actorRole: '已接单志愿者', unitId: 'unit-tanwei', summary: '已接单志愿者张护士查看了「上门量血压」的联系电话和地址' }),
      ],
      nextCursor: null,
    })
    await waitForText('授予角色：江滨村李奶奶「代办员」')
    const text = screenText()
    expect(text).toContain('周主任（中心管理员） · 苏溪镇新时代文明实践所')
    expect(text).toContain('张护士（已接单志愿者） · 滩尾村新时代文明实践站')
    expect(text).toContain('查看了「上门量血压」的联系电话和地址')
    expect(mockedUser.audit).toHaveBeenCalledWith({ cursor: undefined })
    expect(text).not.toContain('加载更多')
  })

  it('says so when the log is empty, and when a filter finds nothing', async () => {
    mockedUser.audit.mockResolvedValue({ items: [], nextCursor: null })
    await mountAudit()
    await waitForText('还没有审计记录')
    await clickText('更换队长')
    await waitForText('没有符合条件的记录')
    expect(mockedUser.audit).toHaveBeenLastCalledWith({ cursor: undefined, kind: 'leaderChanged' })
  })

  it('filters by kind (全部 clears it), and pages with 加载更多 under the same filter', async () => {
    mockedUser.audit.mockImplementation(async (input) => {
      if (input.cursor === 'p2') return { items: [entry({ id: 'a-old', summary: '更早的一条' })], nextCursor: null }
      return { items: [entry({ id: `a-${input.kind ?? 'all'}`, summary: `第一页${input.kind ?? '全部'}` })], nextCursor: 'p2' }
    })
    await mountAudit()
    await waitForText('第一页全部')
    await clickText('修改时限')
    await waitForText('第一页limitsChanged')
    expect(screenText()).not.toContain('第一页全部')
    await clickText('加载更多')
    await waitForText('更早的一条')
    expect(mockedUser.audit).toHaveBeenLastCalledWith({ cursor: 'p2', kind: 'limitsChanged' })
    expect(screenText()).toContain('第一页limitsChanged')
    expect(screenText()).not.toContain('加载更多')
    await clickText('全部')
    await waitForText('第一页全部')
    expect(mockedUser.audit).toHaveBeenLastCalledWith({ cursor: undefined })
  })

  it('shows the refusal for someone who is not an admin, and tries again on 重试', async () => {
    mockedUser.audit
      .mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '只有中心管理员可以查看审计日志'))
      .mockResolvedValueOnce({ items: [entry()], nextCursor: null })
    await mountAudit()
    await waitForText('只有中心管理员可以查看审计日志')
    await clickText('重试')
    await waitForText('授予角色：江滨村李奶奶「代办员」')
  })
})
