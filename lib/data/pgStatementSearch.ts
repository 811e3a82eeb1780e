/**
 * Statement search for link suggestions on PostgreSQL (issue 17): the counterpart of
 * lib/data/statementSearch.ts (FTS5) over the GIN indexes of drizzle/pg/0001_search.sql (0007),
 * asynchronous (node-postgres), for the same engine-neutral query and the same hits
 * (lib/search/statementQuery.ts). lib/data/statementSearch.ts hands its calls here when the
 * app runs on PostgreSQL, after suggestions() has checked access.
 *
 * Ranking is FTS5's bm25 recomputed from term statistics, so both engines order statements
 * alike: for each query term, IDF = ln((N - n + 0.5) / (n + 0.5)) (1e-6 when not positive)
 * over all N statements (live annotations and sentences of every project) of which n hold the
 * term, and a statement scores the sum over terms of IDF · f·(k1+1) / (f + k1·(1 - b + b·D/avgdl)),
 * k1 = 1.2, b = 0.75, f the term's count weighted by column (statement text 1.0, note 0.6,
 * speaker 0.8, as bm25(search_fts, 1.0, 0.6, 0.8)), D the statement's token count. What
 * differs: tokens come from PostgreSQL's parser with punctuation made blank and are stemmed by
 * Snowball's Porter, every word kept (drizzle/pg/0007_search_all_words.sql), close to FTS5's
 * porter unicode61 but without its diacritics folding (é stays é), and stemming two-letter
 * words FTS5 leaves alone ("us" is "u"); N and avgdl are cached for STATS_TTL_MS (avgdl from a
 * sample of rows above EXACT_STATS_ROWS).
 */
import type pg from 'pg';
import { mergeHits, type SpanAnnotation, type StatementHit } from '../search/merge';
import { similarTerms, typedStatementQuery, typedTerms } from '../search/query';
import { wholeQuotations } from '../search/quoteAware';
import {
  candidateCount, finishHits, LARGE_INDEX, MAX_QUERY, MIN_TERMS, rareTermsOf, splitOutletTerms, SUGGESTION_LIMIT, type StatementQuery, type StatementRow, type StatementSearch,
} from '../search/statementQuery';

/** A pool, a client or a pool's client: anything that runs a parameterized query. */
export type PgQueryable = Pick<pg.ClientBase, 'query'> | pg.Pool;

const K1 = 1.2;
const B = 0.75;
/** Column weights, as lib/data/statementSearch.ts's bm25(search_fts, 1.0, 0.6, 0.8). */
const WEIGHT = { exact: 1.0, note: 0.6, speaker: 0.8 };
/** How long N and avgdl are reused: counting every statement's tokens is a scan of the index's tables. */
const STATS_TTL_MS = 60_000;
/** Up to this many statements avgdl is exact; above it, measured on a sample of about this many rows. */
const EXACT_STATS_ROWS = 20_000;

/** The indexed expressions of drizzle/pg/0001_search.sql, verbatim, so the planner uses the GIN indexes. */
const SPEAKER = `coalesce(a.attributes ->> 'speaker', '')`;
const ANNOTATION_VECTOR = `statement_search_vector(a.exact || ' ' || a.note || ' ' || ${SPEAKER})`;
const SENTENCE_VECTOR = `statement_search_vector(s.text)`;

/**
 * A statement's length in tokens (bm25's D) from its tsvector: statement_search_vector keeps
 * every token as one position (drizzle/pg/0007_search_all_words.sql), so D is the positions' count.
 */
const tokenCount = (vector: string) => `(select coalesce(sum(array_length(positions, 1)), 0) from unnest(${vector}))`;
const ANNOTATION_COLUMNS = `setweight(statement_search_vector(a.exact), 'A') || setweight(statement_search_vector(a.note), 'B')
  || setweight(statement_search_vector(${SPEAKER}), 'C')`;

interface IndexStats {
  rows: number;
  avgdl: number;
  at: number;
}

const statsCache = new WeakMap<object, IndexStats>();

