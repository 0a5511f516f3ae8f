import { AppError, fail } from '~core/errors'
import { managedUnitOf, managesUnitPath } from '~core/relations'
import { defineFunction } from '../shared/define'
import { yearRange } from '../shared/period'

export const statsFunction = defineFunction('stats', {
  /** 点单数, 接单数, 服务场次, 服务人数 and the counts behind them, for managers of the unit or of a unit above it. */
  async summary(input, call) {
    const { deps } = call
    const user = await call.user()
    const managed = managedUnitOf(user)
    const unitId = input.unitId ?? managed
    if (!managed || !unitId) {
      fail('FORBIDDEN', '只有实践中心（所、站）管理员可以查看统计')
    }
    const unit = await deps.catalog.getUnit(unitId)
    if (!unit) throw new AppError('NOT_FOUND', '单位不存在')
    if (!managesUnitPath(user, unit.path)) fail('FORBIDDEN', '只能查看本单位及下级单位的统计')
    // stored times are UTC ISO strings compared as text, so the bounds are normalised to the same form
    const year = yearRange(call.deps.clock())
    const from = new Date(input.from ?? year.from).toISOString()
    const to = new Date(input.to ?? year.to).toISOString()
    if (from >= to) fail('INVALID_INPUT', '结束时间应晚于开始时间')
    return { unitId: unit.id, from, to, stats: await deps.orders.orderStats({ unitId: unit.id, from, to }) }
  },
})
