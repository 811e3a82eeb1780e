/**
 * Raw SQL for tests, on the database the app uses (SQLite's file or PostgreSQL's, through
 * getDb() and lib/db/query.ts), and the `check` invariants of that engine. Write the SQL so it
 * reads alike on both: camelCase aliases quoted, no engine-only functions.
 */
import type { SQL } from 'drizzle-orm';
import { getDb, getSqlite } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { sqlAll, sqlExec, sqlFirst } from '@/lib/db/query';
import { INVARIANTS } from '@/cli/invariants';

/** Every row of a raw statement. */
export const rows = <T = Record<string, unknown>>(statement: SQL): Promise<T[]> => sqlAll<T>(getDb(), statement);

/** The first row of a raw statement, or undefined. */
export const row = <T = Record<string, unknown>>(statement: SQL): Promise<T | undefined> => sqlFirst<T>(getDb(), statement);

/** Runs a raw write; answers how many rows it changed. */
export const run = (statement: SQL): Promise<{ changes: number }> => sqlExec(getDb(), statement);

/** The first column of every row. */
export async function column<T = unknown>(statement: SQL): Promise<T[]> {
  return (await rows<Record<string, T>>(statement)).map((r) => Object.values(r)[0]);
}

/** The first column of the first row, or undefined. */
export async function value<T = unknown>(statement: SQL): Promise<T | undefined> {
  const first = await row<Record<string, T>>(statement);
  return first ? Object.values(first)[0] : undefined;
}

/**
 * The problems `check` finds, per invariant name (those named, or every one): SQLite's
 * cli/invariants.ts, or PostgreSQL's cli/pgInvariants.ts in one read-only snapshot.
 */
export async function invariantProblems(names?: string[]): Promise<Array<{ name: string; problems: string[] }>> {
  const wanted = (name: string) => !names || names.includes(name);
  if (!onPostgres()) return INVARIANTS.filter((i) => wanted(i.name)).map((i) => ({ name: i.name, problems: i.run(getSqlite()) }));
  const { PG_INVARIANTS, inCheckSnapshot } = await import('@/cli/pgInvariants');
  const pool = (getDb() as unknown as { $client: import('pg').Pool }).$client;
  const client = await pool.connect();
  try {
    return await inCheckSnapshot(client, async () => {
      const out: Array<{ name: string; problems: string[] }> = [];
      for (const invariant of PG_INVARIANTS.filter((i) => wanted(i.name))) out.push({ name: invariant.name, problems: await invariant.run(client) });
      return out;
    });
  } finally {
    client.release();
  }
}
