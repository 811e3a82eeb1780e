/**
 * The re-anchoring queue: spans a revision edited, moved or orphaned wait here until a
 * reviewer or lead accepts the new place, re-selects the span on the current text, or retires
 * the annotation. Reading needs membership; deciding needs 'review.create' (reviewers, leads).
 */
import { ANNOTATION_NOT_ARCHIVED, archivedConflict } from './articleArchive';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction } from '../db/client';
import { annotationAnchors, annotations, articles, links, users } from '../db/tables';
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
import { after, orderBy, type SortKey } from './keyset';
import { all, exec, first, sqlAll, sqlFirst } from '../db/query';
import { indexedBy, isTrue } from '../db/dialect';

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
export async function articleReanchorQueue({ actor, articleId, query = {} }: { actor: Actor; articleId: number; query?: Omit<QueueQuery, 'articleId'> }): Promise<Page<QueueItem> & { total: number }> {
  const { article } = await readableArticle(getDb(), actor, articleId);
  return await reanchorQueue({ actor, projectId: article.projectId, query: { ...query, articleId } });
}

/** Waiting, live spans: the condition of annotations_reanchor_pending_idx, written as literals so SQLite uses it. */
const waiting = sql`${isTrue(annotations.anchorPending)} and ${annotations.deletedAt} is null and ${ANNOTATION_NOT_ARCHIVED}`;
/**
 * How many spans wait, read from the partial index alone: without table statistics SQLite
 * would pick annotations_project_idx and visit every annotation of the project.
 */
async function waitingCount(db: Awaited<ReturnType<typeof getDb>>, projectId: number, articleId?: number): Promise<number> {
  const row = await sqlFirst<{ n: number }>(db, sql`select count(*) as n from annotations ${indexedBy('annotations_reanchor_pending_idx')}
    where project_id = ${projectId} and ${isTrue(sql`anchor_pending`)} and deleted_at is null and ${ANNOTATION_NOT_ARCHIVED}${articleId ? sql` and article_id = ${articleId}` : sql``}`);
  return row?.n ?? 0;
}

const QUEUE_KEYS: SortKey[] = [
  { expr: annotations.articleId, dir: 'asc' },
  { expr: annotations.start, dir: 'asc' },
  { expr: annotations.id, dir: 'asc' },
];

/**
 * The project's spans waiting for a decision (any member; 404 for others), article by article
 * in text order, a page at a time (?cursor=&limit=, keyset on article, start, id). `total`
 * counts every waiting span of the scope.
 */
export async function reanchorQueue({ actor, projectId, query = {} }: { actor: Actor; projectId: number; query?: QueueQuery }): Promise<Page<QueueItem> & { total: number }> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  const scope = { list: `reanchor:${projectId}`, query: { articleId: query.articleId } };
  const page = pageRequest(scope, query, QUEUE_KEYS.length);
  // The page's ids straight from the partial index (INDEXED BY: without table statistics SQLite
  // would walk annotations_project_article_idx, same order, reading every annotation of the
  // project to find the few waiting), then their rows.
  const ids = (await sqlAll<{ id: number }>(db, sql`select ${annotations.id} as id from ${annotations} ${indexedBy('annotations_reanchor_pending_idx')}
    where ${and(eq(annotations.projectId, projectId), waiting, query.articleId ? eq(annotations.articleId, query.articleId) : undefined, after(QUEUE_KEYS, page.after))}
    order by ${sql.join(orderBy(QUEUE_KEYS), sql`, `)} limit ${page.limit + 1}`)).map((r) => r.id);
  const order = new Map(ids.map((id, i) => [id, i]));
  const rows = ids.length === 0 ? [] : (await all(db.select({ a: annotations, title: articles.title, current: articles.currentRevision, authorName: users.name }).from(annotations)
    .innerJoin(articles, eq(articles.id, annotations.articleId))
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(inArray(annotations.id, ids))))
    .sort((x, y) => order.get(x.a.id)! - order.get(y.a.id)!);
  const total = await waitingCount(db, projectId, query.articleId);
  const result = toPage(scope, rows, page.limit, (r) => [r.a.articleId, r.a.start, r.a.id]);
  const items: QueueItem[] = [];
  for (const { a, title, current, authorName } of result.items) {
    const before = await first(db.select({ exact: annotationAnchors.exact }).from(annotationAnchors)
      .where(and(eq(annotationAnchors.annotationId, a.id), eq(annotationAnchors.revision, current - 1))));
    const orphaned = a.anchorState === 'orphaned';
    items.push({
      id: a.id, articleId: a.articleId, articleTitle: title, label: a.label, authorName, state: a.anchorState, score: a.anchorScore,
      version: a.version, revision: a.revision, currentRevision: current, oldExact: orphaned ? a.exact : (before?.exact ?? a.exact),
      newExact: orphaned ? '' : a.exact, start: a.start, end: a.end, prefix: a.prefix, suffix: a.suffix, flag: a.anchorFlag,
    });
  }
  return { ...result, items, total };
}

/** Characters of the current text shown on each side of a span in the project-wide queue. */
const CONTEXT_CHARS = 1500;

export interface QueueContext {
  /** A stretch of the article's current text around the span, from a line start to a line end. */
  text: string;
  /** Where `text` starts in the current body (offsets in the queue item are body offsets). */
  base: number;
}

