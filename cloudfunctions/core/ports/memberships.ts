import type { Membership } from '~types'

/** Memberships: applications to join a team and their approval. Every method is one round trip; one that writes several records is atomic. */
export interface MembershipStore {
  /** Inserts a pending membership with id `${teamId}:${userId}`; if it exists, returns the stored one. */
  applyMembership(m: Membership): Promise<Membership>
  getMembership(teamId: string, userId: string): Promise<Membership | null>
  listMemberships(teamIds: string[], status?: Membership['status']): Promise<Membership[]>
  /** One person's memberships (active and pending), oldest application first. */
  listMembershipsOfUser(userId: string): Promise<Membership[]>
  /**
   * Atomically: membership → active (approvedAt, approvedBy), team.memberIds ∪ userId, user.teamIds ∪ teamId,
   * user.roles ∪ volunteer. Idempotent: approving an active membership returns it unchanged. Null if no membership.
   */
  approveMembership(teamId: string, userId: string, approvedBy: string, at: string): Promise<Membership | null>
  /** Deletes a pending membership (an application turned down). Returns false if there was none pending. */
  declineMembership(teamId: string, userId: string): Promise<boolean>
}
