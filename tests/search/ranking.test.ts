/**
 * Ranking on the seed corpus: five outlets reporting Zelenskyy's statement. The expected
 * matches were chosen by reading the articles (seeds/00N_*.txt); each one is the sentence in
 * which that outlet reports the same statement.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { articles } from '@/lib/db/tables';
import { loadSeeds } from '@/seeds/load';
import { setMember } from '@/lib/data/projects';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import { suggestions } from '@/lib/data/linkSuggestions';
import { makeUser } from '../helpers';
import { annotate } from '../links/fixtures';
import { all } from '@/lib/db/query';

let actor: Actor;
let userId: number;
let seedArticles: number[] = [];

beforeAll(async () => {
  const { projectId } = await loadSeeds(null);
  const made = await makeUser();
  actor = made.actor;
  userId = made.user.id;
  await setMember({ actor: SYSTEM, projectId, input: { userId, role: 'reviewer' } });
  seedArticles = (await all(getDb().select({ id: articles.id }).from(articles).where(eq(articles.projectId, projectId)).orderBy(asc(articles.id)))).map((a) => a.id);
});

/** Position (0-based) of the first suggestion from `article` whose text contains `fragment`. */
function rankOf(list: Awaited<ReturnType<typeof suggestions>>['suggestions'], article: number, fragment: string): number {
  return list.findIndex((s) => s.articleId === article && s.exact.includes(fragment));
}

describe('similar-statement suggestions on the seed corpus', () => {
  it('brings the matching statement of each of the other four articles into the top five', async () => {
    const claim = await annotate(seedArticles[0], userId, 'Ukraine will not legally recognize any temporarily occupied territories');
    const top = (await suggestions({ actor, annotationId: claim.id })).suggestions.slice(0, 5);
    const [, a001, a002, a003, a004] = seedArticles;
    // 001 (dated 22.10.2024): "...legally no one will recognize the occupied territories as territories of other states."
    expect(rankOf(top, a001, 'legally no one will recognize the occupied territories')).toBeGreaterThanOrEqual(0);
    // 002 (UNN): Yermak's "We will never recognize any temporarily occupied territories as Russian" (or Zelenskyy's red line).
    expect(
      Math.max(rankOf(top, a002, 'We will never recognize any temporarily occupied territories'), rankOf(top, a002, 'red line')),
    ).toBeGreaterThanOrEqual(0);
    // 003: "Zelenskiy: Ukraine will not recognize the territories occupied by Russia" (or its other wordings).
    expect(
      Math.max(rankOf(top, a003, 'Ukraine will not recognize the'), rankOf(top, a003, 'We do not recognize any territory occupied')),
    ).toBeGreaterThanOrEqual(0);
    // 004: "Judicially, we will not recognize … our occupied territory like territory of Russia."
    expect(
      Math.max(rankOf(top, a004, 'Judicially, we will not recognize'), rankOf(top, a004, 'Ukraine will not recognize Russian control')),
    ).toBeGreaterThanOrEqual(0);
    expect(top.every((s) => s.articleId !== seedArticles[0])).toBe(true);
  });

  it('finds the rejection of recognition in 003 first for UNN\'s "red line" quote', async () => {
    const quote = await annotate(seedArticles[2], userId, 'For us, the red line is the recognition of Ukrainian temporarily occupied territories by Russia.', 'quote');
    const list = (await suggestions({ actor, annotationId: quote.id })).suggestions;
    // 003: "The Ukrainian government completely rejects the recognition of the occupied territories as part of Russia."
    expect(rankOf(list, seedArticles[3], 'completely rejects the recognition of the occupied territories')).toBe(0);
    // 000: the Constitution sentence on "temporarily occupied territories" among the first three.
    expect(rankOf(list.slice(0, 3), seedArticles[0], 'Constitution of Ukraine says that all temporarily occupied')).toBeGreaterThanOrEqual(0);
    // 003's "fundamental red line for us" is among the first ten.
    expect(rankOf(list.slice(0, 10), seedArticles[3], 'fundamental red line for us')).toBeGreaterThanOrEqual(0);
  });

  it('matches the 30-day ceasefire across outlets', async () => {
    const claim = await annotate(seedArticles[3], userId, 'Kyiv agreed to the 30-day ceasefire plan proposed by Washington.');
    const list = (await suggestions({ actor, annotationId: claim.id })).suggestions;
    // 002: "At the talks in Jeddah on March 11, Ukraine supported the US proposal for an unconditional 30-day ceasefire."
    expect(rankOf(list, seedArticles[2], 'supported the US proposal for an unconditional 30-day ceasefire')).toBe(0);
  });

  it('shows an annotated sentence once, as its annotation', async () => {
    const target = await annotate(seedArticles[4], userId, '“Judicially, we will not recognize … our occupied territory like territory of Russia.', 'quote');
    const claim = await annotate(seedArticles[1], userId, 'legally no one will recognize the occupied territories as territories of other states');
    const list = (await suggestions({ actor, annotationId: claim.id })).suggestions;
    const same = list.filter((s) => s.articleId === seedArticles[4] && s.exact.includes('Judicially'));
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({ kind: 'annotation', annotationId: target.id, label: 'quote' });
  });

  it('searches typed words, speakers, notes and outlets', async () => {
    const source = await annotate(seedArticles[0], userId, 'And the country\'s accession to NATO depends on the support of all Alliance members.');
    const typed = (await suggestions({ actor, annotationId: source.id, q: 'red lin' })).suggestions;
    expect(typed.length).toBeGreaterThan(0);
    expect(typed.every((s) => /red line/i.test(s.exact))).toBe(true);
    const byOutlet = (await suggestions({ actor, annotationId: source.id, q: 'UNN' })).suggestions;
    expect(byOutlet.length).toBeGreaterThan(0);
    expect(byOutlet.every((s) => s.articleId === seedArticles[2])).toBe(true);
    const noted = await annotate(seedArticles[4], userId, 'The people are most important for today,', 'quote', 'Priority on human losses');
    expect((await suggestions({ actor, annotationId: source.id, q: 'priority losses' })).suggestions[0].annotationId).toBe(noted.id);
  });

  it.each(['"', 'NEAR(', '*', 'OR', '-', ':', 'exact:red', '"red" NEAR("line")', 'NOT ukraine', '^russia', '(((', "'; drop table links; --"])(
    'treats %j as plain words, never as FTS5 syntax',
    async (q) => {
      const source = await annotate(seedArticles[1], userId, 'The best thing is NATO.');
      await expect(suggestions({ actor, annotationId: source.id, q })).resolves.toBeDefined();
    },
  );
});
