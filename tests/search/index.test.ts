/**
 * The search index stays in step with annotations (triggers) and with imported articles
 * (indexed in the import's transaction); reading suggestions never writes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb, getSqlite } from '@/lib/db/client';
import { annotations } from '@/lib/db/schema';
import { suggestions } from '@/lib/data/links';
import { indexUnindexedArticles } from '@/lib/data/sentenceIndex';
import { sha256Hex } from '@/lib/anchoring/normalize';
import type { Actor } from '@/lib/data/actor';
import { makeProject, makeUser } from '../helpers';
import { annotate, makeArticle } from '../links/fixtures';

let actor: Actor;
let userId: number;
let projectId: number;
let source: number;

beforeAll(async () => {
  const made = await makeUser();
  [actor, userId] = [made.actor, made.user.id];
  projectId = makeProject([[userId, 'reviewer']]).id;
  const a = makeArticle(projectId, 'The minister denied the grain deal collapsed. Markets were calm.', 'Alpha');
  source = annotate(a.id, userId, 'The minister denied the grain deal collapsed.').id;
});

const texts = (q = '') => suggestions({ actor, annotationId: source, q }).suggestions.map((s) => s.exact);

describe('search index', () => {
  it('indexes the sentences of an article when it is imported', () => {
    expect(texts()).toEqual([]);
    makeArticle(projectId, 'Officials said the grain deal collapsed on Monday. Nothing else happened.', 'Beta');
    expect(texts()[0]).toBe('Officials said the grain deal collapsed on Monday.');
  });

  it('follows annotation edits, speakers and deletions through the triggers', () => {
    const c = makeArticle(projectId, 'A spokesperson spoke about wheat exports today.', 'Gamma');
    const quote = annotate(c.id, userId, 'A spokesperson spoke about wheat exports today.', 'quote');
    expect(texts('Kuleba')).toEqual([]);
    getDb().update(annotations).set({ attributes: { speaker: 'Dmytro Kuleba' }, note: 'grain corridor' }).where(eq(annotations.id, quote.id)).run();
    expect(texts('Kuleba')).toEqual([quote.exact]);
    expect(texts('corridor')).toEqual([quote.exact]);
    getDb().update(annotations).set({ deletedAt: new Date() }).where(eq(annotations.id, quote.id)).run();
    expect(texts('Kuleba')).toEqual([]);
    const indexed = getDb().get<{ n: number }>(sql`select count(*) as n from search_fts where rowid = ${quote.id}`);
    expect(indexed?.n).toBe(0);
  });

  it('reading suggestions writes nothing; articles the index has not seen are indexed on start', () => {
    // An article stored without its sentences, as a database from before indexing on import holds.
    const body = 'Diplomats said the wheat corridor would reopen soon.';
    getSqlite()
      .prepare('insert into articles (project_id, title, outlet, body, sha256) values (?, ?, ?, ?, ?)')
      .run(projectId, 'Delta story', 'Delta', body, sha256Hex(body));
    const changes = () => getSqlite().prepare('select total_changes() as n').get() as { n: number };
    const before = changes().n;
    expect(texts('corridor reopen')).toEqual([]);
    expect(texts()).not.toContain(body);
    expect(changes().n).toBe(before);
    // The server's start indexes such articles, once.
    expect(indexUnindexedArticles()).toBe(1);
    expect(texts('corridor reopen')).toEqual(['Diplomats said the wheat corridor would reopen soon.']);
    expect(indexUnindexedArticles()).toBe(0);
  });
});
