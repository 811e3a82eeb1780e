/**
 * Link suggestions on both engines (issue 17, point 2): the seed corpus is loaded into SQLite
 * as the app loads it (loadSeeds, the background sentence index, annotations through
 * createAnnotation), two articles in Ukrainian and Russian with emoji are added, and the same
 * rows are copied into PostgreSQL. For every annotation and every sentence of the project as
 * the statement being linked, the best suggested statement is the same on FTS5 (bm25) and on
 * PostgreSQL (lib/data/pgStatementSearch.ts); the top-3 overlap is printed. The ranking query
 * PostgreSQL runs uses the GIN indexes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { getDb } from '@/lib/db/client';
import * as sqlite from '@/lib/db/tables';
import * as pgSchema from '@/lib/db/pg/schema';
import { loadSeeds } from '@/seeds/load';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import { setMember } from '@/lib/data/projects';
import { importArticle } from '@/lib/data/articles';
import { createAnnotation, deleteAnnotation, restoreAnnotation } from '@/lib/data/annotations';
import { sentenceIndexIdle } from '@/lib/data/sentenceIndex';
import { similarStatements, suggestions } from '@/lib/data/linkSuggestions';
import { pgRareTerms, pgSearchStatements, pgSuggestedStatements, type PgQueryable } from '@/lib/data/pgStatementSearch';
import { wholeQuotations } from '@/lib/search/quoteAware';
import type { StatementHit } from '@/lib/search/merge';
import { makeUser } from '../helpers';
import { migratedDatabase, PG_TEST_URL, type TestDatabase } from './pgTestDb';
import { all, first, sqlAll } from '@/lib/db/query';

/** Two outlets reporting the statement in Ukrainian and Russian, with emoji (not tokens on either engine). */
const UKRAINIAN = [
  'Київ • Укрінформ',
  'Україна ніколи не визнає тимчасово окуповані території російськими 🇺🇦, заявив Володимир Зеленський.',
  'Президент додав, що Крим — це Україна, і подякував партнерам за підтримку 🙏.',
  'Переговори щодо перемир’я тривають у Лондоні.',
].join('\n\n');
const RUSSIAN = [
  'Москва • Новая газета Европа',
  'Зеленский: Украина никогда не признает оккупированные территории российскими 🤝.',
  'Тимчасово окуповані території залишаються українськими, повторив Зеленський 🇺🇦 журналістам.',
  'Переговоры о перемирии продолжатся в Лондоне на следующей неделе.',
].join('\n\n');

/** Statements annotated in the corpus: the seed claims (one per outlet, as tests/search/ranking.test.ts) and a few more. */
const ANNOTATED: Array<{ article: number; exact: string; label: 'claim' | 'quote'; note?: string; speaker?: string }> = [
  { article: 0, exact: 'Ukraine will not legally recognize any temporarily occupied territories', label: 'claim' },
  { article: 1, exact: 'legally no one will recognize the occupied territories as territories of other states', label: 'claim' },
  { article: 2, exact: 'For us, the red line is the recognition of Ukrainian temporarily occupied territories by Russia.', label: 'quote', speaker: 'Andriy Yermak' },
  { article: 3, exact: 'Kyiv agreed to the 30-day ceasefire plan proposed by Washington.', label: 'claim' },
  { article: 4, exact: '“Judicially, we will not recognize … our occupied territory like territory of Russia.', label: 'quote', speaker: 'Volodymyr Zelenskyy' },
  { article: 4, exact: 'The people are most important for today,', label: 'quote', note: 'Priority on human losses 💔' },
  { article: 5, exact: 'Україна ніколи не визнає тимчасово окуповані території російськими', label: 'claim', note: 'Позиція незмінна ✅' },
  { article: 6, exact: 'Зеленский: Украина никогда не признает оккупированные территории российскими', label: 'quote', speaker: 'Володимир Зеленський' },
];

