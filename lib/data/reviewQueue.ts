/**
 * The review queue: a project's live annotations and links that the actor did not author and
 * has not reviewed yet, article by article, each span shown in its surrounding text.
 *
 * It is read one keyset page at a time (lib/pagination/cursor.ts): annotations walk the
 * (project, article, start) index in order and links walk it through their first end (an
 * article's links come after its annotations), so a
 * page costs its own rows, not the project's. Only the page's articles have their body read.
 * The counts per filter value come from counters kept by triggers (lib/data/reviewQueueCounts.ts).
 */
import { and, asc, count, eq, gte, inArray, isNull, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, type Db } from '../db/client';
import { annotations, articles, links, reviews, users, type Decision, type Label, type Relation, type Status } from '../db/tables';
import { forbidden } from '../errors';
import { pageRequest, toPage, type KeyValue, type Page } from '../pagination/cursor';
import { after, orderBy, type SortKey } from './keyset';
import { projectAccess, type Actor } from './actor';
import { ANNOTATION_NOT_ARCHIVED, LINK_NOT_ARCHIVED } from './articleArchive';
import { parseQueueFilters, queueCounts, type QueueCounts, type QueueFilters } from './reviewQueueCounts';
import { all, first } from '../db/query';

export type { QueueCounts, QueueFilters, FacetCount } from './reviewQueueCounts';

/** Characters of surrounding text shown on each side of a span. */
export const CONTEXT_CHARS = 120;
/** Items on one page of the queue unless `limit` asks otherwise. */
export const QUEUE_PAGE = 25;

export interface QueueSpan {
  annotationId: number;
  articleId: number;
  articleTitle: string;
  outlet: string | null;
  label: Label;
  start: number;
  end: number;
  before: string;
  exact: string;
  after: string;
}

/** A live review of an item, as a lead settling it needs to see it. */
export interface QueueReview {
  reviewerName: string;
  decision: Decision;
  reason: string;
}

interface QueueBase {
  id: number;
  version: number;
  status: Status;
  authorName: string;
  note: string;
  createdAt: Date;
  span: QueueSpan;
  /** Live reviews: filled for disputed items only (the settle form shows them). */
  reviews?: QueueReview[];
}
export type QueueItem = (QueueBase & { kind: 'annotation' }) | (QueueBase & { kind: 'link'; relation: Relation; other: QueueSpan });

export interface QueueGroup {
  articleId: number;
  title: string;
  outlet: string | null;
  items: QueueItem[];
}

export interface QueuePage extends Page<QueueItem> {
  /** The page's items by article (a link sits under the article of its first end). */
  groups: QueueGroup[];
  /** Items left to review under the current filters (all pages). */
  left: number;
  counts: QueueCounts;
}

type SpanRow = { id: number; articleId: number; label: Label; start: number; end: number };

/** Cuts the text around [start, end) at word boundaries, with an ellipsis where it was cut. */
export function spanInContext(body: string, start: number, end: number, chars = CONTEXT_CHARS) {
  let from = Math.max(0, start - chars);
  let to = Math.min(body.length, end + chars);
  if (from > 0) from = Math.min(start, body.indexOf(' ', from) + 1 || start);
  if (to < body.length) to = Math.max(end, body.lastIndexOf(' ', to));
  return {
    before: (from > 0 ? '…' : '') + body.slice(from, start),
    exact: body.slice(start, end),
    after: body.slice(end, to) + (to < body.length ? '…' : ''),
  };
}

/** The queue's order, one key for both kinds: an article's annotations, then its links (by their first end). */
type QueueKey = [articleId: number, kind: number, start: number, annotationId: number, linkId: number];

function notReviewedBy(db: Db, userId: number, column: typeof reviews.annotationId | typeof reviews.linkId, id: typeof annotations.id | typeof links.id) {
  return notExists(
    db
      .select({ one: reviews.id })
      .from(reviews)
      .where(and(eq(column, id), eq(reviews.reviewerId, userId), isNull(reviews.supersededAt))),
  );
}

/** Keyset condition; the leading `article >= …` lets SQLite start the index walk there. */
function keyset(keys: SortKey[], values: KeyValue[] | undefined): SQL | undefined {
  if (!values) return undefined;
  return and(gte(keys[0].expr as SQL, values[0] as number), after(keys, values));
}

