import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { Team, Theme } from '~types/domain'
import ManagerTeams from '~src/packages/manager/pages/teams/index'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, typeInto, waitForText } from '../helpers'
import { managerProfile, tree } from './fixtures'

jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedCatalog = jest.mocked(catalog)

const themes: Theme[] = [
  { id: 'theme-policy', name: '政策', seedNamed: true, sort: 1 },
  { id: 'theme-health', name: '健康', seedNamed: false, sort: 2 },
  { id: 'theme-elderly', name: '孝老', seedNamed: false, sort: 3 },
]

const teams: Team[] = [
  {
    id: 't-1',
    name: '苏溪镇健康志愿服务队',
    themeIds: ['theme-health', 'theme-elderly'],
    orgUnitId: 'unit-suxi',
    leaderId: 'u-l',
    memberIds: ['u-l', 'u-2', 'u-3'],
    description: '镇卫生院医生护士组成',
  },
  { id: 't-2', name: '苏溪镇宣讲队', themeIds: ['theme-policy'], orgUnitId: 'unit-suxi', leaderId: null, memberIds: [], description: '' },
]

let testUtils: TestUtils
let showToast: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  mockedCatalog.tree.mockResolvedValue(tree)
  mockedCatalog.themes.mockResolvedValue(themes)
  mockedCatalog.teams.mockResolvedValue(teams)
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountTeams(waitFor = '苏溪镇健康志愿服务队') {
  await testUtils.mount(ManagerTeams)
  await waitForText(waitFor)
}

describe('志愿服务队管理', () => {
  it('shows a loading state while the teams load', async () => {
    mockedCatalog.teams.mockReturnValue(new Promise(() => {}))
    await testUtils.mount(ManagerTeams)
    await settle()
    expect(screenText()).toContain('加载中…')
    expect(mockedCatalog.teams).toHaveBeenCalledWith({ unitId: 'unit-suxi' })
  })

  it('says so when the unit has no team', async () => {
    mockedCatalog.teams.mockResolvedValue([])
    await mountTeams('本单位还没有志愿服务队')
  })

  it('shows the API error and tries again on 重试', async () => {
    mockedCatalog.teams.mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    await mountTeams('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('苏溪镇健康志愿服务队')
    expect(mockedCatalog.teams).toHaveBeenCalledTimes(2)
  })

  it('lists each team with its themes, members, leader and description', async () => {
    await mountTeams()
    const text = screenText()
    expect(text).toContain('苏溪镇新时代文明实践所的志愿服务队')
    expect(text).toContain('健康孝老')
    expect(text).toContain('队员 3 人 · 已有队长')
    expect(text).toContain('镇卫生院医生护士组成')
    expect(text).toContain('队员 0 人 · 尚无队长')
  })

  it('shows each team\'s figures of the year as the server words them (issue 11)', async () => {
    mockedCatalog.teams.mockResolvedValue([{ ...teams[0], figuresLine: '近一年服务38次，好评率95%，回访及时率100%' }, teams[1]])
    await mountTeams()
    expect(screenText()).toContain('近一年服务38次，好评率95%，回访及时率100%')
  })

  it('a team listed without member ids (catalog.teams shows them only to its managers and leader) shows no count', async () => {
    const { memberIds: _memberIds, ...withoutMembers } = teams[0]
    mockedCatalog.teams.mockResolvedValue([withoutMembers, teams[1]])
    await mountTeams()
    const text = screenText()
    expect(text).not.toContain('队员 3 人')
    expect(text).toContain('已有队长')
    expect(text).toContain('队员 0 人 · 尚无队长')
  })

  it('adds a team: the first validation message, then the payload', async () => {
    const created: Team = { ...teams[1], id: 't-9', name: '滩尾村孝老志愿服务队', themeIds: ['theme-elderly', 'theme-health'] }
    mockedCatalog.upsertTeam.mockResolvedValue({ team: created })
    await mountTeams()
    await clickText('新增志愿服务队')
    await clickText('保存')
    await waitForText('请填写队伍名称')

    await typeInto('如：滩尾村孝老志愿服务队', '滩尾村孝老志愿服务队')
    await clickText('保存')
    await waitForText('请至少选择一个服务主题')
    expect(mockedCatalog.upsertTeam).not.toHaveBeenCalled()

    await clickText('孝老')
    await clickText('政策')
    await clickText('健康')
    await clickText('政策')
    await typeInto('队伍擅长什么', '帮老人理发、打扫')
    await clickText('保存')
    expect(mockedCatalog.upsertTeam).toHaveBeenCalledWith({
      name: '滩尾村孝老志愿服务队',
      themeIds: ['theme-elderly', 'theme-health'],
      orgUnitId: 'unit-suxi',
      leaderId: null,
      description: '帮老人理发、打扫',
      requestId: expect.any(String),
    })
    expect(showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' })
    await waitForText('滩尾村孝老志愿服务队')
    expect(screenText()).toContain('新增志愿服务队')
  })

  it('edits a team keeping its leader, and re-sends the same requestId after a failure', async () => {
    mockedCatalog.upsertTeam
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ team: { ...teams[0], name: '苏溪镇医护志愿服务队' } })
    await mountTeams()
    await clickText('苏溪镇健康志愿服务队')
    await waitForText('修改志愿服务队')
    await typeInto('如：滩尾村孝老志愿服务队', '苏溪镇医护志愿服务队')
    await clickText('孝老')
    await clickText('保存')
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('保存')
    const calls = mockedCatalog.upsertTeam.mock.calls.map((c) => c[0])
    expect(calls[0]).toEqual({
      id: 't-1',
      name: '苏溪镇医护志愿服务队',
      themeIds: ['theme-health'],
      orgUnitId: 'unit-suxi',
      leaderId: 'u-l',
      description: '镇卫生院医生护士组成',
      requestId: expect.any(String),
    })
    expect(calls[1].requestId).toBe(calls[0].requestId)
    await waitForText('苏溪镇医护志愿服务队')
    expect(screenText()).not.toContain('苏溪镇健康志愿服务队')
  })
})
