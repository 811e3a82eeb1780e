/**
 * Reviews of colleagues' annotations and links: accept or reject with a reason, a lead's
 * settlement of a dispute, and the reviews of one item for the reader. Nobody reviews their
 * own work; the cached status is recomputed in the same transaction as the review.
 */
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction, type Tx } from '../db/client';
import { DECISIONS, reviews, users, type Status } from '../db/tables';
import { conflict, forbidden } from '../errors';
import { MAX_NOTE, parseInput } from '../validation';
import { can } from '../auth/can';
import { actorId, projectAccess, type Actor, type UserRow } from './actor';
import { refuseArchived, targetArticleIds } from './articleArchive';
import { recordEvent } from './events';
import {
  loadTarget,
  recomputeStatus,
  reviewOf,
  targetKeys,
  targetName,
  type TargetKind,
  type TargetRef,
  type TargetRow,
} from './reviewTargets';
import { groupCommitted } from '../db/groupCommit';
import { all, exec, first } from '../db/query';

export { disputedItems, reviewQueue } from './reviewQueue';

export type ReviewRow = typeof reviews.$inferSelect;

const reason = z.string().trim().max(MAX_NOTE, `must be at most ${MAX_NOTE.toLocaleString('en')} characters`);

const reviewSchema = z
  .strictObject({
    decision: z.enum(DECISIONS, { message: 'must be "accept" or "reject"' }),
    reason: reason.optional().default(''),
    expectedVersion: z.number().int().positive().optional(),
  })
  .refine((v) => v.decision !== 'reject' || v.reason.length > 0, {
    message: 'say why you reject it (a rejection needs a reason)',
    path: ['reason'],
  });

const settleSchema = z.strictObject({
  decision: z.enum(DECISIONS, { message: 'must be "accept" or "reject"' }),
  reason: reason.min(1, 'a settlement needs a reason'),
  expectedVersion: z.number().int().positive().optional(),
});

export interface ReviewArgs {
  actor: Actor;
  id: number;
  input: unknown;
}

export interface ReviewResult {
  review: ReviewRow;
  status: Status;
}

/** Checks that `user` may review `target` now: not their own, not deleted, not changed since. */
function checkReviewable(target: TargetRow, user: UserRow | null, expectedVersion: number | undefined): UserRow {
  const what = targetName(target.kind).toLowerCase();
  if (!user) throw forbidden('Reviews are signed by a person: the command-line operator cannot review.');
  if (target.authorId === user.id) throw forbidden(`You cannot review your own ${what}.`);
  if (target.deletedAt) throw conflict(`This ${what} was deleted, so it can no longer be reviewed.`);
  if (expectedVersion !== undefined && expectedVersion !== target.version) {
    throw conflict(
      `This ${what} was changed while you were looking at it (you saw version ${expectedVersion}, it is now version ${target.version}). Reload it and review again.`,
      { currentVersion: target.version },
    );
  }
  return user;
}

async function insertReview(tx: Tx, target: TargetRow, reviewerId: number, values: { decision: ReviewRow['decision']; reason: string; isFinal: boolean }) {
  return await first(tx
    .insert(reviews)
    .values({ ...targetKeys(target), projectId: target.projectId, reviewerId, targetAuthorId: target.authorId, targetVersion: target.version, ...values })
    .returning());
}

/** Marks live reviews of `target` matching `extra` as replaced. */
async function supersede(tx: Tx, target: TargetRef, extra: SQL | undefined) {
  await exec(tx.update(reviews)
    .set({ supersededAt: new Date() })
    .where(and(reviewOf(target), isNull(reviews.supersededAt), extra)));
}

async function review(kind: TargetKind, { actor, id, input }: ReviewArgs): Promise<ReviewResult> {
  const data = parseInput(reviewSchema, input);
  return await writeTransaction(async (tx) => {
    const target = await loadTarget(tx, { kind, id });
    const { user } = await projectAccess(tx, actor, target.projectId, 'review.create', targetName(kind));
    const reviewer = checkReviewable(target, user, data.expectedVersion);
    await refuseArchived(tx, await targetArticleIds(tx, target), 'review');
    await supersede(tx, target, and(eq(reviews.reviewerId, reviewer.id), eq(reviews.isFinal, false)));
    const row = await insertReview(tx, target, reviewer.id, { decision: data.decision, reason: data.reason, isFinal: false });
    const status = await recomputeStatus(tx, target);
    await recordEvent(tx, {
      projectId: target.projectId,
      actorId: actorId(actor),
      action: 'review.create',
      entityType: 'review',
      entityId: row.id,
      after: { ...row, target: kind, statusBefore: target.status, status },
    });
    return { review: row, status };
  });
}

