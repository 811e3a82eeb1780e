/**
 * `npm run cli -- check`'s invariants, run on the engine of this test file: cli/invariants.ts
 * on the SQLite connection, cli/pgInvariants.ts on a client of the PostgreSQL pool (in one
 * read-only snapshot, as `check` runs them). Both implement every invariant of
 * cli/invariantRules.ts under the same names.
 */
import { getSqlite } from '@/lib/db/client';
import { databaseUrl, onPostgres } from '@/lib/db/engine';
import { pgState } from '@/lib/db/pg/client';
import { INVARIANTS } from '@/cli/invariants';
import { inCheckSnapshot, PG_INVARIANTS, type PgDb } from '@/cli/pgInvariants';

export type Problems = Record<string, string[]>;

function sqliteChecks(): Problems {
  const db = getSqlite();
  return Object.fromEntries(INVARIANTS.map((inv) => [inv.name, inv.run(db)]));
}

async function pgChecks(client: PgDb): Promise<Problems> {
  const out: Problems = {};
  for (const inv of PG_INVARIANTS) out[inv.name] = await inv.run(client);
  return out;
}

async function withPgClient<T>(fn: (client: PgDb) => Promise<T>): Promise<T> {
  const client = await pgState(databaseUrl()!).pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/** Every invariant's problems, by name (an empty list where it holds). */
export async function invariantProblems(): Promise<Problems> {
  if (!onPostgres()) return sqliteChecks();
  return withPgClient((client) => inCheckSnapshot(client, () => pgChecks(client)));
}

/** Every problem of every invariant, in one list. */
export async function allProblems(): Promise<string[]> {
  return Object.values(await invariantProblems()).flat();
}

/**
 * The problems the checks find while `corruption` (one statement per engine) is applied inside
 * a transaction that is rolled back afterwards, so the database is left as it was.
 */
export async function problemsWhile(corruption: { sqlite: string; pg: string }): Promise<Problems> {
  if (!onPostgres()) {
    const sqlite = getSqlite();
    sqlite.exec('savepoint plant');
    try {
      sqlite.pragma('foreign_keys = OFF');
      sqlite.exec(corruption.sqlite);
      return sqliteChecks();
    } finally {
      sqlite.exec('rollback to plant; release plant');
      sqlite.pragma('foreign_keys = ON');
    }
  }
  return withPgClient(async (client) => {
    await client.query('begin');
    try {
      await client.query(corruption.pg);
      return await pgChecks(client);
    } finally {
      await client.query('rollback');
    }
  });
}
