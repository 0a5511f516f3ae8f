import type { ImportData } from '~core/ports'
import type { Membership, MenuItem, OrgUnit, Role, Team, Theme, UnitLimits, User } from '~types'
import { DEFAULT_LIMITS } from '~core/config'
import { keyedId } from '~functions/shared/ids'

/**
 * The demo county seeded into an empty local database: 1 center, 2 所, 4 站, 8 志愿服务队 at all three levels,
 * 24 menu items over the ten themes, and demo users for every role. Names follow the pilot county's own words.
 */

/** Each unit has a duty phone (值班电话, shown to residents as 联系站点): made-up numbers of the demo county. */
const unit = (id: string, name: string, level: OrgUnit['level'], parent: OrgUnit | null, phone: string): OrgUnit => ({
  id,
  name,
  level,
  parentId: parent?.id ?? null,
  path: [...(parent?.path ?? []), id],
  phone,
})

const center = unit('unit-center', '禾溪县新时代文明实践中心', 'center', null, '0795-6210001')
const suxi = unit('unit-suxi', '苏溪镇新时代文明实践所', 'institute', center, '0795-6320002')
const wushan = unit('unit-wushan', '武山垦殖场新时代文明实践所', 'institute', center, '0795-6430003')
const tanwei = unit('unit-tanwei', '滩尾村新时代文明实践站', 'station', suxi, '13907950101')
const jiangbin = unit('unit-jiangbin', '江滨村新时代文明实践站', 'station', suxi, '13907950102')
const yifen = unit('unit-yifen', '一分场新时代文明实践站', 'station', wushan, '13907950103')
const guoyuan = unit('unit-guoyuan', '果园社区新时代文明实践站', 'station', wushan, '13907950104')
const units = [center, suxi, wushan, tanwei, jiangbin, yifen, guoyuan]

/** The pilot county named five of its ten themes; the other five are defaults a county may rename. */
const themes: Theme[] = [
  ['theme-chuxin', '初心', true],
  ['theme-policy', '政策', true],
  ['theme-skills', '技能', true],
  ['theme-civility', '文明', true],
  ['theme-law', '法治', true],
  ['theme-culture', '文化', false],
  ['theme-science', '科技', false],
  ['theme-health', '健康', false],
  ['theme-elderly', '助老', false],
  ['theme-ecology', '生态', false],
].map(([id, name, seedNamed], sort) => ({ id: id as string, name: name as string, seedNamed: seedNamed as boolean, sort }))

const menu: Array<[string, string, string, OrgUnit, number]> = [
  ['党的创新理论微宣讲', '宣讲员进村入户，用群众听得懂的话讲政策、讲变化', 'theme-chuxin', center, 10],
  ['好人故事会进文明实践站', '邀请身边好人讲述自己的故事', 'theme-chuxin', center, 10],
  ['惠农政策解读', '讲解种粮补贴、医保、养老保险等政策', 'theme-policy', center, 10],
  ['乡村振兴政策宣讲', '解读产业扶持和就业创业政策', 'theme-policy', suxi, 8],
  ['果树更新换代技术指导', '果教授上门指导砂糖桔等果树品种改良', 'theme-skills', wushan, 15],
  ['田间病虫害防治', '田教授到田间地头现场教学', 'theme-skills', center, 15],
  ['电商直播带货培训', '教农户用手机卖农产品', 'theme-skills', suxi, 12],
  ['移风易俗宣传', '倡导红事新办、白事简办', 'theme-civility', center, 8],
  ['文明劝导志愿服务', '在集市、路口开展文明交通劝导', 'theme-civility', jiangbin, 6],
  ['家风家训分享会', '评选好媳妇好婆婆，讲好家风故事', 'theme-civility', tanwei, 6],
  ['法律知识讲座', '讲解婚姻家庭、土地承包等常用法律', 'theme-law', center, 10],
  ['法律援助咨询', '律师志愿者现场答疑，帮助老人妇女儿童维权', 'theme-law', center, 12],
  ['防范电信诈骗宣传', '教老人识别常见骗局', 'theme-law', suxi, 8],
  ['广场舞教学', '文艺骨干教跳广场舞', 'theme-culture', suxi, 6],
  ['送戏下乡文艺演出', '县文化惠民分队进村演出', 'theme-culture', center, 15],
  ['农家书屋读书活动', '组织儿童和老人读书分享', 'theme-culture', guoyuan, 5],
  ['科普知识进村', '讲解安全用电、防灾减灾等科普知识', 'theme-science', center, 8],
  ['智能手机使用教学', '教老人用微信视频、扫码、挂号', 'theme-science', tanwei, 8],
  ['健康义诊', '医生志愿者量血压、测血糖、答疑', 'theme-health', center, 15],
  ['冬季流感防护讲座', '讲解流感预防和家庭护理', 'theme-health', wushan, 8],
  ['孤寡老人上门探访', '陪老人聊天，帮做家务', 'theme-elderly', tanwei, 10],
  ['义务理发', '为行动不便的老人上门理发', 'theme-elderly', yifen, 8],
  ['重阳节敬老活动', '孝老爱亲、向上向善主题活动', 'theme-elderly', suxi, 10],
  ['河道清洁志愿行动', '清理河道垃圾，守护绿水青山', 'theme-ecology', jiangbin, 8],
  ['庭院环境卫生整治', '帮助困难户清理庭院', 'theme-ecology', yifen, 6],
]
const menuItems: MenuItem[] = menu.map(([title, description, themeId, u, points], i) => ({
  id: `menu-${String(i + 1).padStart(2, '0')}`,
  title,
  description,
  themeId,
  orgUnitId: u.id,
  points,
  active: true,
}))

