/**
 * Backup and restore on PostgreSQL with the commands docs/deploy.md gives: `pg_dump -Fc` of a
 * database holding the seed corpus (and everything the triggers derived from it), restored by
 * `pg_restore` into an empty database, has the same rows in every table, the same triggers
 * (they keep working) and needs no migration.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { applyPgMigrations } from '@/lib/db/pg/migrate';
import { createEmptyDatabase, dropDatabase, migratedDatabase, PG_TEST_URL, type TestDatabase } from './pgTestDb';
import { loadSeedCorpus } from './pgSeedCorpus';

let source: TestDatabase;
let restored: { name: string; url: string } | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-pgdump-'));

/** Row counts of every table, the migration journal included. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname in ('public', 'drizzle') order by 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) counts[name] = (await client.query<{ n: number }>(`select count(*)::int as n from ${name}`)).rows[0].n;
    return counts;
  } finally {
    await client.end();
  }
}

describe.skipIf(!PG_TEST_URL)('PostgreSQL backup', () => {
  beforeAll(async () => {
    source = await migratedDatabase('wb_backup');
    await loadSeedCorpus(source.client);
  });
  afterAll(async () => {
    await source?.close();
    if (restored) await dropDatabase(restored.name);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through pg_dump -Fc and pg_restore with every row', async () => {
    const dump = path.join(dir, 'workbench.dump');
    execFileSync('pg_dump', ['-Fc', '--no-owner', '-f', dump, '-d', source.url], { stdio: 'pipe' });
    restored = await createEmptyDatabase('wb_restored');
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', restored.url, dump], { stdio: 'pipe' });

    const before = await rowCounts(source.url);
    expect(before['public.articles']).toBe(5);
    expect(before['public.article_sentences']).toBeGreaterThan(50);
    expect(before['public.article_stats']).toBe(5);
    expect(before['public.article_revisions']).toBe(5);
    expect(Object.keys(before)).toHaveLength(44);
    expect(await rowCounts(restored.url)).toEqual(before);

    // Restored, it is up to date and its triggers (and identity sequences) carry on.
    expect((await applyPgMigrations(restored.url)).applied).toBe(0);
    const client = new pg.Client({ connectionString: restored.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: number }>(
        `insert into articles (project_id, title, body, sha256) select id, 'After restore', 'A new text.', 'after' from projects limit 1 returning id`,
      );
      expect(rows[0].id).toBe(6);
      const stats = await client.query<{ body_length: number }>('select body_length from article_stats where article_id = $1', [rows[0].id]);
      expect(stats.rows).toEqual([{ body_length: 11 }]);
    } finally {
      await client.end();
    }
  });
});