/** Where a window of `body` around [start, end) starts and ends: widened to whole lines. */
export function contextWindow(body: string, start: number, end: number, chars = CONTEXT_CHARS): { from: number; to: number } {
  const lo = Math.max(0, Math.min(start, body.length) - chars);
  const hi = Math.min(body.length, Math.max(end, 0) + chars);
  const from = lo === 0 ? 0 : body.lastIndexOf('\n', lo) + 1;
  const nl = body.indexOf('\n', hi);
  return { from, to: hi === body.length || nl === -1 ? body.length : nl };
}

/**
 * The project-wide re-anchoring queue page (any member): `reanchorQueue` with, for each span,
 * a stretch of its article's current text around it (where a new place can be selected), so
 * the page does not carry whole bodies.
 */
export async function projectReanchorQueue({ actor, projectId, query = {} }: { actor: Actor; projectId: number; query?: Omit<QueueQuery, 'articleId'> }) {
  const page = await reanchorQueue({ actor, projectId, query });
  const ids = [...new Set(page.items.map((i) => i.articleId))];
  const bodies = new Map(ids.length ? (await all(getDb().select({ id: articles.id, body: articles.body }).from(articles).where(inArray(articles.id, ids)))).map((r) => [r.id, r.body]) : []);
  const contexts: Record<number, QueueContext> = {};
  for (const item of page.items) {
    const body = bodies.get(item.articleId) ?? '';
    const { from, to } = contextWindow(body, item.start, item.end);
    contexts[item.id] = { text: body.slice(from, to), base: from };
  }
  return { ...page, contexts };
}

/** How many spans of the project wait in the re-anchoring queue (any member), for the project navigation. */
export async function reanchorQueueCount({ actor, projectId }: { actor: Actor; projectId: number }): Promise<number> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  return await waitingCount(db, projectId);
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
export async function resolveAnchor({ actor, annotationId, articleId, input }: { actor: Actor; annotationId: number; articleId?: number; input: unknown }) {
  return await writeTransaction(async (tx) => {
    const row = await first(tx.select().from(annotations).where(eq(annotations.id, annotationId)));
    if (!row || row.deletedAt || (articleId !== undefined && row.articleId !== articleId)) throw notFound('Annotation');
    await projectAccess(tx, actor, row.projectId, 'review.create', 'Annotation');
    const data = parseInput(decisionSchema, input);
    if (!row.anchorPending) throw conflict('This annotation is not waiting in the re-anchoring queue (someone decided it already).');
    if (data.expectedVersion !== undefined && data.expectedVersion !== row.version) {
      throw new AppError('precondition_failed', `This annotation was changed elsewhere (now version ${row.version}). Reload and try again.`, { currentVersion: row.version });
    }
    const article = (await first(tx.select().from(articles).where(eq(articles.id, row.articleId))))!;
    if (article.archivedAt) throw archivedConflict('annotate');
    const now = new Date();
    let after: typeof row;
    if (data.action === 'accept') {
      if (row.anchorState === 'orphaned') throw badRequest('An orphaned span has no new place to accept: re-select it on the current text or retire it.');
      after = await first(tx.update(annotations).set({ anchorPending: false, updatedAt: now }).where(eq(annotations.id, row.id)).returning());
    } else if (data.action === 'retire') {
      after = await first(tx.update(annotations).set({ anchorPending: false, deletedAt: now, updatedAt: now }).where(eq(annotations.id, row.id)).returning());
      await exec(tx.update(links).set({ deletedAt: now, updatedAt: now })
        .where(and(isNull(links.deletedAt), or(eq(links.fromAnnotationId, row.id), eq(links.toAnnotationId, row.id)))));
    } else {
      const problem = checkSpan(article.body, data);
      if (problem) throw new AppError(problem.status === 400 ? 'bad_request' : 'unprocessable', problem.message, { problem: problem.problem });
      const selector = quoteSelector(article.body, data.start, data.end);
      const version = row.version + 1;
      after = await first(tx.update(annotations)
        .set({ start: data.start, end: data.end, ...selector, revision: article.currentRevision, anchorState: row.anchorState === 'orphaned' ? 'edited' : row.anchorState, anchorScore: 1, anchorPending: false, version, substanceVersion: version, updatedAt: now })
        .where(eq(annotations.id, row.id))
        .returning());
      await exec(tx.insert(annotationAnchors)
        .values({ annotationId: row.id, revision: article.currentRevision, start: data.start, end: data.end, exact: selector.exact, state: after.anchorState, score: 1 })
        .onConflictDoUpdate({ target: [annotationAnchors.annotationId, annotationAnchors.revision], set: { start: data.start, end: data.end, exact: selector.exact, state: after.anchorState, score: 1 } }));
      after = { ...after, status: await reopenForVersion(tx, { kind: 'annotation', id: row.id }, version) };
    }
    await recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: `annotation.anchor.${data.action}`, entityType: 'annotation', entityId: row.id, before: row, after });
    return { id: after.id, action: data.action, state: after.anchorState, version: after.version, start: after.start, end: after.end, exact: after.exact, retired: after.deletedAt !== null };
  });
}