interface DemoPerson {
  openid: string
  name: string
  roles: Role[]
  unit: OrgUnit
  manages?: OrgUnit
  teams?: string[]
}

const people: DemoPerson[] = [
  { openid: 'demo-admin', name: '周主任', roles: ['admin', 'manager'], unit: center, manages: center },
  { openid: 'demo-manager-center', name: '陈干事', roles: ['manager'], unit: center, manages: center },
  { openid: 'demo-manager-suxi', name: '苏溪所李所长', roles: ['manager'], unit: suxi, manages: suxi },
  { openid: 'demo-manager-wushan', name: '武山所黄所长', roles: ['manager'], unit: wushan, manages: wushan },
  { openid: 'demo-manager-tanwei', name: '滩尾村罗书记', roles: ['manager'], unit: tanwei, manages: tanwei },
  { openid: 'demo-manager-jiangbin', name: '江滨村胡书记', roles: ['manager'], unit: jiangbin, manages: jiangbin },
  { openid: 'demo-manager-yifen', name: '一分场曾书记', roles: ['manager'], unit: yifen, manages: yifen },
  { openid: 'demo-manager-guoyuan', name: '果园社区肖书记', roles: ['manager'], unit: guoyuan, manages: guoyuan },
  { openid: 'demo-leader-health', name: '刘医生', roles: ['leader', 'volunteer'], unit: suxi, teams: ['team-health'] },
  { openid: 'demo-leader-law', name: '王律师', roles: ['leader', 'volunteer'], unit: center, teams: ['team-law'] },
  { openid: 'demo-leader-lecture', name: '邓老师', roles: ['leader', 'volunteer'], unit: center, teams: ['team-lecture'] },
  { openid: 'demo-leader-tian', name: '田教授郭技术员', roles: ['leader', 'volunteer'], unit: yifen, teams: ['team-tian'] },
  { openid: 'demo-leader-culture', name: '文化站钟站长', roles: ['leader', 'volunteer'], unit: suxi, teams: ['team-culture'] },
  { openid: 'demo-leader-guo', name: '果教授欧阳老师', roles: ['leader', 'volunteer'], unit: wushan, teams: ['team-guo'] },
  { openid: 'demo-leader-xiaolao', name: '滩尾村康阿姨', roles: ['leader', 'volunteer'], unit: tanwei, teams: ['team-xiaolao'] },
  { openid: 'demo-leader-jiangbin', name: '江滨村彭队长', roles: ['leader', 'volunteer'], unit: jiangbin, teams: ['team-jiangbin'] },
  { openid: 'demo-volunteer-1', name: '张护士', roles: ['volunteer'], unit: tanwei, teams: ['team-health'] },
  { openid: 'demo-volunteer-2', name: '李药师', roles: ['volunteer'], unit: jiangbin, teams: ['team-health'] },
  { openid: 'demo-volunteer-3', name: '赵医生', roles: ['volunteer'], unit: suxi, teams: ['team-health', 'team-xiaolao'] },
  { openid: 'demo-volunteer-4', name: '孙大姐', roles: ['volunteer'], unit: tanwei, teams: ['team-health', 'team-xiaolao'] },
  { openid: 'demo-volunteer-5', name: '吴同学', roles: ['volunteer'], unit: jiangbin, teams: ['team-health', 'team-jiangbin'] },
  { openid: 'demo-volunteer-6', name: '郑师傅', roles: ['volunteer'], unit: yifen, teams: ['team-guo', 'team-tian'] },
  { openid: 'demo-volunteer-7', name: '冯老师', roles: ['volunteer'], unit: guoyuan, teams: ['team-lecture', 'team-culture'] },
  { openid: 'demo-volunteer-8', name: '何会计', roles: ['volunteer'], unit: guoyuan, teams: ['team-law'] },
  { openid: 'demo-resident-1', name: '滩尾村王大爷', roles: ['resident'], unit: tanwei },
  { openid: 'demo-resident-2', name: '江滨村李奶奶', roles: ['resident'], unit: jiangbin },
  { openid: 'demo-resident-3', name: '一分场果农老曾', roles: ['resident'], unit: yifen },
  { openid: 'demo-resident-4', name: '果园社区刘阿姨', roles: ['resident'], unit: guoyuan },
  { openid: 'demo-proxy', name: '滩尾村网格员小罗', roles: ['proxy', 'resident'], unit: tanwei },
  { openid: 'demo-applicant', name: '返乡青年小陈', roles: ['resident'], unit: tanwei },
]

