/**
 * The review queue's counts as lib/data/reviewQueueCounts.ts computed them before migration
 * 0020: from the reviewer's live reviews joined one by one (O(their reviews)) and every
 * article's counters (O(articles)). Kept as the oracle the bounded version is compared with.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { articles, queueArticleTallies, queueOutletTallies, queueTallies, users } from '@/lib/db/tables';
import { ARTICLE_FACET_LIMIT, NO_OUTLET, QUEUE_LABELS, type FacetCount, type QueueCounts, type QueueFilters, type QueueLabel } from '@/lib/data/reviewQueueCounts';
import { all, sqlAll } from '@/lib/db/query';
import { indexedBy } from '@/lib/db/dialect';
import { onPostgres } from '@/lib/db/engine';

const outletOf = (column: SQL | typeof articles.outlet) => sql`coalesce(nullif(${column}, ''), ${NO_OUTLET})`;
const outletSql = outletOf(articles.outlet);
const archivedIds = (projectId: number) => sql`(select ${articles.id} from ${articles} ${indexedBy('articles_archived_idx')} where ${articles.projectId} = ${projectId} and ${articles.archivedAt} is not null)`;

/**
 * What the counters count but the queue leaves out, as negative rows per (article, outlet,
 * label, author), in live articles: the items `me` has a live review of (read from the
 * reviewer's live reviews, a partial index), and links into an archived article (the counters
 * count them at their first end), less those already taken off as reviewed.
 */
function correctionsSql(projectId: number, me: number): SQL {
  return sql`
    select a.article_id, ${outletOf(sql`ar.outlet`)} as outlet, a.label, a.author_id, -count(distinct a.id) as n
      from reviews r ${indexedBy('reviews_live_reviewer_idx')} join annotations a on a.id = r.annotation_id join articles ar on ar.id = a.article_id
      where r.project_id = ${projectId} and r.reviewer_id = ${me} and r.superseded_at is null and a.deleted_at is null and a.author_id <> ${me}
      group by 1, 2, 3, 4
    union all
    select fa.article_id, ${outletOf(sql`ar.outlet`)}, 'link', l.author_id, -count(distinct l.id)
      from reviews r ${indexedBy('reviews_live_reviewer_idx')} join links l on l.id = r.link_id join annotations fa on fa.id = l.from_annotation_id join articles ar on ar.id = fa.article_id
      where r.project_id = ${projectId} and r.reviewer_id = ${me} and r.superseded_at is null and l.deleted_at is null and l.author_id <> ${me}
      group by 1, 2, 4
    union all
    select fa.article_id, ${outletOf(sql`ar.outlet`)}, 'link', l.author_id, -count(*)
      from articles tr join annotations ta on ta.article_id = tr.id join links l on l.to_annotation_id = ta.id
        join annotations fa on fa.id = l.from_annotation_id join articles ar on ar.id = fa.article_id
      where tr.project_id = ${projectId} and tr.archived_at is not null and l.deleted_at is null and l.author_id <> ${me}
        and not exists (select 1 from reviews r where r.link_id = l.id and r.reviewer_id = ${me} and r.superseded_at is null)
      group by 1, 2, 4`;
}

/**
 * The items left per (outlet, label, author) for the label, author and outlet counts: the
 * outlet counters (a few hundred rows) less the archived articles' items and the corrections;
 * for one article (the article filter), that article's counters instead.
 */
function coarseSql(projectId: number, me: number, articleId: number | undefined): SQL {
  const fixes = sql`select outlet, label, author_id, n from fix where article_id not in ${archivedIds(projectId)}${articleId ? sql` and article_id = ${articleId}` : sql``}`;
  if (articleId) {
    return sql`
      select ${outletSql} as outlet, t.label, t.author_id, t.n from ${queueTallies} t join ${articles} on ${articles.id} = t.article_id
        where t.project_id = ${projectId} and t.article_id = ${articleId} and t.author_id <> ${me} and t.n > 0 and ${articles.archivedAt} is null
      union all ${fixes}`;
  }
  return sql`
    select o.outlet, o.label, o.author_id, o.n from ${queueOutletTallies} o where o.project_id = ${projectId} and o.author_id <> ${me} and o.n > 0
    union all
    select ${outletSql}, t.label, t.author_id, -t.n from ${articles} ${indexedBy('articles_archived_idx')} ${sql.raw(onPostgres() ? 'join' : 'cross join')} ${queueTallies} t on t.project_id = ${projectId} and t.article_id = ${articles.id}
      where ${articles.projectId} = ${projectId} and ${articles.archivedAt} is not null and t.author_id <> ${me} and t.n > 0
    union all ${fixes}`;
}