async function countOf(db: PgQueryable, text: string, values: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(text, values);
  return Number(rows[0]?.n ?? 0);
}

/** Average tokens per row of one table: all rows, or a Bernoulli sample of about EXACT_STATS_ROWS when larger. */
async function averageTokens(db: PgQueryable, table: string, vector: string, where: string, rows: number): Promise<number> {
  if (rows === 0) return 0;
  const sample = rows > EXACT_STATS_ROWS ? ` tablesample bernoulli (${((100 * EXACT_STATS_ROWS) / rows).toFixed(6)})` : '';
  const { rows: [r] } = await db.query<{ avg: number | null }>(`select avg(${tokenCount(vector)})::float8 as avg from ${table}${sample} where ${where}`);
  return r?.avg ?? 0;
}

/** N (statements in the index, every project) and their average token count, cached for STATS_TTL_MS. */
async function indexStats(db: PgQueryable): Promise<IndexStats> {
  const cached = statsCache.get(db);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached;
  const annotationRows = await countOf(db, 'select count(*)::float8 as n from annotations where deleted_at is null');
  const sentenceRows = await countOf(db, 'select count(*)::float8 as n from article_sentences');
  const annotationTokens = await averageTokens(db, 'annotations a', ANNOTATION_COLUMNS, 'a.deleted_at is null', annotationRows);
  const sentenceTokens = await averageTokens(db, 'article_sentences s', SENTENCE_VECTOR, 'true', sentenceRows);
  const rows = annotationRows + sentenceRows;
  const stats = { rows, avgdl: rows ? (annotationRows * annotationTokens + sentenceRows * sentenceTokens) / rows : 0, at: Date.now() };
  statsCache.set(db, stats);
  return stats;
}

/** A lexeme as a tsquery operand: quoted (a quote doubled, a backslash escaped), `:*` for a prefix. */
function operand(lexeme: string, prefix: boolean): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

/**
 * One lexeme of the query. A term gives one lexeme (terms are runs of letters and digits); were
 * it to give several, each would count as a term of its own, where FTS5 would match the phrase.
 */
interface QueryTerm {
  /** Index of the query term this lexeme came from. */
  term: number;
  lexeme: string;
  prefix: boolean;
  /** Statements holding it (every project). */
  docs: number;
}

/**
 * The query's lexemes (through the indexed function itself) and how many statements hold
 * each, counted through the GIN indexes, in one round trip. Each lexeme becomes a tsquery
 * operand quoted as tsquery input wants (chr(39) a quote, chr(92) a backslash, each doubled
 * inside), `:*` for a prefix.
 */
async function queryTerms(db: PgQueryable, query: StatementQuery): Promise<QueryTerm[]> {
  if (query.terms.length === 0) return [];
  const { rows } = await db.query<QueryTerm>(
    `with words as (
       select t.i::int - 1 as term, l.lexeme from unnest($1::text[]) with ordinality t(word, i), unnest(statement_search_vector(t.word)) l),
     operands as (
       select term, lexeme, term = $2 as prefix,
         (chr(39) || replace(replace(lexeme, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39)
           || case when term = $2 then ':*' else '' end)::tsquery as q
       from words)
     select term, lexeme, prefix,
       ((select count(*) from annotations a where a.deleted_at is null and ${ANNOTATION_VECTOR} @@ o.q)
         + (select count(*) from article_sentences s where ${SENTENCE_VECTOR} @@ o.q))::float8 as docs
     from operands o order by term, lexeme`,
    [query.terms, query.prefixLast ? query.terms.length - 1 : -1],
  );
  return rows;
}

function idf(rows: number, docs: number): number {
  const value = Math.log((rows - docs + 0.5) / (docs + 0.5));
  return value > 0 ? value : 1e-6;
}

