import { recommendTeams } from '~core/recommend'
import { order, team } from '~test/support/order-fixture'

describe('team recommendation', () => {
  const o = order({ themeId: 'health', originPath: ['c', 'in', 'st'] })
  const station = team({ id: 'st-team', name: '站队', orgUnitId: 'st' })
  const institute = team({ id: 'in-team', name: '所队', orgUnitId: 'in' })
  const county = team({ id: 'c-team', name: '县队', orgUnitId: 'c' })
  const elsewhere = team({ id: 'x-team', name: '外地队', orgUnitId: 'other' })
  const offTheme = team({ id: 'law', name: '法律队', orgUnitId: 'st', themeIds: ['law'] })
  const none = { openLoad: 0, ratingSum: 0, ratingCount: 0, served: 0 }

  it('keeps only teams that serve the theme and ranks by closeness', () => {
    const ranked = recommendTeams(o, [county, elsewhere, offTheme, institute, station], {})
    expect(ranked.map((r) => r.team.id)).toEqual(['st-team', 'in-team', 'c-team', 'x-team'])
    expect(ranked[0].reasons[1]).toBe('与群众同一单位')
    expect(ranked[1].reasons[1]).toBe('所在实践所队伍')
    expect(ranked[2].reasons[1]).toBe('县级中心队伍')
    expect(ranked[3].reasons[1]).toBe('其他地区队伍')
  })

  it('prefers a less busy team and a better rated one at the same distance', () => {
    const a = team({ id: 'a', name: '甲队', orgUnitId: 'st' })
    const b = team({ id: 'b', name: '乙队', orgUnitId: 'st' })
    const busy = recommendTeams(o, [a, b], { a: { ...none, openLoad: 3 }, b: none })
    expect(busy.map((r) => r.team.id)).toEqual(['b', 'a'])
    expect(busy[1].reasons).toContain('当前在办3单')
    const rated = recommendTeams(o, [a, b], { a: { ...none, ratingSum: 7, ratingCount: 2 }, b: { ...none, ratingSum: 9, ratingCount: 2 } })
    expect(rated.map((r) => r.team.id)).toEqual(['b', 'a'])
    expect(rated[0].rating).toEqual({ average: 4.5, count: 2 })
    expect(rated[0].reasons).toContain('平均4.5星（2次评单）')
  })

  it('a heavily loaded local team can fall below an idle county team', () => {
    const ranked = recommendTeams(o, [station, county], { 'st-team': { ...none, openLoad: 10 } })
    expect(ranked.map((r) => r.team.id)).toEqual(['c-team', 'st-team'])
  })

  it('says the theme match first, then the place, team size and services, each reason once', () => {
    const big = team({ id: 'big', name: '大队', orgUnitId: 'st', memberIds: ['u1', 'u2', 'u3'] })
    const [rec] = recommendTeams(o, [big], { big: { ...none, served: 4 } })
    expect(rec.reasons).toEqual(['服务主题相符', '与群众同一单位', '队员3人', '已服务4单', '当前没有在办订单', '暂无评单'])
    expect(rec).toMatchObject({ memberCount: 3, served: 4 })
    const [fresh] = recommendTeams(o, [station], {})
    expect(fresh.reasons).toEqual(['服务主题相符', '与群众同一单位', '尚无队员', '尚无服务记录', '当前没有在办订单', '暂无评单'])
    for (const r of recommendTeams(o, [county, elsewhere, institute, station, big], {})) expect(new Set(r.reasons).size).toBe(r.reasons.length)
  })
})
