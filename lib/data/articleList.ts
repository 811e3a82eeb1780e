/**
 * The articles list of a project, one keyset page at a time: search over title, outlet and
 * body (articles_fts), filters by outlet and date range, sorts by import order, date, outlet,
 * annotation count or unreviewed count, each either way. Counts come from article_stats,
 * which triggers keep in the transaction of every annotation write, so a page never counts
 * annotations. Every parameter is checked: unknown names or values are a 400.
 */
import { onPostgres } from '../db/engine';
import { and, count, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '../db/client';
import { articles, articleStats } from '../db/tables';
import type { Label } from '../domain';
import { badRequest } from '../errors';
import { choice, pageRequest, toPage, type CursorScope, type Page } from '../pagination/cursor';
import { typedQuery, typedTerms } from '../search/query';
import { projectAccess, type Actor } from './actor';
import { NOT_ARCHIVED } from './articleArchive';
import { after, orderBy, type SortKey } from './keyset';
import { all, first } from '../db/query';

export const ARTICLE_SORTS = [
  'imported', '-imported', 'date', '-date', 'outlet', '-outlet', 'annotations', '-annotations', 'unreviewed', '-unreviewed',
] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

/** The query parameters the list understands; anything else is refused. */
export const ARTICLE_LIST_PARAMS = ['cursor', 'limit', 'q', 'sort', 'outlet', 'from', 'to'] as const;
export type ArticleListQuery = Partial<Record<(typeof ARTICLE_LIST_PARAMS)[number], string | null>>;

export interface ArticleListItem {
  id: number;
  title: string;
  outlet: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  importedAt: Date;
  length: number;
  annotationCounts: Record<Label, number> & { total: number };
  /** Live annotations nobody has reviewed yet (status proposed). */
  unreviewed: number;
}

export interface ArticleListPage extends Page<ArticleListItem> {
  /** Articles matching the search and filters (all pages). */
  total: number;
  sort: ArticleSort;
}

const MAX_Q = 200;

const dateExpr = sql`coalesce(${articles.publishedAt}, '')`;
const outletExpr = sql`coalesce(${articles.outlet}, '')`;

function sortKeys(sort: ArticleSort): SortKey[] {
  const dir = sort.startsWith('-') ? 'desc' : 'asc';
  const name = sort.replace(/^-/, '');
  // The id (article_stats.article_id for the count sorts, so their index orders the page) breaks ties.
  if (name === 'date') return [{ expr: dateExpr, dir }, { expr: articles.id, dir }];
  if (name === 'outlet') return [{ expr: outletExpr, dir }, { expr: articles.id, dir }];
  if (name === 'annotations') return [{ expr: articleStats.annotationCount, dir }, { expr: articleStats.articleId, dir }];
  if (name === 'unreviewed') return [{ expr: articleStats.unreviewedCount, dir }, { expr: articleStats.articleId, dir }];
  return [{ expr: articles.id, dir }];
}

function isoDate(name: string, value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const real = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!real) throw badRequest(`${name} must be a date like 2025-04-25.`);
  return value;
}

export interface ParsedArticleQuery {
  sort: ArticleSort;
  q?: string;
  outlet?: string;
  from?: string;
  to?: string;
}

/** Checks the parameters of the list; a 400 naming the problem otherwise. */
export function parseArticleQuery(query: Record<string, string | null | undefined>): ParsedArticleQuery {
  const unknown = Object.keys(query).filter((key) => !(ARTICLE_LIST_PARAMS as readonly string[]).includes(key));
  if (unknown.length) throw badRequest(`Unknown parameter ${unknown.join(', ')}: the articles list takes ${ARTICLE_LIST_PARAMS.join(', ')}.`);
  const q = query.q?.trim() || undefined;
  if (q && q.length > MAX_Q) throw badRequest(`q must be at most ${MAX_Q} characters.`);
  const outlet = query.outlet?.trim() || undefined;
  if (outlet && outlet.length > 200) throw badRequest('outlet must be at most 200 characters.');
  const from = isoDate('from', query.from);
  const to = isoDate('to', query.to);
  if (from && to && from > to) throw badRequest('from must not be after to.');
  return { sort: choice('sort', query.sort, ARTICLE_SORTS, 'imported'), q, outlet, from, to };
}

/**
 * Articles whose title, outlet or body hold every typed word (the last as a prefix): FTS5's
 * articles_fts on SQLite; on PostgreSQL the GIN index over article_search_vector (both fold
 * case and diacritics: drizzle/pg/0011_article_search_unaccent.sql).
 */
function articleMatch(terms: string[], ftsMatch: string): SQL {
  if (!onPostgres()) return sql`${articles.id} in (select rowid from articles_fts where articles_fts match ${ftsMatch})`;
  // Each word quoted as a tsquery operand (a quote doubled, a backslash escaped).
  const operand = (term: string, prefix: boolean) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
  const query = terms.map((t, i) => operand(t, i === terms.length - 1)).join(' & ');
  return sql`article_search_vector(${articles.title}, ${articles.outlet}, ${articles.body}) @@ article_search_query(${query})`;
}

