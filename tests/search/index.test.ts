/**
 * The search index stays in step with annotations (triggers) and with imported articles
 * (indexed in the background, in steps, right after the import); reading suggestions never
 * writes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb, getSqlite } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { annotations } from '@/lib/db/tables';
import { suggestions } from '@/lib/data/links';
import { indexStaleArticlesInBackground, sentenceIndexIdle } from '@/lib/data/sentenceIndex';
import { sha256Hex } from '@/lib/anchoring/normalize';
import { splitSentences } from '@/lib/search/sentences';
import type { Actor } from '@/lib/data/actor';
import { makeProject, makeUser } from '../helpers';
import { annotate, makeArticle } from '../links/fixtures';
import { exec, sqlAll, sqlExec, sqlFirst } from '@/lib/db/query';

let actor: Actor;
let userId: number;
let projectId: number;
let source: number;

beforeAll(async () => {
  const made = await makeUser();
  [actor, userId] = [made.actor, made.user.id];
  projectId = (await makeProject([[userId, 'reviewer']])).id;
  const a = await makeArticle(projectId, 'The minister denied the grain deal collapsed. Markets were calm.', 'Alpha');
  source = (await annotate(a.id, userId, 'The minister denied the grain deal collapsed.')).id;
  await sentenceIndexIdle();
});

const texts = async (q = '') => (await suggestions({ actor, annotationId: source, q })).suggestions.map((s) => s.exact);

/** Indexes what is stale, as the server's start does, and waits for it. */
async function indexAsOnStart(): Promise<void> {
  indexStaleArticlesInBackground();
  await sentenceIndexIdle();
}

describe('search index', () => {
  it('indexes the sentences of an article when it is imported', async () => {
    expect(await texts()).toEqual([]);
    await makeArticle(projectId, 'Officials said the grain deal collapsed on Monday. Nothing else happened.', 'Beta');
    expect((await texts())[0]).toBe('Officials said the grain deal collapsed on Monday.');
  });

  it('follows annotation edits, speakers and deletions through the triggers', async () => {
    const c = await makeArticle(projectId, 'A spokesperson spoke about wheat exports today.', 'Gamma');
    const quote = await annotate(c.id, userId, 'A spokesperson spoke about wheat exports today.', 'quote');
    expect(await texts('Kuleba')).toEqual([]);
    await exec(getDb().update(annotations).set({ attributes: { speaker: 'Dmytro Kuleba' }, note: 'grain corridor' }).where(eq(annotations.id, quote.id)));
    expect(await texts('Kuleba')).toEqual([quote.exact]);
    expect(await texts('corridor')).toEqual([quote.exact]);
    await exec(getDb().update(annotations).set({ deletedAt: new Date() }).where(eq(annotations.id, quote.id)));
    expect(await texts('Kuleba')).toEqual([]);
    // SQLite's search_fts is a table kept by triggers; PostgreSQL's GIN index is over the rows themselves.
    if (!onPostgres()) expect((await sqlFirst<{ n: number }>(getDb(), sql`select count(*) as n from search_fts where rowid = ${quote.id}`))?.n).toBe(0);
  });

  it('reading suggestions writes nothing; articles the index has not seen are indexed on start', async () => {
    await sentenceIndexIdle();
    // An article stored without its sentences, as a database from before indexing on import holds.
    const body = 'Diplomats said the wheat corridor would reopen soon.';
    await sqlExec(getDb(), sql`insert into articles (project_id, title, outlet, body, sha256) values (${projectId}, 'Delta story', 'Delta', ${body}, ${sha256Hex(body)})`);
    // What a read could write: SQLite counts every change of its connection; on PostgreSQL the
    // index's own tables are counted.
    const changes = async () => onPostgres()
      ? (await sqlFirst<{ n: number }>(getDb(), sql`select (select count(*) from article_sentences) + (select count(*) from article_search_state) as n`))!.n
      : (getSqlite().prepare('select total_changes() as n').get() as { n: number }).n;
    const before = await changes();
    const answer = await suggestions({ actor, annotationId: source, q: 'corridor reopen' });
    expect(answer.suggestions).toEqual([]);
    expect(answer.indexing).toBe(true);
    expect(await changes()).toBe(before);
    await indexAsOnStart();
    expect(await texts('corridor reopen')).toEqual([body]);
  });
});

describe('building the sentence index in steps', () => {
  const stored = async (articleId: number) =>
    await sqlAll<{ start: number; end: number; text: string }>(getDb(), sql`select start, "end" as "end", text from article_sentences where article_id = ${articleId} order by start`);
  const state = async (articleId: number) =>
    await sqlFirst<{ sha256: string; count: number }>(getDb(), sql`select sha256, sentence_count as count from article_search_state where article_id = ${articleId}`);
  /** Four sentences a line. */
  const longBody = (lines = 40) => Array.from({ length: lines }, (_, i) => `Report ${i}. The minister denied the grain deal collapsed. Markets were calm; traders were not.`).join('\n');

  it('finishes an indexing that stopped half way (a crash) without storing a sentence twice', async () => {
    const body = longBody();
    const article = await makeArticle(projectId, body, 'Delta');
    await sentenceIndexIdle();
    const whole = await stored(article.id);
    expect(whole).toEqual(splitSentences(body).map(({ start, end, text }) => ({ start, end, text })));
    // What a crash half way leaves: the first sentences, and the state "in progress".
    await sqlExec(getDb(), sql`delete from article_sentences where article_id = ${article.id} and start >= ${whole[50].start}`);
    await sqlExec(getDb(), sql`update article_search_state set sentence_count = -1 where article_id = ${article.id}`);
    await indexAsOnStart();
    expect(await stored(article.id)).toEqual(whole);
    expect(await state(article.id)).toEqual({ sha256: article.sha256, count: whole.length });
  });

  it('replaces the sentences of an older body instead of adding to them', async () => {
    const article = await makeArticle(projectId, longBody().replace(/Markets/g, 'Exchanges'), 'Epsilon');
    await sentenceIndexIdle();
    const whole = await stored(article.id);
    await sqlExec(getDb(), sql`update article_search_state set sha256 = 'an older body' where article_id = ${article.id}`);
    await indexAsOnStart();
    expect(await stored(article.id)).toEqual(whole);
  });

  it('answers searches while a long article is indexed, and indexes it once', async () => {
    const body = longBody(1_000).replace(/traders/g, 'brokers'); // indexed in several steps
    const article = await makeArticle(projectId, body, 'Zeta');
    const answers = await Promise.all([texts('brokers'), texts('brokers'), sentenceIndexIdle()]);
    expect(answers[0]).toEqual(answers[1]);
    expect(await stored(article.id)).toHaveLength(splitSentences(body).length);
  });
});
