/**
 * searchStatements ranks only a window of the index's best rows and widens it until the
 * answer is exact: a project whose matches all rank below hundreds of another project's still
 * gets them, in bm25 order, and the same answer as ranking every match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { searchStatements } from '@/lib/data/statementSearch';
import { makeProject, makeUser } from '../helpers';
import { annotate, makeArticle } from '../links/fixtures';

let busy = 0;
let quiet = 0;
const QUIET = [
  'Officials said the grain corridor near Izmail reopened on Tuesday, Укрзалізниця confirmed 🚂.',
  'A long report on harbour fees, insurance, convoys, weather, pilots and, in one line, the grain corridor.',
  'The grain corridor was mentioned once in a statement about Danube ports and customs queues.',
];

beforeAll(async () => {
  const { user } = await makeUser();
  busy = (await makeProject([[user.id, 'lead']])).id;
  quiet = (await makeProject([[user.id, 'lead']])).id;
  // 400 short, dense matches elsewhere: each ranks above every statement of the quiet project.
  for (let n = 0; n < 8; n++) {
    const article = await makeArticle(busy, `Grain corridor. Grain corridor ${n}.`, `Outlet ${n}`);
    for (let i = 0; i < 50; i++) await annotate(article.id, user.id, 'Grain corridor');
  }
  for (const [i, text] of QUIET.entries()) await annotate((await makeArticle(quiet, text, `Quiet ${i}`)).id, user.id, text, 'quote');
});

describe('searchStatements', () => {
  it('finds a project whose matches all rank below 400 of another project', async () => {
    const hits = await searchStatements(getDb(), { projectId: quiet, query: { terms: ['grain', 'corridor'], every: false, prefixLast: false }, limit: 5 });
    expect(hits.map((h) => h.exact).sort()).toEqual([...QUIET].sort());
    // Best first: the shortest statement (the most of its words matched) leads.
    expect(hits[0].exact).toBe(QUIET[0]);
    expect(hits.every((h, i) => i === 0 || hits[i - 1].score >= h.score)).toBe(true);
  });

  it('answers the busy project from the first window, best first', async () => {
    const hits = await searchStatements(getDb(), { projectId: busy, query: { terms: ['grain', 'corridor'], every: false, prefixLast: false }, limit: 20 });
    expect(hits).toHaveLength(20);
    expect(hits.every((h, i) => i === 0 || hits[i - 1].score >= h.score)).toBe(true);
  });
});