/** The WHERE on `ar` (the statement's article) of one search: its project, live, excluded or only articles. */
function articleFilter(search: StatementSearch, values: unknown[]): string {
  values.push(search.projectId);
  const parts = [`ar.project_id = $${values.length}`, 'ar.archived_at is null'];
  if (search.excludeArticleId !== undefined) {
    values.push(search.excludeArticleId);
    parts.push(`ar.id <> $${values.length}`);
  }
  if (search.onlyArticleIds) {
    values.push(search.onlyArticleIds);
    parts.push(`ar.id = any($${values.length}::int[])`);
  }
  return parts.join(' and ');
}

/**
 * The project's statements matching the query, ranked by bm25 as above, best first (score,
 * then rid: sentences before annotations on a tie, as on SQLite), at most `fetch`.
 */
async function rankedRows(db: PgQueryable, search: StatementSearch, terms: QueryTerm[], fetch: number): Promise<StatementRow[]> {
  const { rows: n, avgdl } = await indexStats(db);
  const tsquery = terms.map((t) => operand(t.lexeme, t.prefix)).join(search.query.every ? ' & ' : ' | ');
  const values: unknown[] = [tsquery, terms.map((t) => t.lexeme), terms.map((t) => t.prefix), terms.map((t) => idf(n, t.docs)), avgdl || 1];
  const filter = articleFilter(search, values);
  values.push(fetch);
  const limit = `$${values.length}`;
  const { rows } = await db.query<StatementRow>(
    `with terms as (select * from unnest($2::text[], $3::boolean[], $4::float8[]) t(lexeme, prefix, idf)),
     matched as (
       select a.id as rid, ar.id as "articleId", ar.outlet, ar.title, a.start, a."end", a.exact, a.label, ${ANNOTATION_COLUMNS} as v
       from annotations a join articles ar on ar.id = a.article_id
       where a.deleted_at is null and ${ANNOTATION_VECTOR} @@ $1::tsquery and ${filter}
       union all
       select -s.id, ar.id, ar.outlet, ar.title, s.start, s."end", s.text, null, setweight(${SENTENCE_VECTOR}, 'A')
       from article_sentences s join articles ar on ar.id = s.article_id
       where ${SENTENCE_VECTOR} @@ $1::tsquery and ${filter}
     ),
     sized as (select m.*, ${tokenCount('m.v')} as d from matched m)
     select m.rid, m."articleId", m.outlet, m.title, m.start, m."end", m.exact, m.label,
       (select coalesce(sum(t.idf * f.f * ${K1 + 1} / (f.f + ${K1} * (1 - ${B} + ${B} * m.d / $5::float8))), 0)
        from terms t cross join lateral (
          select coalesce(sum(case w when 'A' then ${WEIGHT.exact} when 'B' then ${WEIGHT.note} else ${WEIGHT.speaker} end), 0)::float8 as f
          from unnest(m.v) u, unnest(u.weights) w
          where u.lexeme = t.lexeme or (t.prefix and starts_with(u.lexeme, t.lexeme))) f
        where f.f > 0)::float8 as score
     from sized m
     order by score desc, rid
     limit ${limit}`,
    values,
  );
  return rows;
}

/** Live annotations of the given articles, to fold matching sentences into them. */
async function liveAnnotations(db: PgQueryable, articleIds: number[]): Promise<SpanAnnotation[]> {
  if (articleIds.length === 0) return [];
  const { rows } = await db.query<SpanAnnotation>(
    `select id, article_id as "articleId", start, "end", exact, label from annotations where deleted_at is null and article_id = any($1::int[])`,
    [articleIds],
  );
  return rows;
}

/**
 * PostgreSQL's rareTerms (lib/data/statementSearch.ts): the terms worth searching for similar
 * statements, from document counts through the GIN indexes. Below LARGE_INDEX rows every term is kept.
 */
export async function pgRareTerms(db: PgQueryable, terms: string[]): Promise<string[]> {
  if (terms.length <= MIN_TERMS) return terms;
  const { rows } = await indexStats(db);
  if (rows < LARGE_INDEX) return terms;
  const counted = await queryTerms(db, { terms, every: false, prefixLast: false });
  // A term's count is its most frequent lexeme's; a term with none (a stop word here) matches nothing.
  const docs = terms.map((_, i) => Math.max(0, ...counted.filter((t) => t.term === i).map((t) => t.docs)));
  return rareTermsOf(terms, docs, rows);
}