function outletArticles(db: Db, projectId: number, outlet: string) {
  const match = outlet === '-' ? sql`(${articles.outlet} is null or ${articles.outlet} = '')` : eq(articles.outlet, outlet);
  return db.select({ id: articles.id }).from(articles).where(and(eq(articles.projectId, projectId), match));
}

interface Scope {
  db: Db;
  projectId: number;
  /** The reviewer whose own work is left out, or null to keep everyone's. */
  exceptAuthor: number;
  filters: QueueFilters;
  limit: number;
  after?: KeyValue[];
}

/** Live annotations, one page in queue order. */
async function annotationRows({ db, projectId, exceptAuthor, filters, limit, after: from }: Scope, extra: SQL | undefined) {
  const keys: SortKey[] = [
    { expr: annotations.articleId, dir: 'asc' },
    { expr: sql`0`, dir: 'asc' },
    { expr: annotations.start, dir: 'asc' },
    { expr: annotations.id, dir: 'asc' },
    { expr: sql`0`, dir: 'asc' },
  ];
  if (filters.label === 'link') return [];
  return await all(db
    .select({
      id: annotations.id,
      articleId: annotations.articleId,
      label: annotations.label,
      start: annotations.start,
      end: annotations.end,
      version: annotations.version,
      status: annotations.status,
      note: annotations.note,
      createdAt: annotations.createdAt,
      authorName: users.name,
    })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(
      and(
        eq(annotations.projectId, projectId),
        isNull(annotations.deletedAt),
        ne(annotations.authorId, exceptAuthor),
        filters.label ? eq(annotations.label, filters.label) : undefined,
        filters.authorId ? eq(annotations.authorId, filters.authorId) : undefined,
        filters.articleId ? eq(annotations.articleId, filters.articleId) : undefined,
        filters.outlet !== undefined ? inArray(annotations.articleId, outletArticles(db, projectId, filters.outlet)) : undefined,
        keyset(keys, from),
        extra,
      ),
    )
    .orderBy(...orderBy([keys[0], keys[2], keys[3]]))
    .limit(limit + 1));
}

/** Live links, one page in queue order (by their first end, then id). */
async function linkRows({ db, projectId, exceptAuthor, filters, limit, after: from }: Scope, extra: SQL | undefined) {
  if (filters.label && filters.label !== 'link') return [];
  const first = alias(annotations, 'from_annotation');
  const second = alias(annotations, 'to_annotation');
  const span = (a: typeof first | typeof second) => ({ id: a.id, articleId: a.articleId, label: a.label, start: a.start, end: a.end });
  const keys: SortKey[] = [
    { expr: first.articleId, dir: 'asc' },
    { expr: sql`1`, dir: 'asc' },
    { expr: first.start, dir: 'asc' },
    { expr: first.id, dir: 'asc' },
    { expr: links.id, dir: 'asc' },
  ];
  return await all(db
    .select({
      id: links.id,
      relation: links.relation,
      version: links.version,
      status: links.status,
      note: links.note,
      createdAt: links.createdAt,
      authorName: users.name,
      from: span(first),
      to: span(second),
    })
    .from(first)
    .innerJoin(links, eq(links.fromAnnotationId, first.id))
    .innerJoin(users, eq(users.id, links.authorId))
    .innerJoin(second, eq(second.id, links.toAnnotationId))
    .where(
      and(
        // Links stay within one project: filtering on the first end's project lets SQLite walk
        // (project, article, start) in queue order and stop after one page.
        eq(first.projectId, projectId),
        isNull(links.deletedAt),
        ne(links.authorId, exceptAuthor),
        filters.authorId ? eq(links.authorId, filters.authorId) : undefined,
        filters.articleId ? eq(first.articleId, filters.articleId) : undefined,
        filters.outlet !== undefined ? inArray(first.articleId, outletArticles(db, projectId, filters.outlet)) : undefined,
        keyset(keys, from),
        extra,
      ),
    )
    .orderBy(asc(first.articleId), asc(first.start), asc(first.id), asc(links.id))
    .limit(limit + 1));
}

