/**
 * PostgreSQL migrations (lib/db/pg/migrate.ts): drizzle/pg applies to an empty database and a
 * second time does nothing, two instances starting at once take turns under the advisory
 * lock, and each bad configuration stops `npm run pg:migrate` with one line and exit 1.
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { getSqlite } from '@/lib/db/client';
import { applyPgMigrations, PgConfigError } from '@/lib/db/pg/migrate';
import { createEmptyDatabase, dropDatabase, PG_TEST_URL } from './pgTestDb';

const made: string[] = [];
afterAll(async () => {
  for (const name of made) await dropDatabase(name);
});

async function emptyDatabase(): Promise<string> {
  const { name, url } = await createEmptyDatabase('wb_migrate');
  made.push(name);
  return url;
}

async function query<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

/** `npm run pg:migrate` against a URL: its exit code and what it wrote to stderr. */
function runScript(url: string): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/pg-migrate.ts', url], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!PG_TEST_URL)('PostgreSQL migrations', () => {
  it('apply to an empty database, and a second time do nothing', async () => {
    const url = await emptyDatabase();
    const first = await applyPgMigrations(url);
    expect(first.applied).toBeGreaterThanOrEqual(3);
    expect(first.total).toBe(first.applied);
    const second = await applyPgMigrations(url);
    expect(second).toEqual({ applied: 0, total: first.total });

    const tables = await query<{ n: number }>(url, `select count(*)::int as n from pg_tables where schemaname = 'public'`);
    expect(tables[0].n).toBe(43);
  });

  it('port every SQLite trigger but the FTS5 ones, under the same name', async () => {
    const url = await emptyDatabase();
    await applyPgMigrations(url);
    const sqliteTriggers = (getSqlite().prepare(`select name from sqlite_master where type = 'trigger'`).all() as Array<{ name: string }>).map((r) => r.name);
    // FTS5 tables are kept by these triggers; the tsvector expression indexes need none.
    const ftsOnly = sqliteTriggers.filter((name) => /^(annotations_search_a[iud]|article_sentences_search_a[id]|articles_fts_a[iud])$/.test(name));
    expect(ftsOnly).toHaveLength(8);
    const pgTriggers = (await query<{ name: string }>(url, `select tgname as name from pg_trigger where not tgisinternal`)).map((r) => r.name);
    // PostgreSQL's own: the event log's NOTIFY for live updates across instances (SQLite's streams wake in process).
    const pgOnly = ['events_notify_ai'];
    expect(pgTriggers.filter((name) => !pgOnly.includes(name)).sort()).toEqual(sqliteTriggers.filter((name) => !ftsOnly.includes(name)).sort());
    expect(pgTriggers).toEqual(expect.arrayContaining(pgOnly));
  });

  it('give every SQLite table the same columns (and NOT NULLs), indexes and foreign keys (and cascades)', async () => {
    const url = await emptyDatabase();
    await applyPgMigrations(url);
    const sqlite = getSqlite();
    // The FTS5 tables and their shadow tables have no PostgreSQL counterpart (indexes do that work).
    const tables = (sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like '%fts%'`).all() as Array<{ name: string }>).map((r) => r.name);
    const sqliteColumns: string[] = [];
    const sqliteKeys: string[] = [];
    for (const table of tables) {
      for (const c of sqlite.prepare(`select name, "notnull" as required, pk from pragma_table_info(?)`).all(table) as Array<{ name: string; required: number; pk: number }>) {
        sqliteColumns.push(`${table}.${c.name} ${c.required || c.pk ? 'not null' : 'null'}`);
      }
      for (const k of sqlite.prepare(`select "from", "table", "to", on_delete from pragma_foreign_key_list(?)`).all(table) as Array<Record<string, string>>) {
        sqliteKeys.push(`${table}.${k.from} -> ${k.table}.${k.to ?? 'id'} on delete ${k.on_delete.toLowerCase()}`);
      }
    }
    const pgColumns = (await query<{ line: string }>(url, `select table_name || '.' || column_name || ' ' || case when is_nullable = 'NO' then 'not null' else 'null' end as line
      from information_schema.columns c where table_schema = 'public'
        and exists (select 1 from information_schema.tables t where t.table_schema = 'public' and t.table_name = c.table_name and t.table_type = 'BASE TABLE')`)).map((r) => r.line);
    expect(pgColumns.sort()).toEqual(sqliteColumns.sort());
    // The views (the inbox's derivation, which `cli check` compares with its table) exist alike.
    const sqliteViews = (sqlite.prepare(`select name from sqlite_master where type = 'view'`).all() as Array<{ name: string }>).map((r) => r.name);
    const pgViews = (await query<{ name: string }>(url, `select viewname as name from pg_views where schemaname = 'public'`)).map((r) => r.name);
    expect(pgViews.sort()).toEqual(sqliteViews.sort());
    const pgKeys = (await query<{ line: string }>(url, `select src.relname || '.' || a.attname || ' -> ' || dst.relname || '.' || b.attname || ' on delete ' ||
        case c.confdeltype when 'c' then 'cascade' when 'a' then 'no action' when 'r' then 'restrict' when 'n' then 'set null' else 'set default' end as line
      from pg_constraint c join pg_class src on src.oid = c.conrelid join pg_class dst on dst.oid = c.confrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1] join pg_attribute b on b.attrelid = c.confrelid and b.attnum = c.confkey[1]
      where c.contype = 'f'`)).map((r) => r.line);
    expect(pgKeys.sort()).toEqual(sqliteKeys.sort());
    const sqliteIndexes = (sqlite.prepare(`select name from sqlite_master where type = 'index' and name not like 'sqlite_%'`).all() as Array<{ name: string }>).map((r) => r.name);
    const pgIndexes = (await query<{ name: string }>(url, `select indexname as name from pg_indexes where schemaname = 'public'`)).map((r) => r.name);
    expect(sqliteIndexes.filter((name) => !pgIndexes.includes(name))).toEqual([]);
  });

  it('let two instances starting at once take turns', async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([applyPgMigrations(url), applyPgMigrations(url)]);
    expect([a.applied, b.applied].sort()).toEqual([0, a.total]);
    const rows = await query<{ n: number }>(url, 'select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(rows[0].n).toBe(a.total);
  });

  it('stop with one line on an unreachable server', async () => {
    const url = `postgres://postgres:x@127.0.0.1:${await closedPort()}/workbench`;
    await expect(applyPgMigrations(url)).rejects.toBeInstanceOf(PgConfigError);
    const run = runScript(url);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^PostgreSQL is unreachable at postgres@127\.0\.0\.1:\d+\/workbench \(ECONNREFUSED\)$/)]);
  });

  it('stop with one line on wrong credentials, without printing the password', async () => {
    const url = new URL(PG_TEST_URL);
    url.password = 'not-the-password';
    const run = runScript(url.toString());
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^PostgreSQL refused the credentials for .* \(28P01: password authentication failed/)]);
    expect(run.stderr).not.toContain('not-the-password');
  });

  it('stop with one line on a database migrated by a newer version', async () => {
    const url = await emptyDatabase();
    const { total } = await applyPgMigrations(url);
    const later = Date.now() + 86_400_000;
    await query(url, `insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-build', ${later})`);
    const run = runScript(url);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^The database was migrated by a newer version of the workbench/)]);
    // Nothing was applied or undone.
    const rows = await query<{ n: number }>(url, 'select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(rows[0].n).toBe(total + 1);
  });
});
