/**
 * Requests bound to their target (issue 13), for the writes whose own record cannot carry the binding (team
 * applications and approvals, role grants, limits): a request's key names the person, the function and action and
 * the requestId; its target names what the write is about (the team, the applicant, the user and role, the unit).
 * A requestId then means one write on one target: a retry answers the first answer, the same requestId on another
 * target is refused before anything is written. (Order writes and the catalog's saves keep their answer in their own
 * write instead: core/ports/orders.ts, catalog.ts.) Every method is one round trip.
 */
export interface RequestStore {
  /**
   * Binds `key` to `target` unless it is bound already (atomically: of parallel first attempts one binds, the others
   * find it bound). 'new': bound now, the caller writes and then stores its answer (answerRequest); 'retry': bound to
   * this target before, with the answer stored then (`answered` false when the first attempt stopped before it);
   * 'elsewhere': bound to another target, nothing written.
   */
  bindRequest(key: string, target: string, at: string): Promise<RequestBinding>
  /** Stores the answer of a request bound to its target (a later answer replaces none already stored). */
  answerRequest(key: string, response: unknown): Promise<void>
  /** Unbinds a request that has no answer yet (its write was refused): the request is as if never made. */
  releaseRequest(key: string): Promise<void>
}

export type RequestBinding = { kind: 'new' } | { kind: 'retry'; answered: boolean; response?: unknown } | { kind: 'elsewhere' }