/** The outlet filter as a condition on an article id (the (project, outlet) index). */
function inOutlet(projectId: number, column: SQL, outlet: string): SQL {
  const match = outlet === NO_OUTLET ? sql`coalesce(${articles.outlet}, '') = ''` : sql`coalesce(${articles.outlet}, '') = ${outlet}`;
  return sql`${column} in (select ${articles.id} from ${articles} where ${articles.projectId} = ${projectId} and ${match})`;
}

/**
 * The items left per article under the label, author and outlet filters, for the article
 * counts: one author's counters (their index), or the per-article counters less my own items.
 */
function fineSql(projectId: number, me: number, filters: QueueFilters): SQL {
  const cond = (alias: string) => {
    const article = sql.raw(`${alias}.article_id`);
    const parts = [sql`${article} not in ${archivedIds(projectId)}`];
    if (filters.label) parts.push(sql`${sql.raw(alias)}.label = ${filters.label}`);
    if (filters.outlet !== undefined) parts.push(inOutlet(projectId, article, filters.outlet));
    return sql.join(parts, sql` and `);
  };
  const fixes = sql`select f.article_id, f.n from fix f where ${cond('f')}${filters.authorId ? sql` and f.author_id = ${filters.authorId}` : sql``}`;
  if (filters.authorId) {
    // My own items are never in my queue.
    if (filters.authorId === me) return sql`select 0 as article_id, 0 as n where false`;
    return sql`
      select t.article_id, t.n from ${queueTallies} t ${indexedBy('queue_tallies_author_idx')} where t.project_id = ${projectId} and t.author_id = ${filters.authorId} and ${cond('t')}
      union all ${fixes}`;
  }
  return sql`
    select a.article_id, a.n from ${queueArticleTallies} a where a.project_id = ${projectId} and ${cond('a')}
    union all
    select t.article_id, -t.n from ${queueTallies} t ${indexedBy('queue_tallies_author_idx')} where t.project_id = ${projectId} and t.author_id = ${me} and ${cond('t')}
    union all ${fixes}`;
}

type Facet = 'label' | 'author' | 'outlet' | 'article';

/** The filters as SQL over the coarse counts `c`, leaving out `skip`'s own (the article filter is in the counts already). */
function where(filters: QueueFilters, skip: Facet): SQL {
  const parts: SQL[] = [sql`true`];
  if (skip !== 'label' && filters.label) parts.push(sql`c.label = ${filters.label}`);
  if (skip !== 'author' && filters.authorId) parts.push(sql`c.author_id = ${filters.authorId}`);
  if (skip !== 'outlet' && filters.outlet !== undefined) parts.push(sql`c.outlet = ${filters.outlet}`);
  return sql.join(parts, sql` and `);
}

/**
 * The queue's total and its counts per filter value, in one statement: the corrections read
 * once, the label, author and outlet counts summed from the coarse counters, the articles with
 * most items from the per-article ones. Only the shown articles' titles are read.
 */
export async function queueCountsOracle(db: Db, projectId: number, me: number, filters: QueueFilters): Promise<QueueCounts> {
  const facet = (name: Exclude<Facet, 'article'>, value: SQL) => sql`select cast(${name} as text) as facet, cast(${value} as text) as value, sum(c.n) as n from coarse c where ${where(filters, name)} group by 2 having sum(c.n) > 0`;
  const perArticle = sql`select 'article' as facet, cast(f.article_id as text) as value, sum(f.n) as n from fine f group by 2 having sum(f.n) > 0`;
  // The articles with most items, and the chosen one wherever it ranks.
  const topArticles = sql`select * from (select * from (${perArticle}) p order by n desc, cast(value as integer) limit ${ARTICLE_FACET_LIMIT}) top`;
  const chosenArticle = filters.articleId ? sql` union all select * from (select 'article', cast(f.article_id as text), sum(f.n) from fine f where f.article_id = ${filters.articleId} group by 2 having sum(f.n) > 0) chosen` : sql``;
  const rows = await sqlAll<{ facet: Facet; value: string | number; n: number }>(db, sql`
    with fix as materialized (${correctionsSql(projectId, me)}),
      coarse as materialized (${coarseSql(projectId, me, filters.articleId)}),
      fine as (${fineSql(projectId, me, filters)})
    ${facet('label', sql`c.label`)}
    union all ${facet('author', sql`c.author_id`)}
    union all ${facet('outlet', sql`c.outlet`)}
    union all ${topArticles}${chosenArticle}`);
  const of = (name: Facet) => rows.filter((r) => r.facet === name);
  const articleIds = [...new Set(of('article').map((r) => Number(r.value)))];
  const titles = new Map((articleIds.length ? await all(db.select({ id: articles.id, title: articles.title }).from(articles).where(inArray(articles.id, articleIds))) : []).map((a) => [a.id, a.title]));
  const authorIds = of('author').map((r) => Number(r.value));
  const authorNames = new Map((authorIds.length ? await all(db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds))) : []).map((u) => [u.id, u.name]));

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


