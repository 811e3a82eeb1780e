/**
 * Finding statements (live annotations and article sentences) in one project: bm25 ranking
 * over the single search_fts index, so both kinds are scored on the same scale, and the
 * statements of given articles in reading order. Callers have already checked access and
 * built a safe MATCH expression (lib/search/query.ts); merging is lib/search/merge.ts.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Label } from '../domain';
import { leadersFirst, mergeHits, type SpanAnnotation, type StatementHit } from '../search/merge';

export type { StatementHit } from '../search/merge';

/** Column weights for bm25: the statement's own words count most, then notes and speakers. */
const WEIGHTS = sql`bm25(search_fts, 1.0, 0.6, 0.8)`;

export interface StatementSearch {
  projectId: number;
  match: string;
  /** Leave out statements of this article (the one being linked from). */
  excludeArticleId?: number;
  /** Only statements of these articles (a typed outlet name narrows the search). */
  onlyArticleIds?: number[];
  /** Put each article's best strong match first (suggestions), see leadersFirst. */
  spreadArticles?: boolean;
  limit: number;
}

/** Where a statement is: its article and span, as every row below has them. */
type Located = Pick<StatementHit, 'articleId' | 'outlet' | 'title' | 'start' | 'end'>;

interface HitRow extends Located {
  rid: number;
  rank: number;
  exact: string;
  label: Label | null;
}

interface SentenceRow extends Located {
  text: string;
}

function idList(ids: number[]) {
  return sql.join(ids.map((id) => sql`${id}`), sql`, `);
}

function articleFilter(search: StatementSearch) {
  // An archived article's statements are nobody's suggestion (lib/data/articleArchive.ts).
  const parts = [sql`ar.project_id = ${search.projectId}`, sql`ar.archived_at is null`];
  if (search.excludeArticleId !== undefined) parts.push(sql`ar.id <> ${search.excludeArticleId}`);
  if (search.onlyArticleIds) parts.push(sql`ar.id in (${idList(search.onlyArticleIds.length ? search.onlyArticleIds : [-1])})`);
  return sql.join(parts, sql` and `);
}

/** A term found in more than this share of all statements says little about likeness ... */
const COMMON_SHARE = 0.1;
/** ... and costs real time to rank only in an index this big (a small desk keeps every term). */
const LARGE_INDEX = 50_000;
/** ... but a query always keeps at least this many of its rarest terms. */
const MIN_TERMS = 4;
const vocabReady = new WeakSet<object>();

/**
 * The terms worth searching for similar statements: those not in more than COMMON_SHARE of
 * all rows (at least MIN_TERMS, the rarest), in their order. Common words match most of the
 * index and cost the most to rank while adding almost nothing to bm25. Document counts come
 * from an fts5vocab table on this connection's temp schema (no migration, nothing stored).
 * Below LARGE_INDEX rows every term is kept: there ranking all matches is cheap anyway.
 */
export function rareTerms(db: Db | Tx, terms: string[]): string[] {
  if (terms.length <= MIN_TERMS) return terms;
  if (!vocabReady.has(db)) {
    db.run(sql.raw('create virtual table if not exists temp.search_vocab using fts5vocab(main, search_fts, row)'));
    vocabReady.add(db);
  }
  const total = db.get<{ n: number }>(sql`select count(*) as n from search_fts_docsize`)?.n ?? 0;
  if (total < LARGE_INDEX) return terms;
  const docs = terms.map((term) => db.get<{ doc: number }>(sql`select doc from temp.search_vocab where term = ${term}`)?.doc ?? 0);
  const rarest = new Set([...terms.keys()].sort((i, j) => docs[i] - docs[j]).slice(0, MIN_TERMS));
  return terms.filter((_, i) => rarest.has(i) || docs[i] <= total * COMMON_SHARE);
}

interface Ranked {
  rid: number;
  rank: number;
}

/**
 * Raw FTS hits of one project, best first (rank, then rowid), both kinds, before merging.
 *
 * Ranking is most of the cost, and at a desk's size a similarity query matches tens of
 * thousands of rows (of every project). So the index is asked only for its `window` best rows
 * (FTS5 keeps a small heap for ORDER BY rank LIMIT), and those are joined and filtered to the
 * project. Every row ranked strictly better than the window's last is in the window, so the
 * answer is exact once its `fetch`-th row is better than that; otherwise the window grows.
 */
