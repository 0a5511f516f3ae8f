import { MALL } from '~core/config'
import { AppError, fail } from '~core/errors'
import { resolveLimits } from '~core/limits'
import { cancellerOf, MALL_MESSAGES, managesGoods, newRedemption, redeemEntry } from '~core/mall'
import { managedUnitOf } from '~core/relations'
import { goodsPictureProblem, isUnderGoodsPath } from '~core/uploads'
import { authorizeGoodsUpload } from '~usecases/uploads'
import { cancelRedemption } from '~usecases/mall'
import { type Goods, type OrgUnit, PAGE_SIZE, type User } from '~types'
import { boundWrite } from '../shared/bound-request'
import { recordCloudFile } from '../shared/cloud-file'
import { type Call, defineFunction } from '../shared/define'
import { keyedId, newId, newPickupCode } from '../shared/ids'

/** The unit, which must lie in the caller's managed subtree (积分超市 goods and 核销 are the unit's staff's). */
async function requireManagedUnit(call: Call, user: User, unitId: string | null | undefined): Promise<OrgUnit> {
  const id = unitId ?? managedUnitOf(user)
  if (!id) fail('FORBIDDEN', '只有实践站、所、中心的管理员可以维护积分超市')
  const unit = await call.deps.catalog.getUnit(id)
  if (!unit) throw new AppError('NOT_FOUND', '单位不存在')
  if (!managesGoods(user, unit.path)) fail('FORBIDDEN', '只能维护本单位及下级单位的积分超市')
  return unit
}

/** The goods, which the person may redeem: on the shelf of their station, its 所 or the county. */
async function redeemable(call: Call, user: User, goodsId: string): Promise<Goods> {
  const goods = await call.deps.mall.getGoods(goodsId)
  if (!goods || !user.unitPath.includes(goods.orgUnitId)) throw new AppError('NOT_FOUND', '商品不存在')
  if (!goods.active) fail('CONFLICT', MALL_MESSAGES.inactive)
  return goods
}

