/**
 * Writes the README sections that restate rules defined in code (the function list, the lifecycle table, the points
 * policy and its settings), so the README cannot drift from them. `npm run docs` rewrites; test/unit/readme.test.ts checks.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ACTION_LABELS, STATUS_LABELS, type OrderAction } from '~types'
import { DEFAULT_POLICY, POLICY_ENV } from '~core/config'
import { LIFECYCLE } from '~core/lifecycle'
import { RELATION_LABELS } from '~core/relations'
import { REGISTRY } from '~functions/registry'
import { DEFAULT_IP_RATE_LIMIT } from '~local/ip-rate-limit'
import { FIGURES } from '~core/figures'

const status = (s: string) => `${s}（${STATUS_LABELS[s as keyof typeof STATUS_LABELS]}）`

export function lifecycleMarkdown(): string {
  const rows = (Object.keys(LIFECYCLE) as OrderAction[]).map((action) => {
    const row = LIFECYCLE[action]
    const from = row.from.length ? row.from.map(status).join('、') : '—'
    const who = row.who.map((w) => (w === 'signedIn' ? '已登录用户' : RELATION_LABELS[w])).join('、')
    return `| \`${action}\` ${ACTION_LABELS[action]} | ${from} | ${row.to.map(status).join('、')} | ${who} | ${row.requires} |`
  })
  return ['| action | from | to | who | requires |', '|---|---|---|---|---|', ...rows].join('\n')
}

export function policyMarkdown(): string {
  const p = DEFAULT_POLICY
  const lines = [
    `Each volunteer who claimed an order earns, when its loop closes (\`rate\`, or \`autoClose\` after ${p.limits.autoCloseDays} days unrated):`,
    '',
    `- the menu item's base points (\`points\` of the item; ${p.points.defaultBase} when ordered by theme only),`,
    `- plus ${p.points.perHour} points per credited hour (信用时长 verified by check-in and check-out, or 补录 approved by a`,
    `  manager; 待核实 and 不予认定 hours pay nothing), counting at most ${p.points.hoursCap} hours,`,
    `- plus ${p.points.fiveStarBonus} points when the resident gives 5 stars.`,
    '',
    'Example: 健康义诊 (base 15), 2 hours, 5 stars → 15 + 2×5 + 5 = 30 points for each claimer.',
    '',
    `A volunteer earns at most ${p.points.dailyCap} points per China-time day from awards (\`dailyCap\`; 0: no cap). An award`,
    'that passes it is cut to what is left of the day and its reason says so (…（已达每日上限100分，本次计20分）); once',
    'the cap is reached the entry is still written, with 0 points (its hours count, its id still refuses a second',
    'award). The cap is decided inside the write that pays the award (`capAward` in core/points.ts, called by both',
    "adapters' `transition`), from that day's awards as stored in the same transaction: orders closing at once for the",
    'same volunteer cannot together pass it. Spending points does not give the cap back.',
    '',
    'Hours approved (补录) after the loop closed pay their per-hour points then, by one entry `award:<orderId>:<userId>:补录`',
    '(under the same daily cap); approved before, they are paid with the award that closes the loop.',
    '',
    'Entry ids are `award:<orderId>:<userId>`: a retried award is refused as a duplicate. The numbers can be changed',
    'per deployment through the environment:',
    '',
    '| variable | default |',
    '|---|---|',
    ...Object.entries(POLICY_ENV).map(([name, [group, key]]) => `| \`${name}\` | ${(p[group] as unknown as Record<string, number>)[key]} |`),
  ]
  return lines.join('\n')
}

/** The rate limits and their settings (core/config.ts rateLimits, local/ip-rate-limit.ts). */
export function rateLimitsMarkdown(): string {
  const r = DEFAULT_POLICY.rateLimits
  const ip = DEFAULT_IP_RATE_LIMIT
  const env = (key: string) => Object.entries(POLICY_ENV).find(([, [g, k]]) => g === 'rateLimits' && k === key)![0]
  return [
    '| limit | default | variable | refused with |',
    '|---|---|---|---|',
    `| writes per person and minute | ${r.writesPerMinute} | \`${env('writesPerMinute')}\` | 操作太频繁，请1分钟后再试 |`,
    `| \`order.place\` per person and hour | ${r.placesPerHour} | \`${env('placesPerHour')}\` | 一小时内最多点单${r.placesPerHour}次，请N分钟后再试 |`,
    `| open orders per person served | ${r.openOrders} | \`${env('openOrders')}\` | （为某某）进行中的点单已有${r.openOrders}张，… |`,
    `| an unclaim this soon after the claim (minutes) counts as a dropped claim | ${r.quickUnclaimMinutes} | \`${env('quickUnclaimMinutes')}\` | |`,
    `| dropped claims per volunteer and China-time day; one more bars claiming until midnight | ${r.quickUnclaimsPerDay} | \`${env('quickUnclaimsPerDay')}\` | 今天已放弃接单${r.quickUnclaimsPerDay + 1}次，明天再来接单吧 |`,
    `| \`export.create\` per person and hour | ${r.exportsPerHour} | \`${env('exportsPerHour')}\` | 一小时内最多导出${r.exportsPerHour}次，请N分钟后再试 |`,
    `| wrong check-in codes per person, order and hour (\`order.checkIn\`, \`checkOut\`) | ${r.wrongCheckinCodesPerHour} | \`${env('wrongCheckinCodesPerHour')}\` | 签到码输错次数过多，请N分钟后再试 |`,
    `| activity photos uploaded per person and hour (\`POST /api/upload\`, \`order.attachPhoto\`) | ${r.uploadsPerHour} | \`${env('uploadsPerHour')}\` | 一小时内最多上传${r.uploadsPerHour}张照片，请N分钟后再试 |`,
    `| 点赞 per person and China-time day (\`public.like\`; liking again an order counted that day is free) | ${r.likesPerDay} | \`${env('likesPerDay')}\` | 每天最多点赞${r.likesPerDay}次，明天再来吧 |`,
    `| 社会评分 per person and China-time day (\`public.rate\`; re-rating an order counted that day is free) | ${r.publicRatingsPerDay} | \`${env('publicRatingsPerDay')}\` | 每天最多评价${r.publicRatingsPerDay}次，明天再来吧 |`,
    `| requests per address and minute on the local host's \`/api/*\` (loopback exempt) | ${ip.max} | \`SIDAN_RATE_PER_IP\` (\`SIDAN_RATE_PER_IP_LOOPBACK=1\`: loopback too) | 请求太频繁，请N秒后再试 |`,
  ].join('\n')
}

