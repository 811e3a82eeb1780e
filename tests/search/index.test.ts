/** The search index stays in step with annotations (triggers) and with newly imported articles (lazy). */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { annotations } from '@/lib/db/schema';
import { suggestions } from '@/lib/data/links';
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

const texts = async (q = '') => (await suggestions({ actor, annotationId: source, q })).suggestions.map((s) => s.exact);

describe('search index', () => {
  it('indexes the sentences of an article imported after the first search', async () => {
    expect(await texts()).toEqual([]);
    makeArticle(projectId, 'Officials said the grain deal collapsed on Monday. Nothing else happened.', 'Beta');
    expect((await texts())[0]).toBe('Officials said the grain deal collapsed on Monday.');
  });

  it('follows annotation edits, speakers and deletions through the triggers', async () => {
    const c = makeArticle(projectId, 'A spokesperson spoke about wheat exports today.', 'Gamma');
    const quote = annotate(c.id, userId, 'A spokesperson spoke about wheat exports today.', 'quote');
    expect(await texts('Kuleba')).toEqual([]);
    getDb().update(annotations).set({ attributes: { speaker: 'Dmytro Kuleba' }, note: 'grain corridor' }).where(eq(annotations.id, quote.id)).run();
    expect(await texts('Kuleba')).toEqual([quote.exact]);
    expect(await texts('corridor')).toEqual([quote.exact]);
    getDb().update(annotations).set({ deletedAt: new Date() }).where(eq(annotations.id, quote.id)).run();
    expect(await texts('Kuleba')).toEqual([]);
    const indexed = getDb().get<{ n: number }>(sql`select count(*) as n from search_fts where rowid = ${quote.id}`);
    expect(indexed?.n).toBe(0);
  });
});
