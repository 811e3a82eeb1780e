/**
 * bench:scale's corpus builder at a small size (the long article and 5 more): everything it
 * writes goes through lib/data, so `cli check`'s invariants hold, every live annotation and
 * sentence is in the search index, the per-article figures are what the desk asked for, and a
 * corpus saved to the cache and restored is the same database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { onPostgres } from '@/lib/db/engine';
import { grow, PER_ARTICLE, startCorpus } from '@/bench/scale/corpus';
import { restoreCorpus, saveCorpus } from '@/bench/scale/cache';
import { projectAgreement } from '@/lib/data/agreement';
import { invariantProblems, rows, value } from './rawSql';

const count = async (statement: string) => Number(await value(sql.raw(statement)));
const expectInvariants = async () => {
  for (const { name, problems } of await invariantProblems()) expect(problems, name).toEqual([]);
};

describe('bench:scale corpus', () => {
  it('builds 6 articles through lib/data with every invariant holding, and survives the cache', async () => {
    process.env.SCALE_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-cache-'));
    const corpus = await startCorpus();
    await grow(corpus, 6);
    expect(corpus.counts.articles).toBe(6);
    expect(corpus.counts.annotations).toBe(800 + 5 * PER_ARTICLE.annotations);
    expect(corpus.counts.links).toBeGreaterThan(30);
    expect(corpus.counts.reviews).toBe(5 * PER_ARTICLE.reviews);
    expect(await count('select count(*) as n from memberships where project_id = ' + corpus.projectId)).toBe(30);
    await expectInvariants();
    // Search: one row per live annotation and per sentence (FTS5's search_fts; PostgreSQL
    // searches the tables themselves, drizzle/pg/0001_search.sql); every article's sentences indexed.
    if (!onPostgres()) {
      expect(await count('select count(*) as n from search_fts')).toBe(await count('select count(*) as n from annotations where deleted_at is null') + await count('select count(*) as n from article_sentences'));
    }
    expect(await count('select count(distinct article_id) as n from article_sentences')).toBe(6);
    // Bodies: the long one, then 4,000-6,000 characters, several outlets, no two alike.
    const bodies = await rows<{ body: string; outlet: string }>(sql`select body, outlet from articles order by id`);
    expect(bodies[0].body.length).toBeGreaterThan(59_000);
    for (const b of bodies.slice(1)) expect(b.body.length).toBeGreaterThanOrEqual(4000);
    expect(new Set(bodies.map((b) => b.body)).size).toBe(6);
    expect(new Set(bodies.map((b) => b.outlet)).size).toBe(6);
    // A team of 4-6 reviewers per article.
    const teams = await rows<{ n: number }>(sql`select count(distinct author_id) as n from annotations group by article_id`);
    for (const t of teams) expect(t.n).toBeGreaterThanOrEqual(2);
    for (const t of teams) expect(t.n).toBeLessThanOrEqual(6);
    const figures = await projectAgreement({ actor: corpus.lead.actor, projectId: corpus.projectId });
    expect(figures.pairs.some((p) => p.articles > 0)).toBe(true);
    // The cache keeps SQLite database files (VACUUM INTO, a file copy): nothing to cache on PostgreSQL.
    if (onPostgres()) return;
    saveCorpus(6, corpus);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-restore-'));
    process.env.DATA_DIR = dataDir;
    const restored = restoreCorpus(6, dataDir)!;
    expect(restored.counts).toEqual(corpus.counts);
    expect(await count('select count(*) as n from annotations')).toBe(corpus.counts.annotations);
    await expectInvariants();
  });
});
