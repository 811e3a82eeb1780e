/**
 * `cli check` on both engines over bench:scale's desk corpus (`npm run bench:check`): takes the
 * cached corpus of CHECK_SIZE articles (default 2000: 100,750 annotations, 19,990 links, 49,975
 * reviews; built through lib/data when not cached, bench/scale/cache.ts), times each invariant
 * on SQLite, copies the rows into a fresh PostgreSQL database on PG_TEST_URL's server (the
 * source tables only: every derived table, counter and revision 1 is filled by the PL/pgSQL
 * triggers as the rows arrive), and times each invariant there, in one read-only snapshot as
 * `check` runs them. Prints a table; both must pass (the copy also shows the triggers of
 * drizzle/pg keep, over a real corpus, what SQLite's kept). CHECK_AMCHECK=1 installs amcheck
 * first, so integrity_check also verifies every index and table. The database and the copied DATA_DIR are deleted at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { getTableName } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { closeDb, getDb, getSqlite } from '../lib/db/client';
import * as sqliteSchema from '../lib/db/tables';
import * as pgSchema from '../lib/db/pg/schema';
import { applyPgMigrations } from '../lib/db/pg/migrate';
import { INVARIANTS } from '../cli/invariants';
import { PG_INVARIANTS } from '../cli/pgInvariants';
import { freshDataDir } from './harness';
import { restoreCorpus, saveCorpus } from './scale/cache';
import { grow, startCorpus } from './scale/corpus';
import { all } from '../lib/db/query';

const SIZE = Number(process.env.CHECK_SIZE || 2000);
const ADMIN_URL = process.env.PG_TEST_URL || '';
const BATCH = 1000;

/** Source tables, parents first; agreement rows after the statements (their triggers clear the cache). */
const COPIED = ['users', 'projects', 'memberships', 'apiTokens', 'articles', 'annotations', 'links', 'reviews', 'comments', 'verdicts', 'events', 'agreementArticles', 'agreementPairs'] as const;

function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function copyInto(client: pg.Client): Promise<Record<string, number>> {
  const db = drizzle({ client, schema: pgSchema });
  const copied: Record<string, number> = {};
  for (const table of COPIED) {
    const rows = await all(getDb().select().from(sqliteSchema[table])) as Array<Record<string, unknown>>;
    for (let i = 0; i < rows.length; i += BATCH) {
      // The row types of the two schemas are equal (tests/db/pgSchemaTypes.test.ts).
      await db.insert(pgSchema[table]).values(rows.slice(i, i + BATCH) as never);
    }
    copied[getTableName(sqliteSchema[table])] = rows.length;
  }
  // SQL-only on SQLite, so not in its drizzle schema.
  const sentences = getSqlite().prepare('select article_id as articleId, project_id as projectId, start, "end", text from article_sentences').all() as Array<typeof pgSchema.articleSentences.$inferInsert>;
  for (let i = 0; i < sentences.length; i += BATCH) await db.insert(pgSchema.articleSentences).values(sentences.slice(i, i + BATCH));
  copied.article_sentences = sentences.length;
  return copied;
}

function ms(started: number): number {
  return Math.round(performance.now() - started);
}

async function main(): Promise<void> {
  if (!ADMIN_URL) throw new Error('Set PG_TEST_URL (scripts/pg-throwaway.sh url)');
  process.env.DATA_DIR = freshDataDir('check');
  if (!restoreCorpus(SIZE, process.env.DATA_DIR)) {
    console.log(`Building a corpus of ${SIZE} articles (cached for the next run) ...`);
    const corpus = await startCorpus();
    await grow(corpus, SIZE);
    saveCorpus(SIZE, corpus);
  }
  const timings = new Map<string, { sqlite: number; pg: number; sqliteProblems: number; pgProblems: number }>();
  let started = performance.now();
  for (const invariant of INVARIANTS) {
    const t = performance.now();
    const problems = invariant.run(getSqlite());
    timings.set(invariant.name, { sqlite: ms(t), pg: 0, sqliteProblems: problems.length, pgProblems: 0 });
  }
  const sqliteTotal = ms(started);

  const name = `wb_bench_check_${crypto.randomBytes(4).toString('hex')}`;
  await admin(`create database "${name}"`);
  const client = new pg.Client({ connectionString: urlOf(name) });
  try {
    await applyPgMigrations(urlOf(name));
    await client.connect();
    if (process.env.CHECK_AMCHECK === '1') await client.query('create extension amcheck');
    started = performance.now();
    const copied = await copyInto(client);
    const copySeconds = ms(started) / 1000;
    await client.query('vacuum analyze');
    console.log(`Copied ${Object.entries(copied).map(([t, n]) => `${n} ${t}`).join(', ')} in ${copySeconds.toFixed(0)} s`);
    await client.query('begin isolation level repeatable read read only');
    started = performance.now();
    for (const invariant of PG_INVARIANTS) {
      const t = performance.now();
      const problems = await invariant.run(client);
      Object.assign(timings.get(invariant.name)!, { pg: ms(t), pgProblems: problems.length });
      if (problems.length) console.log(`PG ${invariant.name}: ${problems.slice(0, 3).join('; ')}`);
    }
    const pgTotal = ms(started);
    await client.query('commit');

    const width = Math.max(...[...timings.keys()].map((k) => k.length));
    console.log(`\n${'invariant'.padEnd(width)}  SQLite ms  PG ms  problems (SQLite/PG)`);
    for (const [invariant, t] of timings) {
      console.log(`${invariant.padEnd(width)}  ${String(t.sqlite).padStart(9)}  ${String(t.pg).padStart(5)}  ${t.sqliteProblems}/${t.pgProblems}`);
    }
    console.log(`${'all'.padEnd(width)}  ${String(sqliteTotal).padStart(9)}  ${String(pgTotal).padStart(5)}`);
    if ([...timings.values()].some((t) => t.sqliteProblems || t.pgProblems)) process.exitCode = 1;
  } finally {
    await client.end().catch(() => {});
    await admin(`drop database if exists "${name}" with (force)`);
    await closeDb();
    fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
