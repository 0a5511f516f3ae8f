import { recommendTeams } from '~core/recommend'
import { noFigures } from '~core/team-figures'
import type { TeamFigures } from '~types'
import { order, team } from '~test/support/order-fixture'

describe('team recommendation', () => {
  const o = order({ themeId: 'health', originPath: ['c', 'in', 'st'] })
  const station = team({ id: 'st-team', name: '站队', orgUnitId: 'st' })
  const institute = team({ id: 'in-team', name: '所队', orgUnitId: 'in' })
  const county = team({ id: 'c-team', name: '县队', orgUnitId: 'c' })
  const elsewhere = team({ id: 'x-team', name: '外地队', orgUnitId: 'other' })
  const offTheme = team({ id: 'law', name: '法律队', orgUnitId: 'st', themeIds: ['law'] })
  const none = { openLoad: 0, ratingSum: 0, ratingCount: 0, served: 0 }
  /** a year of figures: services, the good rate and the 回访 on time */
  const figures = (services: number, goodRate: number | null, followUpOnTimeRate: number | null = null): TeamFigures => ({
    ...noFigures(),
    services,
    rated: goodRate === null ? 0 : services,
    goodRate,
    followUpOnTimeRate,
    followUps: followUpOnTimeRate === null ? 0 : 1,
  })

  it('keeps only teams that serve the theme and ranks by closeness', () => {
    const ranked = recommendTeams(o, [county, elsewhere, offTheme, institute, station], {}, {})
    expect(ranked.map((r) => r.team.id)).toEqual(['st-team', 'in-team', 'c-team', 'x-team'])
    expect(ranked[0].reasons[1]).toBe('与群众同一单位')
    expect(ranked[1].reasons[1]).toBe('所在实践所队伍')
    expect(ranked[2].reasons[1]).toBe('县级中心队伍')
    expect(ranked[3].reasons[1]).toBe('其他地区队伍')
  })

  it('prefers a less busy team, and the team with the better year, at the same distance', () => {
    const a = team({ id: 'a', name: '甲队', orgUnitId: 'st' })
    const b = team({ id: 'b', name: '乙队', orgUnitId: 'st' })
    const busy = recommendTeams(o, [a, b], { a: { ...none, openLoad: 3 }, b: none }, {})
    expect(busy.map((r) => r.team.id)).toEqual(['b', 'a'])
    expect(busy[1].reasons).toContain('当前在办3单')
    // 甲队 served as often but was rated poorly and called back late: it ranks lower, and the dispatcher is told why
    const year = recommendTeams(o, [a, b], {}, { a: figures(10, 0.5, 0), b: figures(10, 0.95, 1) })
    expect(year.map((r) => r.team.id)).toEqual(['b', 'a'])
    expect(year[0].reasons).toContain('近一年服务10次，好评率95%，回访及时率100%')
    expect(year[1].reasons).toContain('近一年评价或及时率偏低，请留意')
    expect(year[0].figures).toMatchObject({ services: 10, goodRate: 0.95 })
  })

  it('experience counts: a team that has served beats one without a record, all else equal', () => {
    const a = team({ id: 'a', name: '甲队', orgUnitId: 'st' })
    const b = team({ id: 'b', name: '乙队', orgUnitId: 'st' })
    expect(recommendTeams(o, [a, b], {}, { b: figures(6, 0.9) }).map((r) => r.team.id)).toEqual(['b', 'a'])
  })

  it('a heavily loaded local team can fall below an idle county team', () => {
    const ranked = recommendTeams(o, [station, county], { 'st-team': { ...none, openLoad: 10 } }, {})
    expect(ranked.map((r) => r.team.id)).toEqual(['c-team', 'st-team'])
  })

  it('says the theme match first, then the place, team size, load and the year\'s figures, each reason once', () => {
    const big = team({ id: 'big', name: '大队', orgUnitId: 'st', memberIds: ['u1', 'u2', 'u3'] })
    const [rec] = recommendTeams(o, [big], { big: { ...none, served: 4 } }, { big: figures(4, 1) })
    expect(rec.reasons).toEqual(['服务主题相符', '与群众同一单位', '队员3人', '当前没有在办订单', '近一年服务4次，好评率100%'])
    expect(rec).toMatchObject({ memberCount: 3, served: 4 })
    const [fresh] = recommendTeams(o, [station], {}, {})
    expect(fresh.reasons).toEqual(['服务主题相符', '与群众同一单位', '尚无队员', '当前没有在办订单', '近一年暂无服务记录'])
    for (const r of recommendTeams(o, [county, elsewhere, institute, station, big], {}, {})) expect(new Set(r.reasons).size).toBe(r.reasons.length)
  })
})
