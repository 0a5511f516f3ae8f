import { openWorld, type World } from './world'

describe('signing in on H5 (development login)', () => {
  let world: World
  beforeAll(async () => {
    world = await openWorld('sign-in')
  })
  afterAll(() => world?.close())

  it('lists the demo users and, once signed in, shows who you are: name, roles and unit', async () => {
    const resident = await world.person('demo-resident-1', 'resident')
    const home = resident.page
    await home.getByText('您好，滩尾村王大爷').waitFor()
    await home.getByText('群众', { exact: true }).waitFor()
    await home.getByText('滩尾村').first().waitFor()
    await resident.shot('home')

    const leader = await world.person('demo-leader-health', 'leader')
    await leader.page.getByText('您好，刘医生').waitFor()
    await leader.page.getByText('队长', { exact: true }).waitFor()
    await leader.page.getByText('已加入 1 支').waitFor()
    await leader.shot('home')
  })

  it('我的 → 退出登录 goes back to the login page, development login included', async () => {
    const person = await world.person('demo-volunteer-1', 'volunteer')
    await person.page.getByText('我的 · 大字模式').click()
    await person.page.getByText('退出登录').locator('visible=true').click()
    await person.page.getByText('开发登录（仅本地演示）').locator('visible=true').waitFor()
  })
})
