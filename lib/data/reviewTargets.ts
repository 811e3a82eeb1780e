/**
 * What reviews, comments and the history attach to: an annotation or a link. Loads either
 * through one shape so the review rules are written once, and keeps the cached `status`
 * column equal to what the live reviews derive.
 */
import { and, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { annotations, links, reviews, type Status } from '../db/tables';
import { notFound } from '../errors';
import { deriveStatus } from '../review/status';
import { all, exec, first } from '../db/query';

export const TARGET_KINDS = ['annotation', 'link'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface TargetRef {
  kind: TargetKind;
  id: number;
}

export interface TargetRow extends TargetRef {
  projectId: number;
  authorId: number;
  version: number;
  /** Reviews with an older targetVersion were for an earlier version and no longer count. */
  substanceVersion: number;
  status: Status;
  deletedAt: Date | null;
}

type Reader = Db | Tx;

const NAMES: Record<TargetKind, string> = { annotation: 'Annotation', link: 'Link' };

/** "Annotation" / "Link", for messages. */
export function targetName(kind: TargetKind): string {
  return NAMES[kind];
}

/** The annotation or link, tombstoned ones included; 404 when there is no such row. */
export async function loadTarget(db: Reader, ref: TargetRef): Promise<TargetRow> {
  const table = ref.kind === 'annotation' ? annotations : links;
  const row = await first(db
    .select({
      id: table.id,
      projectId: table.projectId,
      authorId: table.authorId,
      version: table.version,
      substanceVersion: table.substanceVersion,
      status: table.status,
      deletedAt: table.deletedAt,
    })
    .from(table)
    .where(eq(table.id, ref.id)));
  if (!row) throw notFound(NAMES[ref.kind]);
  return { ...row, kind: ref.kind };
}

/** Condition "this review is about `ref`". */
export function reviewOf(ref: TargetRef): SQL {
  return ref.kind === 'annotation' ? eq(reviews.annotationId, ref.id) : eq(reviews.linkId, ref.id);
}

/** The target as the two nullable foreign keys of reviews/comments. */
export function targetKeys(ref: TargetRef): { annotationId: number | null; linkId: number | null } {
  return ref.kind === 'annotation' ? { annotationId: ref.id, linkId: null } : { annotationId: null, linkId: ref.id };
}

/** Live (not superseded) reviews of a target. */
export async function liveReviews(db: Reader, ref: TargetRef) {
  return await all(db
    .select()
    .from(reviews)
    .where(and(reviewOf(ref), isNull(reviews.supersededAt))));
}

/**
 * A review is for the version it reviewed: once `ref` changed in substance at `version`, every
 * live review of an earlier version is set aside (kept in history, shown as for an older
 * version, no longer counted) and the status is derived again from what is left, which is
 * nothing: the item is proposed again. Call inside the change's transaction.
 */
export async function reopenForVersion(tx: Tx, ref: TargetRef, version: number): Promise<Status> {
  await exec(tx.update(reviews)
    .set({ supersededAt: new Date() })
    .where(and(reviewOf(ref), isNull(reviews.supersededAt), lt(reviews.targetVersion, version))));
  return await recomputeStatus(tx, ref);
}

/** Derives the status from the live reviews and stores it in the cache column; call inside the review's transaction. */
export async function recomputeStatus(tx: Tx, ref: TargetRef): Promise<Status> {
  const status = deriveStatus(await liveReviews(tx, ref));
  if (ref.kind === 'annotation') await exec(tx.update(annotations).set({ status }).where(eq(annotations.id, ref.id)));
  else await exec(tx.update(links).set({ status }).where(eq(links.id, ref.id)));
  return status;
}
