/**
 * The re-anchoring queue: spans a revision edited, moved or orphaned wait here until a
 * reviewer or lead accepts the new place, re-selects the span on the current text, or retires
 * the annotation. Reading needs membership; deciding needs 'review.create' (reviewers, leads).
 */
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction } from '../db/client';
import { annotationAnchors, annotations, articles, links, users } from '../db/schema';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { parseInput } from '../validation';
import { checkSpan } from '../anchoring/span';
import { quoteSelector } from '../anchoring/quote';
import { pageRequest, toPage, type Page } from '../pagination/cursor';
import type { AnchorStateName, Label } from '../domain';
import { actorId, projectAccess, type Actor } from './actor';
import { recordEvent } from './events';
import { reopenForVersion } from './reviewTargets';
import { readableArticle } from './annotationViews';

export interface QueueItem {
  id: number;
  articleId: number;
  articleTitle: string;
  label: Label;
  authorName: string;
  state: AnchorStateName;
  score: number;
  version: number;
  /** The revision the span now refers to, and the article's current one. */
  revision: number;
  currentRevision: number;
  /** The text on the revision it came from, and where it is now (empty when orphaned). */
  oldExact: string;
  newExact: string;
  start: number;
  end: number;
  prefix: string;
  suffix: string;
  flag: string | null;
}

type QueueQuery = { cursor?: string | null; limit?: string | null; articleId?: number };

/** The spans of one article waiting for a decision (any member); 404 for a non-member. */
export function articleReanchorQueue({ actor, articleId, query = {} }: { actor: Actor; articleId: number; query?: Omit<QueueQuery, 'articleId'> }): Page<QueueItem> {
  const { article } = readableArticle(getDb(), actor, articleId);
  return reanchorQueue({ actor, projectId: article.projectId, query: { ...query, articleId } });
}

/** The project's spans waiting for a decision, oldest first, a page at a time. */
export function reanchorQueue({ actor, projectId, query = {} }: { actor: Actor; projectId: number; query?: QueueQuery }): Page<QueueItem> {
  const db = getDb();
  projectAccess(db, actor, projectId, 'project.read');
  const scope = { list: `reanchor:${projectId}`, query: { articleId: query.articleId } };
  const page = pageRequest(scope, query, 1);
  const rows = db.select({ a: annotations, title: articles.title, current: articles.currentRevision, authorName: users.name }).from(annotations)
    .innerJoin(articles, eq(articles.id, annotations.articleId))
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(
      eq(annotations.projectId, projectId), isNull(annotations.deletedAt), eq(annotations.anchorPending, true),
      query.articleId ? eq(annotations.articleId, query.articleId) : undefined,
      page.after ? gt(annotations.id, Number(page.after[0])) : undefined,
    ))
    .orderBy(asc(annotations.id))
    .limit(page.limit + 1)
    .all();
  return toPage(scope, rows, page.limit, (r) => [r.a.id], ({ a, title, current, authorName }) => {
    const before = db.select({ exact: annotationAnchors.exact }).from(annotationAnchors)
      .where(and(eq(annotationAnchors.annotationId, a.id), eq(annotationAnchors.revision, current - 1))).get();
    const orphaned = a.anchorState === 'orphaned';
    return {
      id: a.id, articleId: a.articleId, articleTitle: title, label: a.label, authorName, state: a.anchorState, score: a.anchorScore,
      version: a.version, revision: a.revision, currentRevision: current, oldExact: orphaned ? a.exact : (before?.exact ?? a.exact),
      newExact: orphaned ? '' : a.exact, start: a.start, end: a.end, prefix: a.prefix, suffix: a.suffix, flag: a.anchorFlag,
    };
  });
}

const decisionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), expectedVersion: z.number().int().positive().optional() }),
  z.strictObject({ action: z.literal('retire'), expectedVersion: z.number().int().positive().optional() }),
  z.strictObject({ action: z.literal('reselect'), start: z.number(), end: z.number(), exact: z.string().optional(), expectedVersion: z.number().int().positive().optional() }),
], { message: 'action must be "accept", "reselect" (with start and end) or "retire"' });

/**
 * Decides one waiting span: `accept` its new place (not for an orphan, which has none),
 * `reselect` a span on the current text (a new version, back to review), or `retire` the
 * annotation (a tombstone, with its links). 409 when it is not waiting; 412 when stale.
 */
export function resolveAnchor({ actor, annotationId, articleId, input }: { actor: Actor; annotationId: number; articleId?: number; input: unknown }) {
  return writeTransaction((tx) => {
    const row = tx.select().from(annotations).where(eq(annotations.id, annotationId)).get();
    if (!row || row.deletedAt || (articleId !== undefined && row.articleId !== articleId)) throw notFound('Annotation');
    projectAccess(tx, actor, row.projectId, 'review.create', 'Annotation');
    const data = parseInput(decisionSchema, input);
    if (!row.anchorPending) throw conflict('This annotation is not waiting in the re-anchoring queue (someone decided it already).');
    if (data.expectedVersion !== undefined && data.expectedVersion !== row.version) {
      throw new AppError('precondition_failed', `This annotation was changed elsewhere (now version ${row.version}). Reload and try again.`, { currentVersion: row.version });
    }
    const article = tx.select().from(articles).where(eq(articles.id, row.articleId)).get()!;
    const now = new Date();
    let after: typeof row;
    if (data.action === 'accept') {
      if (row.anchorState === 'orphaned') throw badRequest('An orphaned span has no new place to accept: re-select it on the current text or retire it.');
      after = tx.update(annotations).set({ anchorPending: false, updatedAt: now }).where(eq(annotations.id, row.id)).returning().get();
    } else if (data.action === 'retire') {
      after = tx.update(annotations).set({ anchorPending: false, deletedAt: now, updatedAt: now }).where(eq(annotations.id, row.id)).returning().get();
      tx.update(links).set({ deletedAt: now, updatedAt: now })
        .where(and(isNull(links.deletedAt), or(eq(links.fromAnnotationId, row.id), eq(links.toAnnotationId, row.id))))
        .run();
    } else {
      const problem = checkSpan(article.body, data);
      if (problem) throw new AppError(problem.status === 400 ? 'bad_request' : 'unprocessable', problem.message, { problem: problem.problem });
      const selector = quoteSelector(article.body, data.start, data.end);
      const version = row.version + 1;
      after = tx.update(annotations)
        .set({ start: data.start, end: data.end, ...selector, revision: article.currentRevision, anchorState: row.anchorState === 'orphaned' ? 'edited' : row.anchorState, anchorScore: 1, anchorPending: false, version, substanceVersion: version, updatedAt: now })
        .where(eq(annotations.id, row.id))
        .returning()
        .get();
      tx.insert(annotationAnchors)
        .values({ annotationId: row.id, revision: article.currentRevision, start: data.start, end: data.end, exact: selector.exact, state: after.anchorState, score: 1 })
        .onConflictDoUpdate({ target: [annotationAnchors.annotationId, annotationAnchors.revision], set: { start: data.start, end: data.end, exact: selector.exact, state: after.anchorState, score: 1 } })
        .run();
      after = { ...after, status: reopenForVersion(tx, { kind: 'annotation', id: row.id }, version) };
    }
    recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: `annotation.anchor.${data.action}`, entityType: 'annotation', entityId: row.id, before: row, after });
    return { id: after.id, action: data.action, state: after.anchorState, version: after.version, start: after.start, end: after.end, exact: after.exact, retired: after.deletedAt !== null };
  });
}
