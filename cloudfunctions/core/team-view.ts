import type { Team, TeamListing, User } from '~types'
import { managesUnitPath } from './relations'

/**
 * Who may see a team's member ids (catalog.teams): an admin, a manager of the team's unit or a unit above it, and
 * the team's own leader. Anyone else sees the team without them, so the list of who volunteers where is not open
 * to every signed-in person. `unitPath` is the path of the team's unit (root first).
 */
export function seesTeamMembers(viewer: User | null, team: Team, unitPath: readonly string[]): boolean {
  if (!viewer) return false
  if (viewer.roles.includes('admin')) return true
  return team.leaderId === viewer.id || managesUnitPath(viewer, unitPath)
}

/** The team as the viewer may list it: without `memberIds` unless seesTeamMembers. */
export function teamFor(viewer: User | null, team: Team, unitPath: readonly string[]): TeamListing {
  if (seesTeamMembers(viewer, team, unitPath)) return team
  const { memberIds: _memberIds, ...rest } = team
  return rest
}