type AnnotationRow = Awaited<ReturnType<typeof annotationRows>>[number];
type LinkRow = Awaited<ReturnType<typeof linkRows>>[number];
type Row = { kind: 'annotation'; row: AnnotationRow; key: QueueKey } | { kind: 'link'; row: LinkRow; key: QueueKey };

function compareKeys(a: QueueKey, b: QueueKey): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The first `limit + 1` items of both kinds in queue order (each query already asked for that many). */
function mergeRows(annotationList: AnnotationRow[], linkList: LinkRow[], limit: number): Row[] {
  const rows: Row[] = [
    ...annotationList.map((row): Row => ({ kind: 'annotation', row, key: [row.articleId, 0, row.start, row.id, 0] })),
    ...linkList.map((row): Row => ({ kind: 'link', row, key: [row.from.articleId, 1, row.from.start, row.from.id, row.id] })),
  ];
  return rows.sort((a, b) => compareKeys(a.key, b.key)).slice(0, limit + 1);
}

/** Turns a page of rows into queue items with their spans in context: reads only the page's articles. */
async function toItems(db: Db, rows: Row[]): Promise<QueueItem[]> {
  const articleIds = [...new Set(rows.flatMap((r) => (r.kind === 'link' ? [r.row.from.articleId, r.row.to.articleId] : [r.row.articleId])))];
  const texts = new Map(
    (articleIds.length
      ? await all(db.select({ id: articles.id, title: articles.title, outlet: articles.outlet, body: articles.body }).from(articles).where(inArray(articles.id, articleIds)))
      : []
    ).map((a) => [a.id, a]),
  );
  const toSpan = (row: SpanRow): QueueSpan => {
    const article = texts.get(row.articleId)!;
    return { annotationId: row.id, articleId: row.articleId, articleTitle: article.title, outlet: article.outlet, label: row.label, start: row.start, end: row.end, ...spanInContext(article.body, row.start, row.end) };
  };
  return rows.map(({ kind, row }): QueueItem => {
    const base = { id: row.id, version: row.version, status: row.status, authorName: row.authorName, note: row.note, createdAt: row.createdAt };
    if (kind === 'annotation') return { kind, ...base, span: toSpan(row) };
    return { kind, ...base, relation: row.relation, span: toSpan(row.from), other: toSpan(row.to) };
  });
}

/** Groups items by the article of their (first) span, keeping queue order. */
export function groupByArticle(items: QueueItem[]): QueueGroup[] {
  const groups = new Map<number, QueueGroup>();
  for (const item of items) {
    const { articleId, articleTitle, outlet } = item.span;
    const group = groups.get(articleId) ?? { articleId, title: articleTitle, outlet, items: [] };
    group.items.push(item);
    groups.set(articleId, group);
  }
  return [...groups.values()];
}

export interface QueueQuery {
  cursor?: string | null;
  limit?: string | null;
  label?: string | null;
  author?: string | null;
  article?: string | null;
  outlet?: string | null;
}

async function readPage(db: Db, scope: Omit<Scope, 'limit' | 'after'>, list: string, query: QueueQuery, extra: { annotation?: SQL; link?: SQL }) {
  const cursorScope = { list, query: { ...scope.filters } };
  const { after: from, limit } = pageRequest(cursorScope, query, 5, { limit: QUEUE_PAGE, max: 100 });
  const full = { ...scope, limit, after: from };
  const rows = mergeRows(await annotationRows(full, extra.annotation), await linkRows(full, extra.link), limit);
  const kept = rows.slice(0, limit);
  const page = toPage(cursorScope, rows, limit, (r) => r.key);
  return { ...page, items: await toItems(db, kept) };
}

/**
 * What the actor still has to review in a project, one page at a time in article order, with
 * the number left and the counts per filter value (`?label=&author=&article=&outlet=`; a bad
 * value, cursor or limit is a 400). Viewers cannot review: 403.
 */
