import type { CertificateDraft } from '../certificates'
import type { Certificate } from '~types'

/**
 * 志愿服务证明 (issue 10): immutable records with a serial per issuing unit and year. A certificate is never edited
 * but for its status (valid → revoked, valid → superseded), which only ever moves away from valid.
 */
export interface CertificateStore {
  /**
   * Issues `draft` in one atomic write: reads the volunteer's valid certificates, decides with core's planIssue, and
   * either answers the one it reuses (created: false) or takes the next sequence number under `prefix`
   * (ZY-CENTER-2026: 1, 2, 3 … per prefix, never the same twice, under any concurrency), stores the certificate with
   * serial `<prefix>-<sequence>` and fileRef from `fileName(serial)`, and marks those it supersedes.
   */
  issue(
    draft: CertificateDraft,
    prefix: string,
    fileName: (serial: string) => string,
  ): Promise<{ certificate: Certificate; created: boolean; superseded: string[] }>
  getCertificate(serial: string): Promise<Certificate | null>
  /** A volunteer's certificates, newest first, at most `limit` (≤ 100). */
  listOfVolunteer(volunteerId: string, limit: number): Promise<Certificate[]>
  /**
   * Revokes a valid or superseded certificate (with who, when and why); one already revoked is answered as stored
   * (changed: false). Null for an unknown serial.
   */
  revoke(serial: string, by: { userId: string; at: string; reason: string }): Promise<{ certificate: Certificate; changed: boolean } | null>
}
