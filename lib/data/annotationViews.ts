/**
 * Reading annotations: the annotation JSON of the API (with code point offsets and the live
 * links touching each one), the changes since a cursor for polling, and the speakers already
 * used in a project. Every function checks the actor's membership first (404 otherwise).
 */
import { jsonInt } from '../db/dialect';
import { and, asc, desc, eq, gt, inArray, isNull, or, sql, type SQLWrapper } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { getDb } from '../db/client';
import { preparedStatement } from '../db/prepared';
import type { Action } from '../auth/can';
import { annotations, articles, events, links, speakerTallies, users } from '../db/tables';
import { badRequest, notFound } from '../errors';
import { toPage, type CursorScope, type Page, type PageRequest } from '../pagination/cursor';
import { utf16ToCodePoints } from '../anchoring/units';
import { projectAccess, type Actor } from './actor';
import type { AnnotationLinkView, AnnotationView } from '@/lib/domain';
import { all, first } from '../db/query';

export type AnnotationRow = typeof annotations.$inferSelect;
type Reader = Db | Tx;

/** Live links touching the annotations selected by `ids` (a list or a subquery). */
async function linksTouching(db: Reader, ids: number[] | SQLWrapper): Promise<Map<number, AnnotationLinkView[]>> {
  const out = new Map<number, AnnotationLinkView[]>();
  if (Array.isArray(ids) && ids.length === 0) return out;
  const rows = await all(db
    .select()
    .from(links)
    .where(and(isNull(links.deletedAt), or(inArray(links.fromAnnotationId, ids), inArray(links.toAnnotationId, ids)))));
  const otherIds = [...new Set(rows.flatMap((l) => [l.fromAnnotationId, l.toAnnotationId]))];
  const others = new Map<number, { articleId: number; exact: string; title: string; outlet: string | null }>();
  for (let i = 0; i < otherIds.length; i += 500) {
    (await all(db.select({ id: annotations.id, articleId: annotations.articleId, exact: annotations.exact, title: articles.title, outlet: articles.outlet })
      .from(annotations)
      .innerJoin(articles, eq(articles.id, annotations.articleId))
      .where(inArray(annotations.id, otherIds.slice(i, i + 500)))))
      .forEach((o) => others.set(o.id, o));
  }
  for (const l of rows) {
    for (const [self, other] of [[l.fromAnnotationId, l.toAnnotationId], [l.toAnnotationId, l.fromAnnotationId]]) {
      const o = others.get(other);
      if (!o) continue;
      const view: AnnotationLinkView = {
        id: l.id, relation: l.relation, otherAnnotationId: other, otherArticleId: o.articleId, otherOutlet: o.outlet,
        otherArticleTitle: o.title, otherExact: o.exact, authorId: l.authorId, status: l.status,
      };
      out.set(self, [...(out.get(self) ?? []), view]);
    }
  }
  return out;
}

/** The API JSON of one annotation row, given its code point offsets and its live links. */
export function toView(a: AnnotationRow, authorName: string, points: [number, number], links: AnnotationLinkView[]): AnnotationView {
  return {
    id: a.id, articleId: a.articleId, projectId: a.projectId, authorId: a.authorId, authorName, label: a.label,
    start: a.start, end: a.end, startCodePoint: points[0], endCodePoint: points[1],
    exact: a.exact, prefix: a.prefix, suffix: a.suffix, note: a.note, attributes: a.attributes ?? {},
    status: a.status, version: a.version, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
    links,
    anchor: { state: a.anchorState, score: a.anchorScore, revision: a.revision, pending: a.anchorPending, flag: a.anchorFlag },
  };
}

/** Builds the API JSON of annotation rows of one article (`body` gives code point offsets). */
export async function toViews(db: Reader, body: string, rows: Array<{ a: AnnotationRow; authorName: string }>, linkScope?: SQLWrapper): Promise<AnnotationView[]> {
  const points = utf16ToCodePoints(body, rows.flatMap(({ a }) => [a.start, a.end]));
  const linkMap = await linksTouching(db, linkScope ?? rows.map(({ a }) => a.id));
  return rows.map(({ a, authorName }, i) => toView(a, authorName, [points[2 * i], points[2 * i + 1]], linkMap.get(a.id) ?? []));
}

function selectWithAuthor(db: Reader) {
  return db.select({ a: annotations, authorName: users.name }).from(annotations).innerJoin(users, eq(users.id, annotations.authorId));
}

const articleById = preparedStatement('annotationViews.articleById', (db) => db.select().from(articles).where(eq(articles.id, sql.placeholder('id'))).prepare());

/**
 * The article with access checked for `action` (reading, unless a write says otherwise):
 * 404 for a missing article or a non-member, 403 when the role does not allow the action.
 */
export async function readableArticle(db: Reader, actor: Actor, articleId: number, action: Action = 'project.read', hidden = 'Article') {
  const article = await first(articleById(), { id: articleId });
  if (!article) throw notFound(hidden);
  const access = await projectAccess(db, actor, article.projectId, action, hidden);
  return { article, access };
}

/** The newest event id: a polling cursor that never skips a committed change. */
export async function currentCursor(db: Reader = getDb()): Promise<number> {
  return (await first(db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1)))?.id ?? 0;
}