function filters(projectId: number, parsed: ParsedArticleQuery): SQL | undefined {
  const parts: Array<SQL | undefined> = [eq(articles.projectId, projectId), eq(articleStats.projectId, projectId), NOT_ARCHIVED];
  if (parsed.outlet) parts.push(eq(articles.outlet, parsed.outlet));
  if (parsed.from) parts.push(gte(articles.publishedAt, parsed.from));
  if (parsed.to) parts.push(lte(articles.publishedAt, parsed.to));
  if (parsed.q) {
    const match = typedQuery(typedTerms(parsed.q));
    // Punctuation alone has no word to look for: nothing matches it.
    parts.push(match ? articleMatch(typedTerms(parsed.q), match) : sql`false`);
  }
  return and(...parts);
}

/** The SQL of one page (exported for the query-plan test); callers check access first. */
export function articlePageQuery(db: Db, projectId: number, parsed: ParsedArticleQuery, afterKey: Parameters<typeof after>[1], limit: number) {
  const keys = sortKeys(parsed.sort);
  return db
    .select({
      id: articles.id,
      title: articles.title,
      outlet: articles.outlet,
      url: articles.url,
      author: articles.author,
      publishedAt: articles.publishedAt,
      importedAt: articles.importedAt,
      length: articleStats.bodyLength,
      total: articleStats.annotationCount,
      unreviewed: articleStats.unreviewedCount,
      claim: articleStats.claimCount,
      quote: articleStats.quoteCount,
      context: articleStats.contextCount,
      date: dateExpr.mapWith(String),
      outletKey: outletExpr.mapWith(String),
    })
    .from(articles)
    .innerJoin(articleStats, eq(articleStats.articleId, articles.id))
    .where(and(filters(projectId, parsed), after(keys, afterKey)))
    .orderBy(...orderBy(keys))
    .limit(limit + 1);
}

/** How many articles match (all pages); exported for the query-plan test. */
export function articleCountQuery(db: Db, projectId: number, parsed: ParsedArticleQuery) {
  return db.select({ n: count() }).from(articles).innerJoin(articleStats, eq(articleStats.articleId, articles.id)).where(filters(projectId, parsed));
}

type PageRow = ReturnType<ReturnType<typeof articlePageQuery>['all']>[number];

function keyOf(sort: ArticleSort, row: PageRow): Array<string | number> {
  const name = sort.replace(/^-/, '');
  if (name === 'date') return [row.date, row.id];
  if (name === 'outlet') return [row.outletKey, row.id];
  if (name === 'annotations') return [row.total, row.id];
  if (name === 'unreviewed') return [row.unreviewed, row.id];
  return [row.id];
}

function toItem(row: PageRow): ArticleListItem {
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    url: row.url,
    author: row.author,
    publishedAt: row.publishedAt,
    importedAt: row.importedAt,
    length: row.length,
    annotationCounts: { claim: row.claim, quote: row.quote, context: row.context, total: row.total },
    unreviewed: row.unreviewed,
  };
}

/**
 * One page of a project's articles (members). `query` holds the raw parameters
 * (cursor, limit, q, sort, outlet, from, to); a cursor only works with the query that made it.
 */
export async function listArticlesPage({ actor, projectId, query }: { actor: Actor; projectId: number; query: ArticleListQuery }): Promise<ArticleListPage> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  const parsed = parseArticleQuery(query);
  const scope: CursorScope = { list: `articles:${projectId}`, query: { q: parsed.q, sort: parsed.sort, outlet: parsed.outlet, from: parsed.from, to: parsed.to } };
  const keyLength = sortKeys(parsed.sort).length;
  const request = pageRequest(scope, { cursor: query.cursor, limit: query.limit }, keyLength);
  const rows = await all(articlePageQuery(db, projectId, parsed, request.after, request.limit));
  const total = (await first(articleCountQuery(db, projectId, parsed)))!.n;
  return { ...toPage(scope, rows, request.limit, (row) => keyOf(parsed.sort, row), toItem), total, sort: parsed.sort };
}

/** The outlets of a project's articles, for the outlet filter (members). */
export async function listArticleOutlets({ actor, projectId }: { actor: Actor; projectId: number }): Promise<string[]> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  // Distinct values of the outlet sort index: read from the index alone.
  return (await all(db
    .selectDistinct({ outlet: outletExpr.mapWith(String) })
    .from(articles)
    .where(and(eq(articles.projectId, projectId), NOT_ARCHIVED))
    .orderBy(outletExpr)
    .limit(500)))
    .map((r) => r.outlet)
    .filter((outlet) => outlet !== '');
}

/**
 * How many live articles a project has and how many annotations they hold (members), for the
 * projects page: two sums over the article_stats counters, not a list of every article.
 */
export async function projectArticleTotals({ actor, projectId }: { actor: Actor; projectId: number }): Promise<{ articles: number; annotations: number }> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  const row = (await first(db
    .select({ articles: count(), annotations: sql<number>`coalesce(sum(${articleStats.annotationCount}), 0)` })
    .from(articles)
    .innerJoin(articleStats, eq(articleStats.articleId, articles.id))
    .where(and(eq(articles.projectId, projectId), NOT_ARCHIVED))))!;
  return { articles: row.articles, annotations: Number(row.annotations) };
}
