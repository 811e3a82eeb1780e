/**
 * The review queue's filters and their counts ("claim 120 · quote 40"), at a cost that does
 * not grow with the project. Every count is kept by triggers (drizzle/0015, 0017, 0020): what
 * is live per (outlet, label, author) and per article, and what each reviewer has a live
 * review of, per (outlet, label, author) and per article. The queue is the first less the
 * reviewer's own items, less what they reviewed, less archived articles (few, read by their
 * partial index). The article filter lists the articles with most items left: it walks the
 * articles from the largest down and stops once no smaller one can reach the list. Every facet
 * is counted with the other filters applied but not its own, so a reviewer can switch from
 * one outlet to another without clearing first. Only titles of the shown articles are read.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { articles, queueArticleSizes, queueOutletTallies, queueReviewedOutletTallies, queueReviewedTallies, queueTallies, users } from '../db/tables';
import { badRequest } from '../errors';
import { choice } from '../pagination/cursor';
import { all, sqlAll } from '../db/query';
import { indexedBy } from '../db/dialect';
import { onPostgres } from '../db/engine';

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

const outletOf = (column: SQL | typeof articles.outlet) => sql`coalesce(nullif(${column}, ''), ${NO_OUTLET})`;
/** The project's archived articles (few; their partial index), with their outlets. */
const archivedSql = (projectId: number) =>
  sql`select ${articles.id} as id, ${outletOf(articles.outlet)} as outlet from ${articles} ${indexedBy('articles_archived_idx')} where ${articles.projectId} = ${projectId} and ${articles.archivedAt} is not null`;

/**
 * A join whose left side SQLite must read first: its `cross join` keeps the order written (the
 * few archived articles, then their rows by index). PostgreSQL has no `cross join ... on` and
 * plans the order itself; a plain join gives the same rows.
 */
const fixedJoin = () => sql.raw(onPostgres() ? 'join' : 'cross join');

/** A signed number of queue items: counted (+) or left out (-). */
interface Part {
  articleId: number | null;
  outlet: string;
  label: QueueLabel;
  authorId: number;
  n: number;
}

/**
 * Links into an archived article leave the queue at their other end too; the counters count
 * them there. These are the ones not already taken off as reviewed by `me`, in live articles.
 */
async function linksIntoArchived(db: Db, projectId: number, me: number): Promise<Part[]> {
  return await sqlAll<Part>(db, sql`
    select fa.article_id as "articleId", ${outletOf(sql`ar.outlet`)} as outlet, 'link' as label, l.author_id as "authorId", -count(*) as n
      from (${archivedSql(projectId)}) tr ${fixedJoin()} annotations ta on ta.article_id = tr.id join links l on l.to_annotation_id = ta.id
        join annotations fa on fa.id = l.from_annotation_id join articles ar on ar.id = fa.article_id
      where l.deleted_at is null and l.author_id <> ${me} and ar.archived_at is null
        and not exists (select 1 from reviews r where r.link_id = l.id and r.reviewer_id = ${me} and r.superseded_at is null)
      group by 1, 2, 4`);
}

/**
 * The items left per (outlet, label, author), as signed parts: the live counters less what
 * `me` reviewed, each less its archived articles' rows; for the article filter, that
 * article's rows only.
 */
async function coarseParts(db: Db, projectId: number, me: number, articleId: number | undefined): Promise<Part[]> {
  if (articleId) {
    return await sqlAll<Part>(db, sql`
      select t.article_id as "articleId", ${outletOf(articles.outlet)} as outlet, t.label, t.author_id as "authorId", t.n
        from ${queueTallies} t join ${articles} on ${articles.id} = t.article_id
        where t.project_id = ${projectId} and t.article_id = ${articleId} and t.author_id <> ${me} and t.n > 0 and ${articles.archivedAt} is null
      union all
      select t.article_id, ${outletOf(articles.outlet)}, t.label, t.author_id, -t.n
        from ${queueReviewedTallies} t join ${articles} on ${articles.id} = t.article_id
        where t.project_id = ${projectId} and t.reviewer_id = ${me} and t.article_id = ${articleId} and t.n <> 0 and ${articles.archivedAt} is null`);
  }
  return await sqlAll<Part>(db, sql`
    select cast(null as integer) as "articleId", o.outlet, o.label, o.author_id as "authorId", o.n from ${queueOutletTallies} o where o.project_id = ${projectId} and o.author_id <> ${me} and o.n > 0
    union all
    select null, o.outlet, o.label, o.author_id, -o.n from ${queueReviewedOutletTallies} o where o.project_id = ${projectId} and o.reviewer_id = ${me} and o.n <> 0
    union all
    select ar.id, ar.outlet, t.label, t.author_id, -t.n from (${archivedSql(projectId)}) ar ${fixedJoin()} ${queueTallies} t on t.project_id = ${projectId} and t.article_id = ar.id
      where t.author_id <> ${me} and t.n > 0
    union all
    select ar.id, ar.outlet, t.label, t.author_id, t.n from (${archivedSql(projectId)}) ar ${fixedJoin()} ${queueReviewedTallies} t on t.project_id = ${projectId} and t.reviewer_id = ${me} and t.article_id = ar.id
      where t.n <> 0`);
}

