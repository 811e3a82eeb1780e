/**
 * Runs a query the data layer built, on either engine. lib/data writes each query once with
 * drizzle's SQLite-typed builders (lib/db/tables.ts); on SQLite they run synchronously with
 * .get/.all/.run, on PostgreSQL the same builders (made by the pg-core dialect) are promises
 * and prepared statements have .execute. These helpers hide the difference:
 *
 *   await first(db.select().from(users).where(...))      the first row, or undefined
 *   await all(db.select().from(users))                    every row
 *   await exec(db.update(users).set(...).where(...))      { changes }: rows written
 *
 * A prepared statement (lib/db/prepared.ts) takes its placeholder values as the second argument.
 * sqlFirst/sqlAll/sqlExec do the same for a raw sql`` statement.
 */
import type { SQL } from 'drizzle-orm';
import { onPostgres } from './engine';

type Values = Record<string, unknown>;

interface PgRunnable {
  execute?: (values?: Values) => Promise<unknown>;
  then?: unknown;
}

async function pgResult(query: unknown, values?: Values): Promise<unknown> {
  const runnable = query as PgRunnable;
  return typeof runnable.execute === 'function' ? runnable.execute(values) : (query as Promise<unknown>);
}

function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  return (result as { rows?: unknown[] })?.rows ?? [];
}

/** The first row the query answers, or undefined. */
export async function first<Q extends { get: (...args: never[]) => unknown }>(query: Q, values?: Values): Promise<ReturnType<Q['get']>> {
  if (onPostgres()) return rowsOf(await pgResult(query, values))[0] as ReturnType<Q['get']>;
  return (query.get as (values?: Values) => ReturnType<Q['get']>).call(query, values);
}

/** Every row the query answers. */
export async function all<Q extends { all: (...args: never[]) => unknown }>(query: Q, values?: Values): Promise<ReturnType<Q['all']>> {
  if (onPostgres()) return rowsOf(await pgResult(query, values)) as ReturnType<Q['all']>;
  return (query.all as (values?: Values) => ReturnType<Q['all']>).call(query, values);
}

/** Runs a write; answers how many rows it changed. */
export async function exec(query: { run: (...args: never[]) => unknown }, values?: Values): Promise<{ changes: number }> {
  if (onPostgres()) {
    const result = await pgResult(query, values);
    return { changes: Array.isArray(result) ? result.length : Number((result as { rowCount?: number | null })?.rowCount ?? 0) };
  }
  const result = (query.run as (values?: Values) => { changes: number }).call(query, values);
  return { changes: Number(result.changes) };
}

interface RawDb {
  get<T>(statement: SQL): T;
  all<T>(statement: SQL): T[];
  run(statement: SQL): { changes: number };
}
type PgRaw = { execute(statement: SQL): Promise<{ rows: unknown[]; rowCount: number | null }> };

/** The first row of a raw statement. */
export async function sqlFirst<T>(db: unknown, statement: SQL): Promise<T | undefined> {
  if (onPostgres()) return (await (db as PgRaw).execute(statement)).rows[0] as T | undefined;
  return (db as RawDb).get<T>(statement) ?? undefined;
}

/** Every row of a raw statement. */
export async function sqlAll<T>(db: unknown, statement: SQL): Promise<T[]> {
  if (onPostgres()) return (await (db as PgRaw).execute(statement)).rows as T[];
  return (db as RawDb).all<T>(statement);
}

/** Runs a raw write; answers how many rows it changed. */
export async function sqlExec(db: unknown, statement: SQL): Promise<{ changes: number }> {
  if (onPostgres()) return { changes: Number((await (db as PgRaw).execute(statement)).rowCount ?? 0) };
  return { changes: Number((db as RawDb).run(statement).changes) };
}


/** The node-postgres pool or client under a drizzle handle (PostgreSQL only), for raw parameterized queries. */
export function pgClientOf(db: unknown): import('pg').Pool | import('pg').PoolClient {
  return (db as { $client: import('pg').Pool | import('pg').PoolClient }).$client;
}
