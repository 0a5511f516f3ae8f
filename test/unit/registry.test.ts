import { schemas } from '~types'
import { FUNCTIONS, REGISTRY } from '~functions/registry'

describe('the function registry (the one list that build:cloud, the local host and the tests read)', () => {
  it('lists every function of the contract once, under its own name', () => {
    expect(Object.keys(REGISTRY).sort()).toEqual(Object.keys(schemas).sort())
    for (const [name, { fn }] of Object.entries(REGISTRY)) expect(fn.name).toBe(name)
    expect(Object.keys(FUNCTIONS)).toEqual(Object.keys(REGISTRY))
  })

  it('finds each function where the generated WeChat entry imports it from: <name>Function in <name>/actions', async () => {
    for (const [name, { fn }] of Object.entries(REGISTRY)) {
      const actions = await import(`~functions/${name}/actions`)
      expect(actions[`${name}Function`]).toBe(fn)
    }
  })

  it('gives only the scheduled job a timer trigger and the subscribe-message permission; order the content-security ones', () => {
    const withDeploy = Object.entries(REGISTRY).filter(([, { deploy }]) => deploy.triggers || deploy.openapi)
    expect(withDeploy.map(([name]) => name)).toEqual(['order', 'cron', 'public'])
    expect(REGISTRY.cron.deploy).toEqual({
      triggers: [{ name: 'sidanCron', type: 'timer', config: '0 */5 * * * * *' }],
      openapi: ['subscribeMessage.send'],
    })
    expect(REGISTRY.order.deploy).toEqual({ openapi: ['security.msgSecCheck', 'security.mediaCheckAsync'] })
    // a public rating's comment (社会评分, issue 11) is checked before it is stored
    expect(REGISTRY.public.deploy).toEqual({ openapi: ['security.msgSecCheck'] })
  })
  it('gives only export (exceljs) and certificate (pdfkit, qrcode and the font beside it) a longer timeout, more memory and libraries of their own', () => {
    const heavy = Object.entries(REGISTRY).filter(([, { deploy }]) => deploy.timeout || deploy.memorySize || deploy.libraries || deploy.assets)
    expect(heavy.map(([name]) => name)).toEqual(['export', 'certificate'])
    expect(REGISTRY.export.deploy).toEqual({ timeout: 60, memorySize: 512, libraries: ['exceljs'] })
    expect(REGISTRY.certificate.deploy).toEqual({
      timeout: 20,
      memorySize: 512,
      libraries: ['pdfkit', 'qrcode'],
      assets: [{ from: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', to: 'NotoSansSC-Regular.ttf' }],
    })
  })
})
