/**
 * The review queue's filters and their counts ("claim 120 · quote 40"). The queue's cube over
 * (article, label, author) is counters kept by triggers less the reviewer's own reviews (see
 * cube()); every facet is then counted with the other filters applied but not its own, so a
 * reviewer can switch from one outlet to another without clearing first. Only titles and outlets of the counted articles are read, never bodies.
 */
import { and, count, countDistinct, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import { annotations, articles, links, queueTallies, reviews, users } from '../db/schema';
import { badRequest } from '../errors';
import { choice } from '../pagination/cursor';

export const QUEUE_LABELS = ['claim', 'quote', 'context', 'link'] as const;
export type QueueLabel = (typeof QUEUE_LABELS)[number];
/** Articles listed in the article filter (the ones with most items; the chosen one always). */
export const ARTICLE_FACET_LIMIT = 50;
/** The outlet filter's value for articles without an outlet. */
export const NO_OUTLET = '-';

export interface QueueFilters {
  label?: QueueLabel;
  authorId?: number;
  articleId?: number;
  outlet?: string;
}

export interface FacetCount {
  value: string;
  name: string;
  count: number;
}

export interface QueueCounts {
  /** Items left under all the filters. */
  total: number;
  label: FacetCount[];
  author: FacetCount[];
  outlet: FacetCount[];
  article: FacetCount[];
}

function idParam(name: string, value: string | null | undefined): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!/^[1-9]\d{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) throw badRequest(`${name} must be the id of a ${name} (a whole number).`);
  return Number(value);
}

/** Reads the filters from query values: a 400 naming the problem for anything else. */
export function parseQueueFilters(query: { label?: string | null; author?: string | null; article?: string | null; outlet?: string | null }): QueueFilters {
  const filters: QueueFilters = {};
  if (query.label) filters.label = choice('label', query.label, QUEUE_LABELS, 'claim');
  const authorId = idParam('author', query.author);
  if (authorId) filters.authorId = authorId;
  const articleId = idParam('article', query.article);
  if (articleId) filters.articleId = articleId;
  if (query.outlet !== undefined && query.outlet !== null && query.outlet !== '') {
    if (query.outlet.length > 200) throw badRequest('outlet is at most 200 characters.');
    filters.outlet = query.outlet;
  }
  return filters;
}

interface CubeRow {
  articleId: number;
  label: QueueLabel;
  authorId: number;
  n: number;
}

/**
 * The queue's cube over (article, label, author): the live items of others (queue_tallies,
 * kept by triggers) minus the ones `me` has a live review of. Both parts are a few thousand
 * rows at a desk's size, so no page load probes the reviews of every annotation.
 */
function cube(db: Db, projectId: number, me: number): CubeRow[] {
  const live = db
    .select({ articleId: queueTallies.articleId, label: queueTallies.label, authorId: queueTallies.authorId, n: queueTallies.n })
    .from(queueTallies)
    .where(and(eq(queueTallies.projectId, projectId), ne(queueTallies.authorId, me), gt(queueTallies.n, 0)))
    .all();
  const mine = and(eq(reviews.projectId, projectId), eq(reviews.reviewerId, me), isNull(reviews.supersededAt));
  const reviewedAnnotations = db
    .select({ articleId: annotations.articleId, label: annotations.label, authorId: annotations.authorId, n: countDistinct(annotations.id) })
    .from(reviews)
    .innerJoin(annotations, eq(annotations.id, reviews.annotationId))
    .where(and(mine, isNull(annotations.deletedAt), ne(annotations.authorId, me)))
    .groupBy(annotations.articleId, annotations.label, annotations.authorId)
    .all();
  const first = alias(annotations, 'from_annotation');
  const reviewedLinks = db
    .select({ articleId: first.articleId, authorId: links.authorId, n: countDistinct(links.id) })
    .from(reviews)
    .innerJoin(links, eq(links.id, reviews.linkId))
    .innerJoin(first, eq(first.id, links.fromAnnotationId))
    .where(and(mine, isNull(links.deletedAt), ne(links.authorId, me)))
    .groupBy(first.articleId, links.authorId)
    .all();
  const key = (r: Omit<CubeRow, 'n'>) => `${r.articleId} ${r.label} ${r.authorId}`;
  const reviewed = new Map([...reviewedAnnotations, ...reviewedLinks.map((r) => ({ ...r, label: 'link' as const }))].map((r) => [key(r), r.n]));
  return live.map((r) => ({ ...r, n: r.n - (reviewed.get(key(r)) ?? 0) })).filter((r) => r.n > 0);
}