/** Accepts or rejects a colleague's annotation (reviewers and leads; never one's own). */
export const reviewAnnotation = groupCommitted(async function reviewAnnotation(args: ReviewArgs): Promise<ReviewResult> {
  return await review('annotation', args);
});

/** Accepts or rejects a colleague's link (reviewers and leads; never one's own). */
export const reviewLink = groupCommitted(async function reviewLink(args: ReviewArgs): Promise<ReviewResult> {
  return await review('link', args);
});

/**
 * A lead's final decision on a disputed item (or a change of an earlier settlement), with a
 * reason. It overrides the other reviews until a later settlement replaces it.
 */
export const settle = groupCommitted(async function settle({ actor, kind, id, input }: ReviewArgs & { kind: TargetKind }): Promise<ReviewResult> {
  const data = parseInput(settleSchema, input);
  return await writeTransaction(async (tx) => {
    const target = await loadTarget(tx, { kind, id });
    const { user } = await projectAccess(tx, actor, target.projectId, 'review.settle', targetName(kind));
    const lead = checkReviewable(target, user, data.expectedVersion);
    await refuseArchived(tx, await targetArticleIds(tx, target), 'review');
    const settled = await first(tx
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(reviewOf({ kind, id }), isNull(reviews.supersededAt), eq(reviews.isFinal, true))));
    if (target.status !== 'disputed' && !settled) {
      throw conflict(`Only a disputed ${targetName(kind).toLowerCase()} can be settled; this one is ${target.status}.`);
    }
    await supersede(tx, target, eq(reviews.isFinal, true));
    const row = await insertReview(tx, target, lead.id, { decision: data.decision, reason: data.reason, isFinal: true });
    const status = await recomputeStatus(tx, target);
    await recordEvent(tx, {
      projectId: target.projectId,
      actorId: actorId(actor),
      action: 'review.settle',
      entityType: 'review',
      entityId: row.id,
      after: { ...row, target: kind, statusBefore: target.status, status },
    });
    return { review: row, status };
  });
});

export interface ReviewView {
  id: number;
  reviewerId: number;
  reviewerName: string;
  decision: ReviewRow['decision'];
  reason: string;
  isFinal: boolean;
  targetVersion: number;
  createdAt: Date;
  superseded: boolean;
  /** The review was of an earlier version: the item changed since, so it no longer counts. */
  forOlderVersion: boolean;
}

/**
 * The reviews of one annotation or link (live first, then replaced ones) with what the actor
 * may do about it, for the reader's side panel and the API.
 */
export async function listReviews({ actor, kind, id }: { actor: Actor; kind: TargetKind; id: number }) {
  const db = getDb();
  const target = await loadTarget(db, { kind, id });
  const { user, role } = await projectAccess(db, actor, target.projectId, 'project.read', targetName(kind));
  const rows: ReviewView[] = (await all(db
    .select({
      id: reviews.id,
      reviewerId: reviews.reviewerId,
      reviewerName: users.name,
      decision: reviews.decision,
      reason: reviews.reason,
      isFinal: reviews.isFinal,
      targetVersion: reviews.targetVersion,
      createdAt: reviews.createdAt,
      supersededAt: reviews.supersededAt,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(reviewOf({ kind, id }))
    .orderBy(asc(reviews.id))))
    .map(({ supersededAt, ...r }) => ({ ...r, superseded: supersededAt !== null, forOlderVersion: r.targetVersion < target.substanceVersion }));
  const open = !!user && !target.deletedAt && target.authorId !== user.id;
  const mine = rows.find((r) => r.reviewerId === user?.id && !r.superseded && !r.isFinal) ?? null;
  return {
    kind,
    id,
    status: target.status,
    version: target.version,
    substanceVersion: target.substanceVersion,
    deleted: target.deletedAt !== null,
    authorId: target.authorId,
    reviews: [...rows.filter((r) => !r.superseded).reverse(), ...rows.filter((r) => r.superseded).reverse()],
    myReview: mine,
    canReview: open && can(role, 'review.create'),
    canSettle: open && can(role, 'review.settle') && (target.status === 'disputed' || rows.some((r) => r.isFinal && !r.superseded)),
  };
}