/** Typed into the link picker: words, a word still being typed, a speaker, a note, outlets (one of them in Cyrillic). */
const TYPED = ['red lin', 'priority losses', 'UNN', 'ceasefire Washington', 'yermak', 'NATO members', 'Укрінформ', 'окуповані терит', 'recogn', 'Новая газета', 'not recognize', 'позиція'];

let sqliteActor: Actor;
let projectId = 0;
let articleIds: number[] = [];
let pgDb: TestDatabase;

/** The rows of the tables search reads, copied from SQLite to PostgreSQL as they are (ids too). */
async function copyToPostgres(client: pg.Client) {
  const from = getDb();
  const to = drizzle({ client, schema: pgSchema });
  await to.insert(pgSchema.users).values(await all(from.select().from(sqlite.users)));
  await to.insert(pgSchema.projects).values(await all(from.select().from(sqlite.projects)));
  await to.insert(pgSchema.memberships).values(await all(from.select().from(sqlite.memberships)));
  await to.insert(pgSchema.articles).values(await all(from.select().from(sqlite.articles).orderBy(asc(sqlite.articles.id))));
  await to.insert(pgSchema.articleSentences).values(await sqliteSentences());
  await to.insert(pgSchema.articleSearchState).values(
    await sqlAll<{ articleId: number; sha256: string; sentenceCount: number; indexedAt: number }>(from, sql`
      select article_id as articleId, sha256, sentence_count as sentenceCount, indexed_at as indexedAt from article_search_state`),
  );
  await to.insert(pgSchema.annotations).values(await all(from.select().from(sqlite.annotations)));
  // Rows came with their ids: the identity sequences go on after them.
  for (const table of ['users', 'projects', 'articles', 'article_sentences', 'annotations']) {
    await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
}

/** Every sentence of the SQLite index (a table in SQL only, not in lib/db/schema.ts). */
async function sqliteSentences() {
  return await sqlAll<{ id: number; articleId: number; projectId: number; start: number; end: number; text: string }>(getDb(), sql`
    select id, article_id as articleId, project_id as projectId, start, "end", text from article_sentences order by id`);
}

/** One statement across engines: an annotation by id, a sentence by its article and span. */
function keyOf(hit: StatementHit): string {
  return hit.kind === 'annotation' ? `a${hit.annotationId}` : `s${hit.articleId}:${hit.start}-${hit.end}`;
}

/** The first three hits with their scores, for a failure message. */
function described(hits: StatementHit[]): string {
  return hits.slice(0, 3).map((h) => `${keyOf(h)} ${h.score.toFixed(4)} ${h.exact.slice(0, 50)}`).join(' | ');
}

function topKeys(hits: StatementHit[], n: number): string[] {
  return hits.slice(0, n).map(keyOf);
}

/** SQLite's suggestions for a sentence, as suggestions() would list them for an annotation of it. */
async function sqliteSentenceSuggestions(source: { articleId: number; exact: string }): Promise<StatementHit[]> {
  const hits = await similarStatements(getDb(), { projectId, ...source });
  const bodies = new Map((await all(getDb().select({ id: sqlite.articles.id, body: sqlite.articles.body }).from(sqlite.articles))).map((a) => [a.id, a.body]));
  return wholeQuotations(hits, bodies);
}

/** A queryable that records the SQL it is given, so the test can EXPLAIN what the search ran. */
function recording(client: pg.Client): { db: PgQueryable; texts: string[]; values: unknown[][] } {
  const texts: string[] = [];
  const values: unknown[][] = [];
  const db = {
    query: (text: string, params?: unknown[]) => {
      texts.push(text);
      values.push(params ?? []);
      return client.query(text, params);
    },
  } as PgQueryable;
  return { db, texts, values };
}

interface Row {
  source: string;
  sqlite: string;
  postgres: string;
  /** Statements in both top threes, out of the longer of the two (a list may hold fewer than three). */
  top3: number;
  of: number;
}

const table: Row[] = [];
const timings: string[] = [];

function overlap(a: string[], b: string[]): Pick<Row, 'top3' | 'of'> {
  return { top3: a.filter((k) => b.includes(k)).length, of: Math.max(a.length, b.length) };
}

describe.skipIf(!PG_TEST_URL)('link suggestions on SQLite and PostgreSQL', () => {
  beforeAll(async () => {
    projectId = (await loadSeeds(null)).projectId;
    const made = await makeUser({ name: 'Reviewer' });
    sqliteActor = made.actor;
    await setMember({ actor: SYSTEM, projectId, input: { userId: made.user.id, role: 'reviewer' } });
    await importArticle({ actor: SYSTEM, projectId, input: { title: 'Зеленський: Україна не визнає окупацію', body: UKRAINIAN, outlet: 'Укрінформ' } });
    await importArticle({ actor: SYSTEM, projectId, input: { title: 'Зеленский об оккупированных территориях', body: RUSSIAN, outlet: 'Новая газета Европа' } });
    articleIds = (await all(getDb().select({ id: sqlite.articles.id }).from(sqlite.articles).where(eq(sqlite.articles.projectId, projectId)).orderBy(asc(sqlite.articles.id)))).map((a) => a.id);
    for (const a of ANNOTATED) {
      const articleId = articleIds[a.article];
      const body = (await first(getDb().select({ body: sqlite.articles.body }).from(sqlite.articles).where(eq(sqlite.articles.id, articleId))))!.body;
      const start = body.indexOf(a.exact);
      if (start < 0) throw new Error(`"${a.exact}" is not in article ${a.article}`);
      await createAnnotation({
        actor: sqliteActor,
        articleId,
        input: { label: a.label, start, end: start + a.exact.length, note: a.note ?? '', attributes: a.speaker ? { speaker: a.speaker } : {} },
      });
    }
    await sentenceIndexIdle();
    pgDb = await migratedDatabase('wb_suggest');
    await copyToPostgres(pgDb.client);
  });
  afterAll(async () => {
    if (table.length) {
      const width = Math.max(...table.map((r) => r.source.length));
      const lines = table.map((r) => `${r.source.padEnd(width)}  ${r.sqlite === r.postgres ? 'same' : 'DIFF'}  top3 ${r.top3}/${r.of}  ${r.sqlite}${r.sqlite === r.postgres ? '' : ` vs ${r.postgres}`}`);
      const full = table.filter((r) => r.top3 === r.of).length;
      console.log(timings.join('\n'));
      console.log(`best suggestion, SQLite vs PostgreSQL (${table.length} sources; the same best: ${table.filter((r) => r.sqlite === r.postgres).length}; the same top three: ${full})\n${lines.join('\n')}`);
    }
    await pgDb?.close();
  });

  it('copied the same statements to both engines', async () => {
    const [{ n }] = await pgDb.rows<{ n: number }>('select count(*)::int as n from article_sentences where project_id = $1', [projectId]);
    expect(n).toBe((await sqliteSentences()).filter((s) => s.projectId === projectId).length);
    expect(n).toBeGreaterThan(50);
  });

  it('gives every annotation (the seed claims among them) the same best suggestion on both engines', async () => {
    const sources = await all(getDb().select().from(sqlite.annotations).where(eq(sqlite.annotations.projectId, projectId)).orderBy(asc(sqlite.annotations.id)));
    expect(sources).toHaveLength(ANNOTATED.length);
    for (const source of sources) {
      const onSqlite = (await suggestions({ actor: sqliteActor, annotationId: source.id })).suggestions;
      const onPg = await pgSuggestedStatements(pgDb.client, source);
      const [a, b] = [topKeys(onSqlite, 3), topKeys(onPg, 3)];
      table.push({ source: `annotation ${source.id} (${source.exact.slice(0, 40)})`, sqlite: a[0], postgres: b[0], ...overlap(a, b) });
      expect(onPg.length, source.exact).toBeGreaterThan(0);
      expect(b[0], source.exact).toBe(a[0]);
      expect(onPg[0].exact).toBe(onSqlite[0].exact);
    }
  });

  it('leaves a deleted annotation out on both engines alike', async () => {
    const sources = await all(getDb().select().from(sqlite.annotations).where(eq(sqlite.annotations.projectId, projectId)).orderBy(asc(sqlite.annotations.id)));
    // The best suggestion for the second seed claim is the first one (an annotation); delete that.
    const [first, second] = sources;
    expect(topKeys((await suggestions({ actor: sqliteActor, annotationId: second.id })).suggestions, 1)).toEqual([`a${first.id}`]);
    await deleteAnnotation({ actor: sqliteActor, annotationId: first.id });
    await pgDb.rows('update annotations set deleted_at = clock_timestamp() where id = $1', [first.id]);
    try {
      const onSqlite = (await suggestions({ actor: sqliteActor, annotationId: second.id })).suggestions;
      // A queryable of its own: N (one fewer now) is cached per connection for a minute.
      const onPg = await pgSuggestedStatements(recording(pgDb.client).db, second);
      expect(topKeys(onSqlite, 3)).not.toContain(`a${first.id}`);
      expect(topKeys(onPg, 3)).toEqual(topKeys(onSqlite, 3));
    } finally {
      await restoreAnnotation({ actor: sqliteActor, annotationId: first.id });
      await pgDb.rows('update annotations set deleted_at = null where id = $1', [first.id]);
    }
  });

  it('gives every sentence of the corpus the same best suggestion on both engines', async () => {
    const sentences = (await sqliteSentences()).filter((s) => s.projectId === projectId);
    const differ: string[] = [];
    const spent = { sqlite: 0, postgres: 0 };
    for (const s of sentences) {
      let started = performance.now();
      const onSqlite = await sqliteSentenceSuggestions({ articleId: s.articleId, exact: s.text });
      spent.sqlite += performance.now() - started;
      started = performance.now();
      const onPg = await pgSuggestedStatements(pgDb.client, { projectId, articleId: s.articleId, exact: s.text });
      spent.postgres += performance.now() - started;
      const [a, b] = [topKeys(onSqlite, 3), topKeys(onPg, 3)];
      table.push({ source: `sentence ${s.id} (${s.text.slice(0, 40).replace(/\n/g, ' ')})`, sqlite: a[0] ?? '-', postgres: b[0] ?? '-', ...overlap(a, b) });
      if (a[0] !== b[0]) differ.push(`${s.text}\n  SQLite ${described(onSqlite)}\n  PostgreSQL ${described(onPg)}`);
    }
    timings.push(`seed corpus, similarity search per sentence: SQLite ${(spent.sqlite / sentences.length).toFixed(2)} ms, PostgreSQL ${(spent.postgres / sentences.length).toFixed(2)} ms`);
    expect(differ).toEqual([]);
  });

  it.each(TYPED)('gives the same first three for %j typed, from every annotation', async (q) => {
    const sources = await all(getDb().select().from(sqlite.annotations).where(eq(sqlite.annotations.projectId, projectId)).orderBy(asc(sqlite.annotations.id)));
    let found = 0;
    for (const source of sources) {
      const onSqlite = (await suggestions({ actor: sqliteActor, annotationId: source.id, q })).suggestions;
      const onPg = await pgSuggestedStatements(pgDb.client, source, q);
      const [a, b] = [topKeys(onSqlite, 3), topKeys(onPg, 3)];
      table.push({ source: `${JSON.stringify(q)} from annotation ${source.id}`, sqlite: a[0] ?? '-', postgres: b[0] ?? '-', ...overlap(a, b) });
      expect(b, `${q} from ${source.exact}: SQLite ${described(onSqlite)}; PostgreSQL ${described(onPg)}`).toEqual(a);
      found += onPg.length;
    }
    expect(found).toBeGreaterThan(0);
  });

  it('finds the Ukrainian claim from the Russian outlet and the other way round, emoji and all', async () => {
    const [uk, ru] = [articleIds[5], articleIds[6]];
    const fromUk = await pgSuggestedStatements(pgDb.client, { projectId, articleId: uk, exact: 'Україна ніколи не визнає тимчасово окуповані території російськими 🇺🇦' });
    expect(fromUk[0]).toMatchObject({ articleId: ru });
    expect(fromUk[0].exact).toContain('Тимчасово окуповані території');
    const typed = await pgSearchStatements(pgDb.client, { projectId, query: { terms: ['зеленськ'], every: true, prefixLast: true }, limit: 5 });
    expect([...new Set(typed.map((h) => h.articleId))].sort()).toEqual([uk, ru]);
  });

  it('ranks through the GIN indexes of both kinds of statement in a large project, and drops its common words', async () => {
    // In a project of a few articles, reading their statements by article is the better plan;
    // the GIN indexes matter in a large one: 800 articles, 48,000 sentences, 8,000 annotations,
    // a few of which match.
    const [{ id: big }] = await pgDb.rows<{ id: number }>(`insert into projects (slug, name) values ('big', 'Big') returning id`);
    await pgDb.rows(`insert into articles (project_id, title, body, sha256)
      select $1, 'Story ' || n, repeat('Harbour fees and convoys near port ' || n || '. ', 60), 'big' || n from generate_series(1, 800) n`, [big]);
    await pgDb.rows(`insert into article_sentences (article_id, project_id, start, "end", text)
      select a.id, $1, i * 40, i * 40 + 39, case when i = 7 then 'Convoys' else 'Harbour fees' end || ' near port ' || a.id || ' line ' || i || '.'
      from articles a, generate_series(0, 59) i where a.project_id = $1`, [big]);
    await pgDb.rows(`insert into annotations (project_id, article_id, author_id, label, start, "end", exact)
      select $1, a.id, (select min(id) from users), 'claim', i * 40, i * 40 + 39, case when i = 3 then 'Convoys' else 'Pilots' end || ' near port ' || a.id || ' number ' || i
      from articles a, generate_series(0, 9) i where a.project_id = $1`, [big]);
    await pgDb.rows('analyze');
    // A queryable of its own: N and avgdl are cached per connection, and this one has not seen the corpus before.
    const { db, texts, values } = recording(pgDb.client);
    let started = performance.now();
    const hits = await pgSearchStatements(db, { projectId: big, query: { terms: ['grain', 'corridor', 'convoy'], every: false, prefixLast: false }, limit: 5 });
    timings.push(`large project, first search (N and avgdl measured): ${(performance.now() - started).toFixed(1)} ms`);
    expect(hits).toHaveLength(5);
    started = performance.now();
    const similar = await pgSuggestedStatements(db, { projectId: big, articleId: -1, exact: 'Convoys near port 17 line 7, said the harbour master' });
    timings.push(`large project, a similarity search: ${(performance.now() - started).toFixed(1)} ms`);
    expect(similar[0].exact).toMatch(/ port 17 /);
    // Above 50,000 statements, words in more than a tenth of them are left out (the 4 rarest always stay).
    const kept = await pgRareTerms(db, ['harbour', 'near', 'port', 'line', 'convoys', 'grain']);
    expect(kept).toEqual(['harbour', 'line', 'convoys', 'grain']);
    const ranked = texts.findIndex((t) => t.includes('with terms as'));
    const counted = texts.findIndex((t) => t.includes('as docs'));
    expect([ranked, counted].every((i) => i >= 0)).toBe(true);
    for (const i of [ranked, counted]) {
      const plan = (await pgDb.rows<{ 'QUERY PLAN': string }>(`explain ${texts[i]}`, values[i])).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('annotations_search_idx');
      expect(plan).toContain('article_sentences_search_idx');
    }
  });
});