/** Every live annotation of an article in text order, for any member of its project. */
export async function listAnnotations({ actor, articleId }: { actor: Actor; articleId: number }): Promise<AnnotationView[]> {
  const db = getDb();
  const { article } = await readableArticle(db, actor, articleId);
  const rows = await all(selectWithAuthor(db)
    // Spans orphaned by a revision stay on the revision they came from (lib/data/revisions.ts).
    .where(and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt), eq(annotations.revision, article.currentRevision)))
    .orderBy(asc(annotations.start), asc(annotations.end), asc(annotations.id)));
  const scope = db.select({ id: annotations.id }).from(annotations).where(eq(annotations.articleId, articleId));
  return await toViews(db, article.body, rows, scope);
}

/**
 * One page of the article's live annotations in text order (keyset on start, end, id), with the
 * total, so the reader can show the first screens at once and fetch the rest in bounded pages.
 */
export async function listAnnotationPage({ actor, articleId, page }: { actor: Actor; articleId: number; page: PageRequest }): Promise<Page<AnnotationView> & { total: number }> {
  const db = getDb();
  const { article } = await readableArticle(db, actor, articleId);
  const live = and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt), eq(annotations.revision, article.currentRevision));
  const after = page.after as [number, number, number] | undefined;
  if (after && !after.every((v) => typeof v === 'number')) throw badRequest('That page cursor is not valid for this list. Start again from the first page.');
  const keyset = after
    ? or(gt(annotations.start, after[0]), and(eq(annotations.start, after[0]), or(gt(annotations.end, after[1]), and(eq(annotations.end, after[1]), gt(annotations.id, after[2])))))
    : undefined;
  const rows = await all(selectWithAuthor(db)
    .where(keyset ? and(live, keyset) : live)
    .orderBy(asc(annotations.start), asc(annotations.end), asc(annotations.id))
    .limit(page.limit + 1));
  const { items: kept, nextCursor } = toPage(annotationPageScope(articleId), rows, page.limit, (r) => [r.a.start, r.a.end, r.a.id]);
  const items = await toViews(db, article.body, kept);
  const total = (await first(db.select({ n: sql<number>`count(*)` }).from(annotations).where(live)))?.n ?? 0;
  return { items, nextCursor, total };
}

/** The list a page cursor of an article's annotations belongs to (see lib/pagination/cursor.ts). */
export function annotationPageScope(articleId: number): CursorScope {
  return { list: `annotations:${articleId}` };
}

/** One live annotation as the API shows it; 404 when deleted, missing or not the actor's project. */
export async function getAnnotation({ actor, annotationId }: { actor: Actor; annotationId: number }): Promise<AnnotationView> {
  const db = getDb();
  const row = await first(selectWithAuthor(db).where(eq(annotations.id, annotationId)));
  if (!row || row.a.deletedAt) throw notFound('Annotation');
  const { article } = await readableArticle(db, actor, row.a.articleId, 'project.read', 'Annotation');
  return (await toViews(db, article.body, [row]))[0];
}

/** Annotation ids touched by the project's events after `since` (annotations, their links, reviews). */
async function touchedSince(db: Reader, projectId: number, since: number): Promise<number[]> {
  const rows = await all(db
    .select({ type: events.entityType, id: events.entityId, ref: sql<number | null>`${jsonInt(events.after, 'annotationId')}` })
    .from(events)
    .where(and(eq(events.projectId, projectId), gt(events.id, since))));
  const ids = new Set<number>();
  const linkIds: number[] = [];
  for (const r of rows) {
    if (r.type === 'annotation' && r.id) ids.add(r.id);
    else if (r.type === 'link' && r.id) linkIds.push(r.id);
    else if (typeof r.ref === 'number') ids.add(r.ref);
  }
  if (linkIds.length) {
    (await all(db.select({ from: links.fromAnnotationId, to: links.toAnnotationId }).from(links).where(inArray(links.id, linkIds))))
      .forEach((l) => (ids.add(l.from), ids.add(l.to)));
  }
  return [...ids];
}

/**
 * What changed in an article's annotations after the polling cursor `since` (an event id):
 * the changed live annotations, the ids deleted, and the cursor to send next time.
 */
export async function annotationsSince({ actor, articleId, since }: { actor: Actor; articleId: number; since: number }) {
  const db = getDb();
  const cursor = await currentCursor(db);
  const { article } = await readableArticle(db, actor, articleId);
  const ids = await touchedSince(db, article.projectId, since);
  const rows = ids.length
    ? await all(selectWithAuthor(db).where(and(eq(annotations.articleId, articleId), inArray(annotations.id, ids))).orderBy(asc(annotations.start)))
    : [];
  const onText = (r: (typeof rows)[number]) => !r.a.deletedAt && r.a.revision === article.currentRevision;
  const live = rows.filter(onText);
  // An orphaned span leaves the current text like a deleted one.
  return { annotations: await toViews(db, article.body, live), deletedIds: rows.filter((r) => !onText(r)).map((r) => r.a.id), cursor };
}

/**
 * Speakers already used on quotes in the project, most used first (suggestions in the editor).
 * Read from speaker_tallies, which triggers keep, so the reader does not grow with the corpus.
 */
export async function listSpeakers({ actor, projectId }: { actor: Actor; projectId: number }): Promise<string[]> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  return (await all(db
    .select({ speaker: speakerTallies.speaker })
    .from(speakerTallies)
    .where(and(eq(speakerTallies.projectId, projectId), gt(speakerTallies.n, 0)))
    .orderBy(desc(speakerTallies.n), asc(speakerTallies.speaker))
    .limit(200)))
    .map((r) => r.speaker);
}
