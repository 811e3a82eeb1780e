/**
 * The review queue's filters and their counts ("claim 120 · quote 40"). The queue's cube over
 * (article, label, author) is counters kept by triggers less the reviewer's own reviews (see
 * cube()); every facet is then counted with the other filters applied but not its own, so a
 * reviewer can switch from one outlet to another without clearing first. Only titles and outlets of the counted articles are read, never bodies.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
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

/**
 * The queue's cube over (article, label, author) as SQL: the live items of others
 * (queue_tallies, kept by triggers) less the ones `me` has a live review of (negative rows).
 * Both parts are a few thousand rows at a desk's size, so no page load probes the reviews of
 * every annotation.
 */
function cubeSql(projectId: number, me: number): SQL {
  const first = alias(annotations, 'from_annotation');
  return sql`
    select ${queueTallies.articleId} as article_id, ${queueTallies.label} as label, ${queueTallies.authorId} as author_id, ${queueTallies.n} as n
      from ${queueTallies} where ${queueTallies.projectId} = ${projectId} and ${queueTallies.authorId} <> ${me} and ${queueTallies.n} > 0
    union all
    select ${annotations.articleId}, ${annotations.label}, ${annotations.authorId}, -count(distinct ${annotations.id})
      from ${reviews} join ${annotations} on ${annotations.id} = ${reviews.annotationId}
      where ${reviews.projectId} = ${projectId} and ${reviews.reviewerId} = ${me} and ${reviews.supersededAt} is null and ${annotations.deletedAt} is null and ${annotations.authorId} <> ${me}
      group by 1, 2, 3
    union all
    select ${first.articleId}, 'link', ${links.authorId}, -count(distinct ${links.id})
      from ${reviews} join ${links} on ${links.id} = ${reviews.linkId} join ${annotations} ${first} on ${first.id} = ${links.fromAnnotationId}
      where ${reviews.projectId} = ${projectId} and ${reviews.reviewerId} = ${me} and ${reviews.supersededAt} is null and ${links.deletedAt} is null and ${links.authorId} <> ${me}
      group by 1, 3
    union all
    -- A link into an archived article is out of the queue too, though the tally counts it at its
    -- first end: found from the (few) archived articles, less those already taken off above.
    select fa.article_id, 'link', l.author_id, -count(*)
      from articles tr join annotations ta on ta.article_id = tr.id join links l on l.to_annotation_id = ta.id join annotations fa on fa.id = l.from_annotation_id
      where tr.project_id = ${projectId} and tr.archived_at is not null and l.deleted_at is null and l.author_id <> ${me}
        and not exists (select 1 from reviews r where r.link_id = l.id and r.reviewer_id = ${me} and r.superseded_at is null)
      group by 1, 2, 3`;
}

type Facet = 'label' | 'author' | 'outlet' | 'article';

const outletSql = sql`coalesce(nullif(${articles.outlet}, ''), ${NO_OUTLET})`;

/** The filters as SQL over the cube `c`, leaving out `skip`'s own; an outlet is a set of article ids. */
function where(projectId: number, filters: QueueFilters, skip: Facet): SQL {
  // Archived articles are out of the queue (lib/data/articleArchive.ts): a handful of ids, read once.
  const parts: SQL[] = [sql`c.article_id not in (select ${articles.id} from ${articles} where ${articles.projectId} = ${projectId} and ${articles.archivedAt} is not null)`];
  if (skip !== 'label' && filters.label) parts.push(sql`c.label = ${filters.label}`);
  if (skip !== 'author' && filters.authorId) parts.push(sql`c.author_id = ${filters.authorId}`);
  if (skip !== 'article' && filters.articleId) parts.push(sql`c.article_id = ${filters.articleId}`);
  if (skip !== 'outlet' && filters.outlet !== undefined) {
    parts.push(sql`c.article_id in (select ${articles.id} from ${articles} where ${articles.projectId} = ${projectId} and ${outletSql} = ${filters.outlet})`);
  }
  return sql.join(parts, sql` and `);
}

/**
 * The queue's total and its counts per filter value: one statement, the cube materialized
 * once and summed per facet under the other filters. Outlets are summed per article first, so
 * only those articles are looked up; only the shown articles' titles are read.
 */
export function queueCounts(db: Db, projectId: number, me: number, filters: QueueFilters): QueueCounts {
  const facet = (name: Facet, value: SQL) => sql`select ${name} as facet, ${value} as value, sum(c.n) as n from cube c where ${where(projectId, filters, name)} group by 2 having sum(c.n) > 0`;
  const perArticle = sql`select c.article_id, sum(c.n) as n from cube c where ${where(projectId, filters, 'outlet')} group by 1`;
  const outlets = sql`select 'outlet', ${outletSql}, sum(pa.n) from (${perArticle}) pa join ${articles} on ${articles.id} = pa.article_id group by 2 having sum(pa.n) > 0`;
  // The articles with most items, and the chosen one wherever it ranks.
  const topArticles = sql`select * from (${facet('article', sql`c.article_id`)} order by n desc, value limit ${ARTICLE_FACET_LIMIT})`;
  const chosenArticle = filters.articleId ? sql` union all select * from (${facet('article', sql`c.article_id`)} and value = ${filters.articleId})` : sql``;
  const rows = db.all<{ facet: Facet; value: string | number; n: number }>(sql`
    with cube as materialized (${cubeSql(projectId, me)})
    ${facet('label', sql`c.label`)}
    union all ${facet('author', sql`c.author_id`)}
    union all ${outlets}
    union all ${topArticles}${chosenArticle}`);
  const of = (name: Facet) => rows.filter((r) => r.facet === name);
  const articleIds = [...new Set(of('article').map((r) => Number(r.value)))];
  const titles = new Map((articleIds.length ? db.select({ id: articles.id, title: articles.title }).from(articles).where(inArray(articles.id, articleIds)).all() : []).map((a) => [a.id, a.title]));
  const authorIds = of('author').map((r) => Number(r.value));
  const authorNames = new Map((authorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds)).all() : []).map((u) => [u.id, u.name]));

  const counted = (name: Facet, nameOf: (value: string) => string): FacetCount[] => {
    const seen = new Map(of(name).map((r) => [String(r.value), { value: String(r.value), name: nameOf(String(r.value)), count: r.n }]));
    return [...seen.values()];
  };
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.name.localeCompare(b.name);
  const label = counted('label', (v) => v).sort((a, b) => QUEUE_LABELS.indexOf(a.value as QueueLabel) - QUEUE_LABELS.indexOf(b.value as QueueLabel));
  const author = counted('author', (v) => authorNames.get(Number(v)) ?? 'Unknown').sort(byCount);
  const outlet = counted('outlet', (v) => (v === NO_OUTLET ? 'No outlet' : v)).sort(byCount);
  const article = counted('article', (v) => titles.get(Number(v)) || 'Untitled article').sort(byCount);
  // The label facet is counted under every other filter: its own value's count is the total.
  const total = label.reduce((n, f) => n + (!filters.label || f.value === filters.label ? f.count : 0), 0);
  return { total, label, author, outlet, article };
}