export const demoUserId = (openid: string) => keyedId('u', openid)

const teamDefs: Array<[string, string, string[], OrgUnit, string, string]> = [
  ['team-health', '县卫生健康志愿服务分队', ['theme-health', 'theme-elderly'], center, 'demo-leader-health', '县医院和乡镇卫生院医护人员组成，开展义诊和健康讲座'],
  ['team-law', '县法律服务分队', ['theme-law', 'theme-policy'], center, 'demo-leader-law', '律师、法官、司法所干部提供法律咨询和援助'],
  ['team-lecture', '县理论宣讲志愿服务分队', ['theme-chuxin', 'theme-policy', 'theme-civility'], center, 'demo-leader-lecture', '百姓名嘴讲理论、讲政策'],
  ['team-tian', '“田教授”志愿服务分队', ['theme-skills', 'theme-science'], center, 'demo-leader-tian', '农技专家集中授课、基地示范、上门服务'],
  ['team-culture', '苏溪镇文化惠民志愿服务队', ['theme-culture', 'theme-civility'], suxi, 'demo-leader-culture', '文艺骨干送戏下乡、教广场舞'],
  ['team-guo', '“果教授”文明实践志愿服务分队', ['theme-skills', 'theme-science', 'theme-ecology'], wushan, 'demo-leader-guo', '果树种植技术指导'],
  ['team-xiaolao', '滩尾村孝老爱亲志愿服务队', ['theme-elderly', 'theme-civility', 'theme-health'], tanwei, 'demo-leader-xiaolao', '关爱空巢独居老人'],
  ['team-jiangbin', '江滨村农民志愿军', ['theme-civility', 'theme-ecology'], jiangbin, 'demo-leader-jiangbin', '文明劝导、河道保洁'],
]

const SEEDED_AT = '2026-01-01T00:00:00.000Z'

/** `limits`: the county defaults seeded as the center's settings (the deployment's policy, env included). */
export function demoCounty(limits: UnitLimits = DEFAULT_LIMITS): ImportData {
  const users: User[] = people.map((p) => ({
    id: demoUserId(p.openid),
    openid: p.openid,
    name: p.name,
    phone: '',
    roles: p.roles,
    orgUnitId: p.unit.id,
    unitPath: p.unit.path,
    managedUnitId: p.manages?.id ?? null,
    teamIds: p.teams ?? [],
    createdAt: SEEDED_AT,
  }))
  const teams: Team[] = teamDefs.map(([id, name, themeIds, u, leader, description]) => ({
    id,
    name,
    themeIds,
    orgUnitId: u.id,
    leaderId: demoUserId(leader),
    memberIds: people.filter((p) => p.teams?.includes(id)).map((p) => demoUserId(p.openid)),
    description,
  }))
  const memberships: Membership[] = teams.flatMap((t) =>
    t.memberIds.map((userId) => ({
      id: `${t.id}:${userId}`,
      teamId: t.id,
      userId,
      userName: users.find((u) => u.id === userId)!.name,
      status: 'active' as const,
      appliedAt: SEEDED_AT,
      approvedAt: SEEDED_AT,
      approvedBy: t.leaderId,
    })),
  )
  const applicant = users.find((u) => u.openid === 'demo-applicant')!
  memberships.push({
    id: `team-xiaolao:${applicant.id}`,
    teamId: 'team-xiaolao',
    userId: applicant.id,
    userName: applicant.name,
    status: 'pending',
    appliedAt: SEEDED_AT,
    approvedAt: null,
    approvedBy: null,
  })
  const settings = [{ unitId: center.id, limits: { ...limits }, updatedAt: SEEDED_AT, updatedBy: 'system' }]
  return { units, themes, menuItems, teams, users, memberships, settings }
}