function rawHits(db: Db | Tx, search: StatementSearch, fetch: number): HitRow[] {
  for (let window = fetch * 5; ; window *= 4) {
    const best = db.all<Ranked>(sql`
      select rowid as rid, ${WEIGHTS} as rank from search_fts where search_fts match ${search.match} order by rank limit ${window}`);
    if (best.length === 0) return [];
    // Ranks stay in JavaScript (doubles, never through text), so the comparisons below are exact.
    const rankOf = new Map(best.map((b) => [b.rid, b.rank]));
    const rows = db
      .all<Omit<HitRow, 'rank'>>(sql`
        select m.value as rid, ar.id as articleId, ar.outlet as outlet, ar.title as title,
          coalesce(a.start, s.start) as start, coalesce(a."end", s."end") as "end",
          coalesce(a.exact, s.text) as exact, a.label as label
        from json_each(${JSON.stringify(best.map((b) => b.rid))}) m
          left join annotations a on m.value > 0 and a.id = m.value and a.deleted_at is null
          left join article_sentences s on m.value < 0 and s.id = -m.value
          join articles ar on ar.id = coalesce(a.article_id, s.article_id)
        where ${articleFilter(search)}`)
      .map((r) => ({ ...r, rank: rankOf.get(r.rid)! }))
      .sort((x, y) => x.rank - y.rank || x.rid - y.rid)
      .slice(0, fetch);
    const exhausted = best.length < window;
    if (exhausted || (rows.length === fetch && rows[fetch - 1].rank < best[best.length - 1].rank)) return rows;
  }
}

/** Live annotations of the given articles, to fold matching sentences into them. */
function liveAnnotations(db: Db | Tx, articleIds: number[]): SpanAnnotation[] {
  if (articleIds.length === 0) return [];
  return db.all<SpanAnnotation>(sql`
    select id, article_id as articleId, start, "end" as "end", exact, label from annotations
    where deleted_at is null and article_id in (${idList(articleIds)})`);
}

/**
 * The best statements for `search.match`, best first: annotations and sentences merged so
 * that a sentence that is already annotated appears once, as its annotation. Score is
 * -bm25 (higher is better).
 */
export function searchStatements(db: Db | Tx, search: StatementSearch): StatementHit[] {
  const rows = rawHits(db, search, Math.max(search.limit * 4, 40));
  const articleIds = [...new Set(rows.map((r) => r.articleId))];
  const hits: StatementHit[] = rows.map((r) => ({
    kind: r.rid > 0 ? 'annotation' : 'sentence',
    annotationId: r.rid > 0 ? r.rid : undefined,
    label: r.label ?? undefined,
    articleId: r.articleId,
    outlet: r.outlet,
    title: r.title,
    start: r.start,
    end: r.end,
    exact: r.exact,
    score: -r.rank,
  }));
  const merged = mergeHits(hits, liveAnnotations(db, articleIds));
  return (search.spreadArticles ? leadersFirst(merged) : merged).slice(0, search.limit);
}

/**
 * Every statement of `articleIds` in reading order (annotated sentences once, as their
 * annotation), score 0: what a search that names only an outlet ("UNN") lists.
 */
export function statementsOfArticles(db: Db | Tx, articleIds: number[], limit: number): StatementHit[] {
  if (articleIds.length === 0) return [];
  const sentences = db.all<SentenceRow>(sql`
    select s.article_id as articleId, ar.outlet as outlet, ar.title as title, s.start as start, s."end" as "end", s.text as text
    from article_sentences s join articles ar on ar.id = s.article_id
    where s.article_id in (${idList(articleIds)}) and ar.archived_at is null order by s.article_id, s.start`);
  const hits: StatementHit[] = sentences.map((s) => ({
    kind: 'sentence', articleId: s.articleId, outlet: s.outlet, title: s.title, start: s.start, end: s.end, exact: s.text, score: 0,
  }));
  return mergeHits(hits, liveAnnotations(db, articleIds)).slice(0, limit);
}
