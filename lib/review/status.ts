/**
 * The status of an annotation or link, derived from its reviews and never taken from input.
 * Pure so the same rule serves the write path (the cached `status` column), `cli check` and
 * the tests.
 */
import type { Decision, Status } from '../domain';

export interface ReviewForStatus {
  decision: Decision;
  isFinal: boolean;
  /** Set when the reviewer replaced this review: it no longer counts. */
  supersededAt: Date | number | null;
  /** Used to pick the latest final review when several are live (should not happen). */
  id?: number;
}

/**
 * proposed (no live review), accepted (accepts, no reject), rejected (rejects, no accept),
 * disputed (both). A live final review (a lead's settlement) decides on its own.
 */
export function deriveStatus(reviews: readonly ReviewForStatus[]): Status {
  const live = reviews.filter((r) => r.supersededAt === null || r.supersededAt === undefined);
  const finals = live.filter((r) => r.isFinal).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const settled = finals.at(-1);
  if (settled) return settled.decision === 'accept' ? 'accepted' : 'rejected';
  const accepts = live.some((r) => r.decision === 'accept');
  const rejects = live.some((r) => r.decision === 'reject');
  if (accepts && rejects) return 'disputed';
  if (accepts) return 'accepted';
  if (rejects) return 'rejected';
  return 'proposed';
}
