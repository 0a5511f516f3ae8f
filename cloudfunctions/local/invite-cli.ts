import path from 'node:path'
import { createSqliteStores } from '~adapters/sqlite'
import { SIGN_IN } from '~core/config'
import { newInviteCode } from '~functions/shared/ids'
import { formatInviteCode, ROLES, type Role } from '~types'

const root = path.resolve(__dirname, '..', '..')

/**
 * The first admin of a self-hosted county: `npm run invite -- --roles admin,manager --unit <unit id>` writes an invite
 * code into the host's database (SIDAN_DB, default .data/sidan.db) and prints it; whoever registers with it on the
 * login page (注册 → 邀请码) gets those roles. After that, admins invite everyone else in the app (user.invite).
 */
async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i >= 0 ? process.argv[i + 1] : undefined
  }
  const roles = (arg('roles') ?? 'admin,manager').split(',').map((r) => r.trim()) as Role[]
  const unknown = roles.filter((r) => !ROLES.includes(r))
  if (unknown.length > 0) throw new Error(`未知角色 unknown roles: ${unknown.join(', ')} (one of ${ROLES.join(', ')})`)
  const stores = createSqliteStores({ filename: process.env.SIDAN_DB ?? path.join(root, '.data', 'sidan.db') })
  {
    try {
      const units = await stores.catalog.listUnits()
      const unitId = arg('unit') ?? units.find((u) => u.level === 'center')?.id
      const unit = units.find((u) => u.id === unitId)
      if (!unit) throw new Error(`单位不存在 no such unit: ${unitId ?? '(none)'}; units: ${units.map((u) => `${u.id} ${u.name}`).join('; ')}`)
      const now = new Date()
      const invite = await stores.credentials.createInvite({
        code: newInviteCode(),
        roles,
        orgUnitId: unit.id,
        teamId: null,
        createdBy: 'host-cli',
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SIGN_IN.inviteDays * 24 * 3600 * 1000).toISOString(),
        usedBy: null,
        usedAt: null,
      })
      console.log(`邀请码 invite code: ${formatInviteCode(invite.code)}`)
      console.log(`角色 roles: ${roles.join(', ')}；单位 unit: ${unit.name}；有效期至 expires: ${invite.expiresAt}`)
    } finally {
      stores.close()
    }
  }
}

main().catch((err: Error) => {
  console.error(err.message)
  process.exit(1)
})
