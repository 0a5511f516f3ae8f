import { type Order, SERVED_STATUSES, type UploadRecord, type User, type WallPhoto } from '~types'
import { maskName } from './certificates'
import { gainsFromOwnOrder } from './lifecycle'

/** 社会评单 (issue 11): which orders the public sees and may rate, who may not rate, and how the person is shown. */

/** Served: completed, rated, or closed without a rating. Only these are on the wall and may be liked or rated. */
export const isServed = (order: Pick<Order, 'status'>): boolean => SERVED_STATUSES.includes(order.status)

export const NOT_SERVED = '这张订单还没有完成服务，暂不能点赞或评分'

/**
 * Why this person may not give the order a public rating, or null: its owner, the proxy who placed it and the
 * resident it was placed for (lifecycle gainsFromOwnOrder), and its claimers rate nothing of their own.
 */
export function publicRateRefusal(order: Order, user: User): string | null {
  if (gainsFromOwnOrder(order, { kind: 'user', user })) return '不能为本人点的单、本人代点的单或为本人代点的单做社会评分'
  if (order.claims.some((c) => c.volunteerId === user.id)) return '不能为本人接过的单做社会评分'
  return null
}

/** Where a person's name starts after a place in front of it (滩尾村王大爷, 一分场果农老曾, 果园社区刘阿姨). */
const PLACE_PREFIX = /^.{1,8}?(村|社区|居委会|分场|垦殖场|农场|镇|乡)/
/** A title kept before the masked name (五保户陈大爷 → 五保户陈**): what the field calls the person, not who they are. */
const TITLES = ['五保户', '低保户', '独居老人', '留守老人', '留守儿童', '残疾人', '果农', '村民', '居民']

/**
 * The person served as the wall shows them: the place before the name dropped, a title kept, the name masked after
 * its first character (滩尾村王大爷 → 王**, 五保户陈大爷 → 五保户陈**). For a proxy order, the person it was placed for.
 */
export function maskedResident(order: Pick<Order, 'ownerName' | 'onBehalfOf'>): string {
  let name = (order.onBehalfOf?.name ?? order.ownerName).trim()
  const place = PLACE_PREFIX.exec(name)
  if (place && place[0].length < name.length) name = name.slice(place[0].length)
  const title = TITLES.find((t) => name.startsWith(t) && name.length > t.length) ?? ''
  return title + maskName(name.slice(title.length))
}

/** A house number (12号, 3-2号, 5栋, 2单元, 301室): what places a person's home, never published. */
const HOUSE_NUMBER = /[0-9０-９一二三四五六七八九十]+\s*(号|栋|幢|单元|室|户)/u

const normal = (text: string) => text.normalize('NFKC').replace(/\s+/g, '')

/**
 * Where the service happened as the wall may say it: the activity's place, unless it is (part of) the resident's
 * address, which a completion takes by default, or it names a house: then '' and the card shows the station alone.
 */
export function publicPlace(order: Pick<Order, 'address' | 'completion'>): string {
  const place = normal(order.completion?.place ?? '')
  const address = normal(order.address)
  if (place === '') return ''
  if (address !== '' && (address.includes(place) || place.includes(address))) return ''
  return HOUSE_NUMBER.test(place) ? '' : (order.completion?.place ?? '').trim()
}

/** The photos of a served order the public may see: those content security passed (never pending, rejected or unchecked). */
export function wallPhotos(photoIds: readonly string[], uploads: ReadonlyMap<string, UploadRecord>): WallPhoto[] {
  return photoIds.flatMap((id) => {
    const u = uploads.get(id)
    if (!u || u.check !== 'pass' || u.visibility !== 'public') return []
    return [{ id: u.id, src: u.ref.startsWith('cloud://') ? u.ref : `/api/files/${u.id}` }]
  })
}
