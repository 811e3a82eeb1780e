/**
 * The board's text filter finds the same clusters on both engines (FTS5's search_fts on
 * SQLite, the statement GIN index on PostgreSQL): every sentence of the seed corpus is a claim
 * of its own, and each typed query below must find exactly the sentences listed, named
 * article:sentence. The lists were read off SQLite; PostgreSQL must agree (the same suite runs
 * on both, vitest.pg.config.ts). The queries cover stemming (plural, -ing, -ed), the last word
 * typed as a prefix, every word required, capitals, apostrophes, digits and dates.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, writeTransaction } from '@/lib/db/client';
import { annotations, articles } from '@/lib/db/tables';
import { all } from '@/lib/db/query';
import { loadSeeds } from '@/seeds/load';
import { setMember } from '@/lib/data/projects';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import { claimBoard } from '@/lib/data/claimBoard';
import { splitSentences } from '@/lib/search/sentences';
import { quoteSelector } from '@/lib/anchoring/quote';
import { makeUser } from '../helpers';

let actor: Actor;
let projectId: number;
/** Claim id -> "article:sentence" (both counted from 0 in reading order). */
const names = new Map<number, string>();

beforeAll(async () => {
  const lead = await makeUser({ name: 'Seed Lead' });
  actor = lead.actor;
  ({ projectId } = await loadSeeds(null));
  await setMember({ actor: SYSTEM, projectId, input: { userId: lead.user.id, role: 'lead' } });
  const seeded = await all(getDb().select().from(articles).where(eq(articles.projectId, projectId)).orderBy(asc(articles.id)));
  await writeTransaction(async (tx) => {
    for (const [a, article] of seeded.entries()) {
      for (const [s, sentence] of splitSentences(article.body).entries()) {
        const row = (await all(tx.insert(annotations).values({
          projectId, articleId: article.id, authorId: lead.user.id, label: 'claim', start: sentence.start, end: sentence.end,
          ...quoteSelector(article.body, sentence.start, sentence.end),
        }).returning({ id: annotations.id })))[0];
        names.set(row.id, `${a}:${s}`);
      }
    }
  });
  expect(names.size).toBeGreaterThan(50);
}, 60_000);

async function found(q: string): Promise<string[]> {
  const board = await claimBoard({ actor, projectId, query: { q, limit: '200' } });
  return board.items.map((c) => names.get(c.id)!).sort();
}

const QUERIES: Record<string, string[]> = {
  'territories': [
    '0:0', '0:10', '0:4', '0:5', '0:6', '1:1', '1:15', '1:3', '1:4', '2:0', '2:10', '2:13', '2:14', '2:2', '2:22', '2:4', '2:7', '3:13', '3:31',
    '3:4', '3:7', '3:8', '4:11', '4:17', '4:2', '4:28', '4:3', '4:4', '4:5',
  ],
  'territory': [
    '0:0', '0:10', '0:4', '0:5', '0:6', '1:1', '1:15', '1:3', '1:4', '2:0', '2:10', '2:13', '2:14', '2:2', '2:22', '2:4', '2:7', '3:13', '3:31',
    '3:4', '3:7', '3:8', '4:11', '4:17', '4:2', '4:28', '4:3', '4:4', '4:5',
  ],
  'recognize': [
    '0:0', '0:10', '0:23', '0:6', '1:15', '1:16', '2:0', '2:14', '2:2', '2:22', '2:4', '3:11', '3:13', '3:31', '3:4', '3:7', '3:8', '4:11', '4:3',
    '4:4', '4:8',
  ],
  'recognizing': [
    '0:0', '0:10', '0:23', '0:6', '1:15', '1:16', '2:0', '2:14', '2:2', '2:22', '2:4', '3:11', '3:13', '3:31', '3:4', '3:7', '3:8', '4:11', '4:3',
    '4:4', '4:8',
  ],
  'occupied territories': [
    '0:0', '0:5', '0:6', '1:1', '1:15', '1:3', '2:0', '2:14', '2:2', '2:22', '2:4', '2:7', '3:13', '3:31', '3:4', '3:7', '3:8', '4:11', '4:3', '4:4',
  ],
  'occup': [
    '0:0', '0:5', '0:6', '1:1', '1:15', '1:3', '1:4', '2:0', '2:14', '2:2', '2:22', '2:4', '2:7', '3:13', '3:31', '3:4', '3:7', '3:8', '4:11', '4:3',
    '4:4',
  ],
  'Zelenskyy said': ['1:4', '2:10', '4:12'],
  'zelensk': [
    '0:2', '0:24', '0:7', '1:1', '1:10', '1:15', '1:17', '1:3', '1:4', '1:7', '2:0', '2:10', '2:5', '2:7', '3:12', '3:4', '3:7', '3:8', '4:10',
    '4:12', '4:18', '4:19', '4:2', '4:3',
  ],
  'NATO membership': ['1:1', '1:3', '1:4', '4:29'],
  'Russia': [
    '0:0', '0:10', '0:2', '0:23', '1:10', '1:13', '1:14', '1:4', '1:7', '2:0', '2:14', '2:2', '2:22', '2:23', '2:25', '2:3', '2:4', '2:7', '2:9',
    '3:13', '3:26', '3:29', '3:31', '3:32', '3:34', '3:4', '3:7', '3:8', '4:11', '4:2', '4:3', '4:4', '4:9',
  ],
  'Russian': ['0:0', '0:2', '0:23', '1:10', '1:4', '1:7', '2:22', '2:23', '2:25', '2:3', '2:7', '2:9', '3:26', '4:3', '4:9'],
  "Russia's": ['0:10', '1:13', '1:14', '2:2', '2:7', '3:29', '3:34', '4:4', '4:9'],
  'negotiations': ['2:10', '2:18', '2:3', '2:7', '2:8', '3:10', '3:19', '3:20', '3:22', '3:25', '3:27', '3:29', '3:33', '3:34', '4:13'],
  'negotiat': [],
  'peace': ['0:23', '2:12', '2:18', '2:3', '2:7', '4:2'],
  'ceasefire': ['2:11', '2:17', '2:19', '2:25', '3:19', '3:21', '3:29', '3:32', '4:28'],
  '2024': ['1:0'],
  '22.10.2024': ['1:0'],
  'aren’t': ['1:1', '1:3'],
  "don't": [],
  'the President stressed': ['1:5', '1:8'],
  'Volodymyr Zelenskyy': ['0:2', '0:7', '1:4', '2:5', '4:3'],
  'war': ['1:10', '1:12', '1:17', '1:19', '1:7', '2:12', '2:18', '2:8', '2:9', '3:22'],
  'Korea': ['1:10', '1:7'],
  'invitation': ['1:12', '1:13', '1:16', '1:17', '1:19'],
  'Putin': ['2:23', '2:24', '2:25', '2:7', '4:9'],
};

describe('the board text filter on the seed corpus', () => {
  it('finds the same sentences for the same typed words', async () => {
    const got: Record<string, string[]> = {};
    for (const q of Object.keys(QUERIES)) got[q] = await found(q);
    if (process.env.PRINT_SEED_SEARCH) console.log(JSON.stringify(got, null, 1));
    expect(got).toEqual(QUERIES);
  });
});