/** The functions and their actions, from the one registry. */
export function functionsMarkdown(): string {
  const rows = Object.entries(REGISTRY).map(([name, { fn }]) => {
    const note = name === 'cron' ? ' (timer trigger only; refused for clients)' : name === 'order' ? ' (`mediaVerdict`: the wxa_media_check push only; refused for clients)' : ''
    return `| \`${name}\` | ${fn.actions.map((a) => `\`${a}\``).join(', ')}${note} |`
  })
  return ['| function | actions |', '|---|---|', ...rows].join('\n')
}

/** The figures of stats.summary with their definitions (types/figures.ts, counted in core/figures.ts). */
export function figuresMarkdown(): string {
  const rows = Object.entries(FIGURES).map(([key, f]) => `| \`${key}\` | ${f.label}（${f.unit}） | ${f.definition} |`)
  return ['| field | figure | what it counts |', '|---|---|---|', ...rows].join('\n')
}

const SECTIONS: Record<string, () => string> = {
  figures: figuresMarkdown,
  functions: functionsMarkdown,
  lifecycle: lifecycleMarkdown,
  policy: policyMarkdown,
  ratelimits: rateLimitsMarkdown,
}

export function renderReadme(readme: string): string {
  let out = readme
  for (const [name, render] of Object.entries(SECTIONS)) {
    const begin = `<!-- generated:${name} -->`
    const end = `<!-- /generated:${name} -->`
    const i = out.indexOf(begin)
    const j = out.indexOf(end)
    if (i < 0 || j < i) throw new Error(`README is missing the ${begin} … ${end} markers`)
    out = `${out.slice(0, i + begin.length)}\n${render()}\n${out.slice(j)}`
  }
  return out
}

if (require.main === module) {
  const file = path.resolve(__dirname, '..', 'README.md')
  writeFileSync(file, renderReadme(readFileSync(file, 'utf8')))
  console.log('README.md: generated sections updated')
}
