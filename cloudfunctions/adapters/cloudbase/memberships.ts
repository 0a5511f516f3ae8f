import type { Membership } from '~types'
import type { MembershipStore } from '~core/ports'
import { abort, chunks, cmpKey, type Conn, fromDoc, PAGE, sdk } from './db'

const byApplication = (a: Membership, b: Membership) => cmpKey(a.appliedAt, b.appliedAt) || cmpKey(a.id, b.id)

export function createMembershipStore(c: Conn): MembershipStore {
  return {
    async applyMembership(m) {
      const membership: Membership = { ...m, id: `${m.teamId}:${m.userId}` }
      if (await c.insert('memberships', membership)) return membership
      const existing = await c.getDoc('memberships', membership.id)
      if (!existing) throw new Error(`applyMembership: duplicate write for ${membership.id} but nothing stored`)
      return fromDoc<Membership>(existing)
    },

    async getMembership(teamId, userId) {
      const doc = await c.getDoc('memberships', `${teamId}:${userId}`)
      return doc ? fromDoc<Membership>(doc) : null
    },

    async listMembershipsOfUser(userId) {
      const docs = await c.readAll('memberships', { userId })
      return docs.map((d) => fromDoc<Membership>(d)).sort(byApplication)
    },

    async listMemberships(teamIds, status) {
      const unique = [...new Set(teamIds)]
      if (unique.length === 0) return []
      const pages = await Promise.all(
        chunks(unique, PAGE).map((chunk) => c.readAll('memberships', { teamId: c._.in(chunk), ...(status ? { status } : {}) })),
      )
      return pages
        .flat()
        .map((d) => fromDoc<Membership>(d))
        .sort(byApplication)
    },

    /**
     * One transaction: the membership is read (its status decides), the team and the user are changed by addToSet
     * without being read, since nothing is decided on them (a missing team or user is left missing).
     * Six requests (start, the read, three updates, commit), and none can go: three documents change together, which
     * only a transaction makes atomic, and a transaction has no conditional write, so the status is read inside it.
     */
    async approveMembership(teamId, userId, approvedBy, at) {
      const id = `${teamId}:${userId}`
      const _ = c._
      return c.runTx(async (t) => {
        const doc = await c.txGet(t, 'memberships', id)
        if (!doc) return abort(t, null)
        const current = fromDoc<Membership>(doc)
        if (current.status === 'active') return abort(t, current)
        const approved: Membership = { ...current, status: 'active', approvedAt: at, approvedBy }
        await sdk(t.collection('memberships').doc(id).update({ data: { status: 'active', approvedAt: at, approvedBy } }))
        await sdk(t.collection('teams').doc(teamId).update({ data: { memberIds: _.addToSet(userId) } }))
        await sdk(
          t.collection('users').doc(userId).update({ data: { teamIds: _.addToSet(teamId), roles: _.addToSet('volunteer') } }),
        )
        return approved
      })
    },

    async declineMembership(teamId, userId) {
      const res = await sdk(c.col('memberships').where({ _id: `${teamId}:${userId}`, status: 'pending' }).remove())
      return res.stats.removed > 0
    },
  }
}