type Facet = 'label' | 'author' | 'outlet' | 'article';

/** Whether a part counts under the filters, leaving out `skip`'s own (the article filter is in the parts already). */
function matches(part: Part, filters: QueueFilters, skip: Facet): boolean {
  return (
    (skip === 'label' || !filters.label || part.label === filters.label) &&
    (skip === 'author' || !filters.authorId || part.authorId === filters.authorId) &&
    (skip === 'outlet' || filters.outlet === undefined || part.outlet === filters.outlet)
  );
}

/** Sums the parts per value, keeping the values with items left. */
function tally(parts: Part[], valueOf: (part: Part) => string | number): Map<string | number, number> {
  const sums = new Map<string | number, number>();
  for (const part of parts) sums.set(valueOf(part), (sums.get(valueOf(part)) ?? 0) + part.n);
  for (const [value, n] of sums) if (n <= 0) sums.delete(value);
  return sums;
}

/** The article facet's filters (all but its own) as conditions on counter rows `t`. */
function facetConditions(projectId: number, filters: QueueFilters): SQL {
  const parts = [sql`t.article_id not in (select archived.id from (${archivedSql(projectId)}) archived)`];
  if (filters.label) parts.push(sql`t.label = ${filters.label}`);
  if (filters.authorId) parts.push(sql`t.author_id = ${filters.authorId}`);
  // One lookup per counter row: the rows read are already few (some articles', or one author's).
  if (filters.outlet !== undefined) parts.push(sql`exists (select 1 from ${articles} where ${articles.id} = t.article_id and ${outletOf(articles.outlet)} = ${filters.outlet})`);
  return sql.join(parts, sql` and `);
}

/** Items left for `me` in each of `articleIds` under the article facet's filters (articles with none are absent). */
async function leftInArticles(db: Db, projectId: number, me: number, filters: QueueFilters, articleIds: number[], lost: Part[]): Promise<Map<number, number>> {
  if (!articleIds.length || filters.authorId === me) return new Map();
  const where = facetConditions(projectId, filters);
  const ids = sql.join(articleIds.map((id) => sql`${id}`), sql`, `);
  const rows = await sqlAll<{ articleId: number; n: number }>(db, sql`
    select article_id as "articleId", sum(n) as n from (
      select t.article_id, t.n from ${queueTallies} t where t.project_id = ${projectId} and t.article_id in (${ids}) and t.author_id <> ${me} and ${where}
      union all
      select t.article_id, -t.n from ${queueReviewedTallies} t where t.project_id = ${projectId} and t.reviewer_id = ${me} and t.article_id in (${ids}) and ${where}) parts
    group by 1`);
  const left = new Map(rows.map((r) => [r.articleId, r.n]));
  const wanted = new Set(articleIds);
  for (const part of lost) {
    if (part.articleId !== null && wanted.has(part.articleId) && matches(part, filters, 'article')) left.set(part.articleId, (left.get(part.articleId) ?? 0) + part.n);
  }
  for (const [id, n] of left) if (n <= 0) left.delete(id);
  return left;
}

const byLeft = (a: [number, number], b: [number, number]) => b[1] - a[1] || a[0] - b[0];

/** One author's items per article: that author's counters and my reviews of them (both by author), less the links lost to archived articles. */
async function topArticlesOfAuthor(db: Db, projectId: number, me: number, filters: QueueFilters & { authorId: number }, lost: Part[]): Promise<Array<[number, number]>> {
  if (filters.authorId === me) return []; // my own items are never in my queue
  const where = facetConditions(projectId, filters);
  const rows = await sqlAll<{ articleId: number; n: number }>(db, sql`
    select article_id as "articleId", sum(n) as n from (
      select t.article_id, t.n from ${queueTallies} t ${indexedBy('queue_tallies_author_idx')} where t.project_id = ${projectId} and t.author_id = ${filters.authorId} and ${where}
      union all
      select t.article_id, -t.n from ${queueReviewedTallies} t ${indexedBy('queue_reviewed_tallies_author_idx')} where t.project_id = ${projectId} and t.reviewer_id = ${me} and t.author_id = ${filters.authorId} and ${where}) parts
    group by 1`);
  const left = new Map(rows.map((r) => [r.articleId, r.n]));
  for (const part of lost) if (part.articleId !== null && left.has(part.articleId) && matches(part, filters, 'article')) left.set(part.articleId, left.get(part.articleId)! + part.n);
  return [...left].filter(([, n]) => n > 0).sort(byLeft).slice(0, ARTICLE_FACET_LIMIT);
}