/** Disputed items of others (the settle list's total): few, found by the (project, status) indexes. */
export function disputedTotal(db: Db, projectId: number, me: number): number {
  const ofAnnotations = db
    .select({ n: count() })
    .from(annotations)
    .where(and(eq(annotations.projectId, projectId), eq(annotations.status, 'disputed'), isNull(annotations.deletedAt), ne(annotations.authorId, me)))
    .get()!.n;
  const ofLinks = db
    .select({ n: count() })
    .from(links)
    .where(and(eq(links.projectId, projectId), eq(links.status, 'disputed'), isNull(links.deletedAt), ne(links.authorId, me)))
    .get()!.n;
  return ofAnnotations + ofLinks;
}

type Facet = 'label' | 'author' | 'outlet' | 'article';

/** The queue's total and its counts per filter value. */
export function queueCounts(db: Db, projectId: number, me: number, filters: QueueFilters): QueueCounts {
  const rows = cube(db, projectId, me);
  const articleIds = [...new Set(rows.map((r) => r.articleId))];
  const articleInfo = new Map(
    (articleIds.length ? db.select({ id: articles.id, title: articles.title, outlet: articles.outlet }).from(articles).where(inArray(articles.id, articleIds)).all() : []).map((a) => [a.id, a]),
  );
  const authorIds = [...new Set(rows.map((r) => r.authorId))];
  const authorNames = new Map((authorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds)).all() : []).map((u) => [u.id, u.name]));
  const outletOf = (articleId: number) => articleInfo.get(articleId)?.outlet || NO_OUTLET;

  const matches = (r: CubeRow, skip?: Facet) =>
    (skip === 'label' || !filters.label || r.label === filters.label) &&
    (skip === 'author' || !filters.authorId || r.authorId === filters.authorId) &&
    (skip === 'article' || !filters.articleId || r.articleId === filters.articleId) &&
    (skip === 'outlet' || filters.outlet === undefined || outletOf(r.articleId) === filters.outlet);

  const tally = (facet: Facet, valueOf: (r: CubeRow) => string | number, nameOf: (value: string) => string): FacetCount[] => {
    const sums = new Map<string, number>();
    for (const r of rows) if (matches(r, facet)) sums.set(String(valueOf(r)), (sums.get(String(valueOf(r))) ?? 0) + r.n);
    return [...sums].map(([value, n]) => ({ value, name: nameOf(value), count: n }));
  };
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.name.localeCompare(b.name);

  const label = tally('label', (r) => r.label, (v) => v).sort((a, b) => QUEUE_LABELS.indexOf(a.value as QueueLabel) - QUEUE_LABELS.indexOf(b.value as QueueLabel));
  const author = tally('author', (r) => r.authorId, (v) => authorNames.get(Number(v)) ?? 'Unknown').sort(byCount);
  const outlet = tally('outlet', (r) => outletOf(r.articleId), (v) => (v === NO_OUTLET ? 'No outlet' : v)).sort(byCount);
  const allArticles = tally('article', (r) => r.articleId, (v) => articleInfo.get(Number(v))?.title || 'Untitled article').sort(byCount);
  const article = allArticles.slice(0, ARTICLE_FACET_LIMIT);
  const chosen = allArticles.find((a) => Number(a.value) === filters.articleId);
  if (chosen && !article.includes(chosen)) article.push(chosen);
  const total = rows.reduce((n, r) => n + (matches(r) ? r.n : 0), 0);
  return { total, label, author, outlet, article };
}

