/**
 * Search on PostgreSQL (drizzle/pg/0001_search.sql): the tsvector indexes that stand in for
 * FTS5 find the seed corpus' sentences (stemmed, as FTS5's porter tokenizer), its articles by
 * title and body, live annotations by speaker, and pg_trgm finds a fragment of a title; each
 * query is the indexed expression, so the planner uses the index. A 2 MB article of distinct
 * tokens (more than a tsvector holds) still imports, searchable on its first part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, PG_TEST_URL, type TestDatabase } from './pgTestDb';
import { loadSeedCorpus } from './pgSeedCorpus';

let db: TestDatabase;

const SENTENCE_MATCH = `statement_search_vector(text) @@ q`;
const ANNOTATION_MATCH = `statement_search_vector(exact || ' ' || note || ' ' || coalesce(attributes ->> 'speaker', '')) @@ q`;
const ARTICLE_MATCH = `article_search_vector(title, outlet, body) @@ q`;

/** The plan of a query with sequential scans made unattractive: which indexes it can use. */
async function plan(text: string, values: unknown[]): Promise<string> {
  await db.rows('set enable_seqscan = off');
  try {
    return (await db.rows<{ 'QUERY PLAN': string }>(`explain ${text}`, values)).map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await db.rows('reset enable_seqscan');
  }
}

describe.skipIf(!PG_TEST_URL)('PostgreSQL search', () => {
  beforeAll(async () => {
    db = await migratedDatabase('wb_search');
    await loadSeedCorpus(db.client);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('finds the seed statement among the sentences, best first, through the index', async () => {
    // The statement every seed article reports, in other words ("recognizing": stemmed).
    const query = `select text, ts_rank(statement_search_vector(text), q) as rank
      from article_sentences, to_tsquery('english', $1) q where ${SENTENCE_MATCH} order by rank desc, id limit 3`;
    const words = 'recognizing | occupied | territories | russian | legally';
    const hits = await db.rows<{ text: string }>(query, [words]);
    expect(hits[0].text).toContain('Ukraine will not legally recognize any temporarily occupied territories as Russian');
    expect(await plan(query, [words])).toContain('article_sentences_search_idx');
  });

  it('finds articles by a word of the body and live annotations by speaker', async () => {
    const articles = await db.rows<{ title: string }>(
      `select title from articles, plainto_tsquery('simple', $1) q where ${ARTICLE_MATCH}`,
      ['Svyatoshynskyi'],
    );
    expect(articles.length).toBeGreaterThan(0);
    const speakers = await db.rows<{ n: number }>(`select count(*)::int as n from annotations, plainto_tsquery('english', $1) q where deleted_at is null and ${ANNOTATION_MATCH}`, [
      'Zelenskyy',
    ]);
    expect(speakers[0].n).toBe(5);
    expect(await plan(`select id from annotations, plainto_tsquery('english', $1) q where deleted_at is null and ${ANNOTATION_MATCH}`, ['Zelenskyy'])).toContain(
      'annotations_search_idx',
    );
    await db.rows(`update annotations set deleted_at = clock_timestamp() where id = (select min(id) from annotations)`);
    const after = await db.rows<{ n: number }>(`select count(*)::int as n from annotations, plainto_tsquery('english', $1) q where deleted_at is null and ${ANNOTATION_MATCH}`, [
      'Zelenskyy',
    ]);
    expect(after[0].n).toBe(4);
  });

  it('finds a fragment of a title with pg_trgm', async () => {
    const [{ title }] = await db.rows<{ title: string }>(`select title from articles where length(title) > 12 order by id limit 1`);
    const fragment = title.slice(3, 11);
    const hits = await db.rows<{ title: string }>(`select title from articles where title ilike $1`, [`%${fragment}%`]);
    expect(hits.map((h) => h.title)).toContain(title);
    expect(await plan(`select title from articles where title ilike $1`, [`%${fragment}%`])).toContain('articles_title_trgm_idx');
  });

  it('imports a 2 MB article of distinct tokens, searchable on its first 100,000 characters', async () => {
    const [{ id: projectId }] = await db.rows<{ id: number }>('select id from projects limit 1');
    const tokens = Array.from({ length: 170_000 }, (_, i) => `t${i.toString(36)}x${(i * 7919).toString(36)}`);
    const body = tokens.join(' ');
    expect(body.length).toBeGreaterThan(2_000_000);
    await db.rows(`insert into articles (project_id, title, body, sha256) values ($1, 'Tokens', $2, 'tokens')`, [projectId, body]);
    await db.rows(`insert into article_sentences (article_id, project_id, start, "end", text) select id, project_id, 0, length(body), body from articles where sha256 = 'tokens'`);
    const find = async (token: string) =>
      (await db.rows<{ n: number }>(`select count(*)::int as n from articles, plainto_tsquery('simple', $1) q where ${ARTICLE_MATCH}`, [token]))[0].n;
    expect(await find(tokens[10])).toBe(1);
    expect(await find(tokens[169_999])).toBe(0);
  });
});