/** PostgreSQL's searchStatements: the best statements for the query, best first, merged and ordered as on SQLite. */
export async function pgSearchStatements(db: PgQueryable, search: StatementSearch): Promise<StatementHit[]> {
  const terms = await queryTerms(db, search.query);
  // Terms are runs of letters and digits, so each gives a lexeme; none at all means nothing to find.
  if (terms.length === 0) return [];
  const rows = await rankedRows(db, search, terms, candidateCount(search.limit));
  return finishHits(rows, await liveAnnotations(db, [...new Set(rows.map((r) => r.articleId))]), search);
}

/**
 * PostgreSQL's similarStatements (lib/data/linkSuggestions.ts): the statements of the
 * project's other articles most similar to `source`, each outlet's strong best first.
 */
export async function pgSimilarStatements(db: PgQueryable, source: Source & { exact: string }): Promise<StatementHit[]> {
  const terms = similarTerms(source.exact);
  const query = terms && { ...terms, terms: await pgRareTerms(db, terms.terms) };
  if (!query) return [];
  return pgSearchStatements(db, { projectId: source.projectId, excludeArticleId: source.articleId, query, spreadArticles: true, limit: SUGGESTION_LIMIT });
}

/**
 * PostgreSQL's statementsOfArticles: every statement of `articleIds` in reading order
 * (annotated sentences once, as their annotation), score 0.
 */
export async function pgStatementsOfArticles(db: PgQueryable, articleIds: number[], limit: number): Promise<StatementHit[]> {
  if (articleIds.length === 0) return [];
  const { rows } = await db.query<StatementHit>(
    `select 'sentence' as kind, s.article_id as "articleId", ar.outlet, ar.title, s.start, s."end", s.text as exact, 0::float8 as score
     from article_sentences s join articles ar on ar.id = s.article_id
     where s.article_id = any($1::int[]) and ar.archived_at is null order by s.article_id, s.start`,
    [articleIds],
  );
  return mergeHits(rows, await liveAnnotations(db, articleIds)).slice(0, limit);
}

interface Source {
  projectId: number;
  articleId: number;
}

/** What suggestions() lists for typed words: outlet names narrow the articles, all words first, then any. */
async function typedStatements(db: PgQueryable, source: Source, q: string): Promise<StatementHit[]> {
  const { rows: others } = await db.query<{ id: number; outlet: string | null }>(
    'select id, outlet from articles where project_id = $1 and id <> $2 and archived_at is null',
    [source.projectId, source.articleId],
  );
  const { words, onlyArticleIds } = splitOutletTerms(typedTerms(q), others);
  const base = { projectId: source.projectId, excludeArticleId: source.articleId, onlyArticleIds, limit: SUGGESTION_LIMIT };
  if (words.length === 0) return onlyArticleIds ? pgStatementsOfArticles(db, onlyArticleIds, SUGGESTION_LIMIT) : [];
  const all = await pgSearchStatements(db, { ...base, query: typedStatementQuery(words)! });
  return all.length ? all : pgSearchStatements(db, { ...base, query: typedStatementQuery(words, true)! });
}

/**
 * The statements suggestions() lists for linking `source` with `q` typed (empty: similar
 * statements), on PostgreSQL, quotations whole; without the access check and the actor's own
 * links, which are the caller's.
 */
export async function pgSuggestedStatements(db: PgQueryable, source: Source & { exact: string }, q = ''): Promise<StatementHit[]> {
  const query = q.trim().slice(0, MAX_QUERY);
  const hits = query ? await typedStatements(db, source, query) : await pgSimilarStatements(db, source);
  const ids = [...new Set(hits.filter((h) => h.kind === 'sentence').map((h) => h.articleId))];
  if (!ids.length) return hits;
  const { rows } = await db.query<{ id: number; body: string }>('select id, body from articles where id = any($1::int[])', [ids]);
  return wholeQuotations(hits, new Map(rows.map((r) => [r.id, r.body])));
}