/** Articles read per step of the largest-first walk. */
const WALK_BATCH = 64;

/**
 * The articles with most items left for `me`, most first (ties by id), without counting every
 * article: articles are read largest first (queue_article_sizes), and what is left for me in
 * an article is never more than its size, so once the list is full and the next article is
 * smaller than the list's last count, no later one can enter it. A queue nearly done never
 * fills the list: the walk also stops once it has found all `left` items.
 */
async function topArticles(db: Db, projectId: number, me: number, filters: QueueFilters, lost: Part[], left: number): Promise<Array<[number, number]>> {
  if (filters.authorId) return await topArticlesOfAuthor(db, projectId, me, { ...filters, authorId: filters.authorId }, lost);
  const best: Array<[number, number]> = [];
  let after: { n: number; id: number } | null = null;
  // Items found so far: once they are all that is left (`left`), no other article has any.
  let found = 0;
  for (;;) {
    const batch: Array<{ id: number; n: number }> = await sqlAll<{ id: number; n: number }>(db, sql`
      select s.article_id as id, s.n from ${queueArticleSizes} s
        where s.project_id = ${projectId} and s.label = ${filters.label ?? '*'}${filters.outlet !== undefined ? sql` and s.outlet = ${filters.outlet}` : sql``} and s.n > 0
          ${after ? sql`and (s.n, s.article_id) < (${after.n}, ${after.id})` : sql``}
        order by s.n desc, s.article_id desc limit ${WALK_BATCH}`);
    for (const entry of await leftInArticles(db, projectId, me, filters, batch.map((b) => b.id), lost)) {
      best.push(entry);
      found += entry[1];
    }
    best.sort(byLeft).splice(ARTICLE_FACET_LIMIT);
    if (batch.length < WALK_BATCH || found >= left) return best;
    const last = batch[batch.length - 1];
    if (best.length === ARTICLE_FACET_LIMIT && last.n < best[best.length - 1][1]) return best;
    after = last;
  }
}

/**
 * The queue's total and its counts per filter value: the label, author and outlet counts from
 * the per-outlet counters, the articles with most items from the largest-first walk, the
 * chosen article wherever it ranks. Only the shown articles' titles are read.
 */
export async function queueCounts(db: Db, projectId: number, me: number, filters: QueueFilters): Promise<QueueCounts> {
  const lost = await linksIntoArchived(db, projectId, me);
  const parts = [...await coarseParts(db, projectId, me, filters.articleId), ...lost.filter((p) => !filters.articleId || p.articleId === filters.articleId)];
  const facet = (name: Exclude<Facet, 'article'>, valueOf: (part: Part) => string | number) => tally(parts.filter((p) => matches(p, filters, name)), valueOf);
  const labels = facet('label', (p) => p.label);
  const authors = facet('author', (p) => p.authorId);
  const outlets = facet('outlet', (p) => p.outlet);
  // What is left under every filter but the article's: the walk stops once it has found it all.
  const outsideArticle = filters.articleId ? [...await coarseParts(db, projectId, me, undefined), ...lost] : parts;
  const left = outsideArticle.reduce((n, p) => n + (matches(p, filters, 'article') ? p.n : 0), 0);
  const articleCounts = new Map(await topArticles(db, projectId, me, filters, lost, left));
  if (filters.articleId && !articleCounts.has(filters.articleId)) {
    for (const [id, n] of await leftInArticles(db, projectId, me, filters, [filters.articleId], lost)) articleCounts.set(id, n);
  }

  const articleIds = [...articleCounts.keys()];
  const titles = new Map((articleIds.length ? await all(db.select({ id: articles.id, title: articles.title }).from(articles).where(inArray(articles.id, articleIds))) : []).map((a) => [a.id, a.title]));
  const authorIds = [...authors.keys()].map(Number);
  const authorNames = new Map((authorIds.length ? await all(db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds))) : []).map((u) => [u.id, u.name]));

  const counted = (sums: Map<string | number, number>, nameOf: (value: string) => string): FacetCount[] =>
    [...sums].map(([value, count]) => ({ value: String(value), name: nameOf(String(value)), count }));
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.name.localeCompare(b.name);
  const label = counted(labels, (v) => v).sort((a, b) => QUEUE_LABELS.indexOf(a.value as QueueLabel) - QUEUE_LABELS.indexOf(b.value as QueueLabel));
  const author = counted(authors, (v) => authorNames.get(Number(v)) ?? 'Unknown').sort(byCount);
  const outlet = counted(outlets, (v) => (v === NO_OUTLET ? 'No outlet' : v)).sort(byCount);
  const article = counted(articleCounts, (v) => titles.get(Number(v)) || 'Untitled article').sort(byCount);
  // The label facet is counted under every other filter: its own value's count is the total.
  const total = label.reduce((n, f) => n + (!filters.label || f.value === filters.label ? f.count : 0), 0);
  return { total, label, author, outlet, article };
}
