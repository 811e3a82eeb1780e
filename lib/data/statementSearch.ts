/**
 * Finding statements (live annotations and article sentences) in one project: bm25 ranking
 * over the single search_fts index, so both kinds are scored on the same scale, and the
 * statements of given articles in reading order. Callers have already checked access; the
 * query is engine-neutral terms (lib/search/statementQuery.ts), quoted into a safe MATCH
 * expression here (lib/search/query.ts); merging is lib/search/merge.ts. On PostgreSQL each
 * function hands over to its counterpart in lib/data/pgStatementSearch.ts.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { mergeHits, type SpanAnnotation, type StatementHit } from '../search/merge';
import { ftsMatch } from '../search/query';
import { byScoreThenRid, candidateCount, finishHits, LARGE_INDEX, MIN_TERMS, rareTermsOf, type StatementRow, type StatementSearch } from '../search/statementQuery';
import { pgClientOf, sqlAll, sqlExec, sqlFirst } from '../db/query';
import { onPostgres } from '../db/engine';
import { pgRareTerms, pgSearchStatements, pgStatementsOfArticles } from './pgStatementSearch';

export type { StatementHit } from '../search/merge';
export type { StatementSearch } from '../search/statementQuery';

/** Column weights for bm25: the statement's own words count most, then notes and speakers. */
const WEIGHTS = sql`bm25(search_fts, 1.0, 0.6, 0.8)`;

/** Where a statement is: its article and span, as every row below has them. */
type Located = Pick<StatementHit, 'articleId' | 'outlet' | 'title' | 'start' | 'end'>;

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

const vocabReady = new WeakSet<object>();

/**
 * The terms worth searching for similar statements (lib/search/statementQuery.ts's
 * rareTermsOf: common words dropped, only in a large index). Document counts come from an
 * fts5vocab table on this connection's temp schema (no migration, nothing stored).
 */
export async function rareTerms(db: Db | Tx, terms: string[]): Promise<string[]> {
  if (onPostgres()) return pgRareTerms(pgClientOf(db), terms);
  if (terms.length <= MIN_TERMS) return terms;
  if (!vocabReady.has(db)) {
    await sqlExec(db, sql.raw('create virtual table if not exists temp.search_vocab using fts5vocab(main, search_fts, row)'));
    vocabReady.add(db);
  }
  const total = (await sqlFirst<{ n: number }>(db, sql`select count(*) as n from search_fts_docsize`))?.n ?? 0;
  if (total < LARGE_INDEX) return terms;
  const docs: number[] = [];
  for (const term of terms) docs.push((await sqlFirst<{ doc: number }>(db, sql`select doc from temp.search_vocab where term = ${term}`))?.doc ?? 0);
  return rareTermsOf(terms, docs, total);
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
async function rawHits(db: Db | Tx, search: StatementSearch, fetch: number): Promise<StatementRow[]> {
  const match = ftsMatch(search.query);
  for (let window = fetch * 5; ; window *= 4) {
    const best = await sqlAll<Ranked>(db, sql`
      select rowid as rid, ${WEIGHTS} as rank from search_fts where search_fts match ${match} order by rank limit ${window}`);
    if (best.length === 0) return [];
    // Ranks stay in JavaScript (doubles, never through text), so the comparisons below are exact.
    const rankOf = new Map(best.map((b) => [b.rid, b.rank]));
    const rows = (await sqlAll<Omit<StatementRow, 'score'>>(db, sql`
        select m.value as rid, ar.id as "articleId", ar.outlet as outlet, ar.title as title,
          coalesce(a.start, s.start) as start, coalesce(a."end", s."end") as "end",
          coalesce(a.exact, s.text) as exact, a.label as label
        from json_each(${JSON.stringify(best.map((b) => b.rid))}) m
          left join annotations a on m.value > 0 and a.id = m.value and a.deleted_at is null
          left join article_sentences s on m.value < 0 and s.id = -m.value
          join articles ar on ar.id = coalesce(a.article_id, s.article_id)
        where ${articleFilter(search)}`))
      .map((r) => ({ ...r, score: -rankOf.get(r.rid)! }))
      .sort(byScoreThenRid)
      .slice(0, fetch);
    const exhausted = best.length < window;
    if (exhausted || (rows.length === fetch && -rows[fetch - 1].score < best[best.length - 1].rank)) return rows;
  }
}

/** Live annotations of the given articles, to fold matching sentences into them. */
async function liveAnnotations(db: Db | Tx, articleIds: number[]): Promise<SpanAnnotation[]> {
  if (articleIds.length === 0) return [];
  return await sqlAll<SpanAnnotation>(db, sql`
    select id, article_id as "articleId", start, "end" as "end", exact, label from annotations
    where deleted_at is null and article_id in (${idList(articleIds)})`);
}

/**
 * The best statements for `search.match`, best first: annotations and sentences merged so
 * that a sentence that is already annotated appears once, as its annotation. Score is
 * -bm25 (higher is better).
 */
export async function searchStatements(db: Db | Tx, search: StatementSearch): Promise<StatementHit[]> {
  if (onPostgres()) return pgSearchStatements(pgClientOf(db), search);
  const rows = await rawHits(db, search, candidateCount(search.limit));
  return finishHits(rows, await liveAnnotations(db, [...new Set(rows.map((r) => r.articleId))]), search);
}

/**
 * Every statement of `articleIds` in reading order (annotated sentences once, as their
 * annotation), score 0: what a search that names only an outlet ("UNN") lists.
 */
export async function statementsOfArticles(db: Db | Tx, articleIds: number[], limit: number): Promise<StatementHit[]> {
  if (onPostgres()) return pgStatementsOfArticles(pgClientOf(db), articleIds, limit);
  if (articleIds.length === 0) return [];
  const sentences = await sqlAll<SentenceRow>(db, sql`
    select s.article_id as "articleId", ar.outlet as outlet, ar.title as title, s.start as start, s."end" as "end", s.text as text
    from article_sentences s join articles ar on ar.id = s.article_id
    where s.article_id in (${idList(articleIds)}) and ar.archived_at is null order by s.article_id, s.start`);
  const hits: StatementHit[] = sentences.map((s) => ({
    kind: 'sentence', articleId: s.articleId, outlet: s.outlet, title: s.title, start: s.start, end: s.end, exact: s.text, score: 0,
  }));
  return mergeHits(hits, await liveAnnotations(db, articleIds)).slice(0, limit);
}