export const mallFunction = defineFunction('mall', {
  /** The shelf of a unit and the units above it (default: the caller's station, 所 and county), with the balance. */
  async goods(input, call) {
    const { deps } = call
    const user = await call.user()
    if (input.includeInactive) {
      const unit = await requireManagedUnit(call, user, input.unitId)
      const [items, balance] = await Promise.all([deps.mall.listGoods([unit.id]), deps.ledger.getBalance(user.id)])
      return { items, balance: balance.balance }
    }
    let path = user.unitPath
    if (input.unitId) {
      const unit = await deps.catalog.getUnit(input.unitId)
      if (!unit) throw new AppError('NOT_FOUND', '单位不存在')
      path = unit.path
    }
    // the station first, then its 所, then the county
    const [items, balance] = await Promise.all([deps.mall.listGoods([...path].reverse()), deps.ledger.getBalance(user.id)])
    return { items: items.filter((g) => g.active), balance: balance.balance }
  },

  async upsertGoods(input, call) {
    const { deps } = call
    const user = await call.user()
    const unit = await requireManagedUnit(call, user, input.orgUnitId)
    if (input.id) {
      const existing = await deps.mall.getGoods(input.id)
      if (!existing) throw new AppError('NOT_FOUND', '商品不存在')
      if (!managesGoods(user, existing.unitPath)) fail('FORBIDDEN', '只能维护本单位及下级单位的积分超市')
    }
    const id = input.id ?? (input.requestId ? keyedId('g', user.id, input.requestId) : newId('g'))
    const picture = input.pictureId ? await goodsPicture(call, unit.id, input.pictureId) : null
    const goods: Goods = {
      id,
      name: input.name,
      points: input.points,
      stock: input.stock,
      perPersonMonthly: input.perPersonMonthly ?? null,
      pickup: input.pickup,
      active: input.active,
      pictureId: picture?.id ?? null,
      pictureSrc: picture?.src ?? null,
      orgUnitId: unit.id,
      unitPath: [...unit.path],
      updatedAt: call.now,
      updatedBy: user.id,
    }
    const request = {
      name: 'mall.upsertGoods',
      requestId: input.requestId,
      target: `${id}@${unit.id}`,
      reused: '该请求编号已用于另一件商品，请刷新页面后重新提交',
    }
    return boundWrite(call, user, request, async () => ({ goods: await deps.mall.saveGoods(goods) }))
  },

  /**
   * weapp: a picture the app put into cloud storage under `goods/<unitId>/` becomes a goods picture of the unit, for a
   * manager of it (or above), and goes to WeChat's image check at once (public once it passes). Another unit's path
   * is FORBIDDEN, a file not in storage INVALID_INPUT. The local host's POST /api/upload?unitId=… does the same.
   */
  async attachPicture(input, call) {
    const user = await call.user()
    if (!isUnderGoodsPath(input.unitId, input.fileId)) fail('FORBIDDEN', '图片不在本单位积分超市的上传目录下')
    const files = call.deps.photoFiles
    if (!files) fail('INVALID_INPUT', '这里不支持从小程序云存储添加图片，请直接上传')
    const unit = await authorizeGoodsUpload(call.deps, call.deps.policy, user, input.unitId, call.now)
    if (!(await files.exists(input.fileId))) fail('INVALID_INPUT', '图片文件不存在，请重新上传')
    return recordCloudFile(call, user, files, { fileId: input.fileId, owner: unit.id, orderId: '', unitId: unit.id, folder: `goods/${unit.id}` })
  },

  /**
   * Stock, points and the per-person limit in one atomic write (core/ports/mall.ts). The redemption's id comes from
   * the person and the requestId, so a retry answers the first redemption and the same requestId for other goods is
   * refused.
   */
  async redeem(input, call) {
    const { deps } = call
    const user = await call.user()
    const goods = await redeemable(call, user, input.goodsId)
    const id = keyedId('rd', user.id, input.requestId)
    const limits = resolveLimits(goods.unitPath, await deps.catalog.getUnitSettings(goods.unitPath), deps.policy.limits)
    for (let attempt = 0; attempt < MALL.codeAttempts; attempt++) {
      const r = newRedemption({ id, code: newPickupCode(), goods, user, quantity: input.quantity, at: call.now, pickupDays: limits.limits.pickupDays })
      const res = await deps.mall.redeem(r, redeemEntry(r))
      switch (res.kind) {
        case 'ok':
          return { redemption: res.redemption, balance: res.balance }
        case 'duplicate': {
          const first = res.redemption
          if (first.userId !== user.id || first.goodsId !== goods.id || first.quantity !== input.quantity) {
            fail('INVALID_INPUT', '该请求编号已用于另一次兑换，请刷新页面后重新提交')
          }
          return { redemption: first, balance: (await deps.ledger.getBalance(user.id)).balance }
        }
        case 'inactive':
          return fail('CONFLICT', MALL_MESSAGES.inactive)
        case 'outOfStock':
          return fail('OUT_OF_STOCK', MALL_MESSAGES.outOfStock(res.stock))
        case 'insufficient':
          return fail('INSUFFICIENT_POINTS', MALL_MESSAGES.insufficient(res.balance, r.points))
        case 'overLimit':
          return fail('CONFLICT', MALL_MESSAGES.overLimit(res.limit, res.used))
        case 'codeTaken':
          continue
      }
    }
    throw new Error('no free pickup code after several draws')
  },

  async mine(input, call) {
    const user = await call.user()
    return call.deps.mall.listMine(user.id, { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE })
  },

  /** A unit's reserved redemptions, oldest first: what its staff will be asked to hand over. */
  async pending(input, call) {
    const user = await call.user()
    const unit = await requireManagedUnit(call, user, input.unitId)
    return call.deps.mall.listPending(unit.id, { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE })
  },

  /** 核销: a manager of the goods' unit (or above) hands it over, once. */
  async fulfil(input, call) {
    const { deps } = call
    const user = await call.user()
    if (!managedUnitOf(user)) fail('FORBIDDEN', '只有管理员可以核销兑换码')
    const r = await deps.mall.getRedemptionByCode(input.code)
    if (!r) throw new AppError('NOT_FOUND', '没有这个兑换码，请核对后重新输入')
    if (!managesGoods(user, r.unitPath)) fail('FORBIDDEN', '这个兑换码不是本单位的商品，请到领取地点核销')
    const request = { name: 'mall.fulfil', requestId: input.requestId, target: r.id, reused: '该请求编号已用于另一个兑换码，请刷新页面后重新提交' }
    return boundWrite(call, user, request, async () => {
      const res = await deps.mall.fulfil(r.id, { id: user.id, name: user.name }, call.now)
      if (res.kind === 'conflict') fail('CONFLICT', res.redemption ? MALL_MESSAGES.notReserved(res.redemption) : '兑换记录不存在')
      return { redemption: res.redemption }
    })
  },

  /** The person (while reserved) or a manager of its unit: the points come back once, the stock with them. */
  async cancel(input, call) {
    const { deps } = call
    const user = await call.user()
    const r = await deps.mall.getRedemption(input.redemptionId)
    const who = r ? cancellerOf(user, r) : null
    if (!r || !who) throw new AppError('NOT_FOUND', '兑换记录不存在')
    const request = { name: 'mall.cancel', requestId: input.requestId, target: r.id, reused: '该请求编号已用于另一条兑换记录，请刷新页面后重新提交' }
    return boundWrite(call, user, request, async () => {
      const res = await cancelRedemption(deps, r, who, user.id, call.now, input.reason || undefined)
      if (res.kind === 'conflict') fail('CONFLICT', res.redemption ? MALL_MESSAGES.notReserved(res.redemption) : '兑换记录不存在')
      return who === 'self' ? { redemption: res.redemption, balance: res.balance } : { redemption: res.redemption }
    })
  },
})

/**
 * The picture named for goods of the unit: a goods picture of that unit not rejected (core/uploads.ts), with where
 * the app shows it from (the cloud fileID on WeChat, the local host's /api/files/<id>). INVALID_INPUT otherwise.
 */
async function goodsPicture(call: Call, unitId: string, pictureId: string): Promise<{ id: string; src: string }> {
  const [upload] = await call.deps.uploads.getUploads([pictureId])
  const problem = goodsPictureProblem(unitId, upload)
  if (problem) fail('INVALID_INPUT', problem)
  return { id: upload.id, src: upload.ref.startsWith('cloud://') ? upload.ref : `/api/files/${upload.id}` }
}