export async function reviewQueue({ actor, projectId, query = {} }: { actor: Actor; projectId: number; query?: QueueQuery }): Promise<QueuePage> {
  const db = getDb();
  const { user } = await projectAccess(db, actor, projectId, 'review.create');
  if (!user) throw forbidden('The review queue belongs to a person: the command-line operator has none.');
  const filters = parseQueueFilters(query);
  const extra = {
    annotation: and(notReviewedBy(db, user.id, reviews.annotationId, annotations.id), ANNOTATION_NOT_ARCHIVED),
    link: and(notReviewedBy(db, user.id, reviews.linkId, links.id), LINK_NOT_ARCHIVED),
  };
  const page = await readPage(db, { db, projectId, exceptAuthor: user.id, filters }, `review-queue:${projectId}:${user.id}`, query, extra);
  const counts = await queueCounts(db, projectId, user.id, filters);
  return { ...page, groups: groupByArticle(page.items), left: counts.total, counts };
}

/** The live reviews of the given items, by item key ("annotation-1", "link-2"). */
async function liveReviews(db: Db, items: QueueItem[]): Promise<Map<string, QueueReview[]>> {
  const byKind = (kind: 'annotation' | 'link') => items.filter((i) => i.kind === kind).map((i) => i.id);
  const annotationIds = byKind('annotation');
  const linkIds = byKind('link');
  const result = new Map<string, QueueReview[]>();
  if (!items.length) return result;
  const rows = await all(db
    .select({ annotationId: reviews.annotationId, linkId: reviews.linkId, reviewerName: users.name, decision: reviews.decision, reason: reviews.reason })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(
      // Only the kinds on the page: `in (...) or 0` would make SQLite scan every review.
      and(isNull(reviews.supersededAt), or(annotationIds.length ? inArray(reviews.annotationId, annotationIds) : undefined, linkIds.length ? inArray(reviews.linkId, linkIds) : undefined)),
    )
    .orderBy(asc(reviews.id)));
  for (const r of rows) {
    const key = r.annotationId ? `annotation-${r.annotationId}` : `link-${r.linkId}`;
    result.set(key, [...(result.get(key) ?? []), { reviewerName: r.reviewerName, decision: r.decision, reason: r.reason }]);
  }
  return result;
}

/** Disputed items of others (the settle list's total): few, found by the (project, status) indexes. */
async function disputedTotal(db: Db, projectId: number, me: number): Promise<number> {
  const ofAnnotations = (await first(db
    .select({ n: count() })
    .from(annotations)
    .where(and(eq(annotations.projectId, projectId), eq(annotations.status, 'disputed'), isNull(annotations.deletedAt), ne(annotations.authorId, me), ANNOTATION_NOT_ARCHIVED))))!.n;
  const ofLinks = (await first(db
    .select({ n: count() })
    .from(links)
    .where(and(eq(links.projectId, projectId), eq(links.status, 'disputed'), isNull(links.deletedAt), ne(links.authorId, me), LINK_NOT_ARCHIVED))))!.n;
  return ofAnnotations + ofLinks;
}

/**
 * Disputed items a lead may settle (not their own), a page at a time in queue order, each
 * with its live reviews (who decided what, and why), and how many there are. Leads only.
 */
export async function disputedItems({ actor, projectId, query = {} }: { actor: Actor; projectId: number; query?: Pick<QueueQuery, 'cursor' | 'limit'> }): Promise<Page<QueueItem> & { total: number }> {
  const db = getDb();
  const { user } = await projectAccess(db, actor, projectId, 'review.settle');
  if (!user) throw forbidden('Settling is done by a person: the command-line operator cannot settle.');
  // Disputed items are few: annotations walk their partial index (the literal lets SQLite use
  // it), links are found by (project, status) and then sorted, rather than walking the project.
  const disputedLinks = db.select({ id: links.id }).from(links).where(and(eq(links.projectId, projectId), eq(links.status, 'disputed')));
  const extra = { annotation: and(sql`${annotations.status} = 'disputed'`, ANNOTATION_NOT_ARCHIVED), link: and(inArray(links.id, disputedLinks), LINK_NOT_ARCHIVED) };
  const page = await readPage(db, { db, projectId, exceptAuthor: user.id, filters: {} }, `disputed:${projectId}:${user.id}`, query, extra);
  const live = await liveReviews(db, page.items);
  const items = page.items.map((item) => ({ ...item, reviews: live.get(`${item.kind}-${item.id}`) ?? [] }));
  const total = await disputedTotal(db, projectId, user.id);
  return { items, nextCursor: page.nextCursor, total };
}
