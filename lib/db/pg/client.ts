/**
 * The PostgreSQL connection pool of this process (DATABASE_URL) and its write transactions.
 * Like the SQLite connection, the pool lives on globalThis: the production server loads lib/
 * twice (Next.js's bundle and the server's own) and both must share it.
 *
 * Write transactions are SERIALIZABLE: PostgreSQL then guarantees the outcome of some serial
 * order, which is what SQLite's BEGIN IMMEDIATE gives by taking the write lock first, so every
 * read-then-write rule of lib/data holds on both engines without row locks written by hand.
 * A transaction PostgreSQL aborts as a serialization failure (or deadlock victim) is run again
 * from its start, a bounded number of times; when every attempt fails the caller gets a 503
 * "try again", never a lost or half-applied write.
 */
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema';
import { AppError } from '../../errors';

export type PgDb = NodePgDatabase<typeof schema>;

// int8 (count(*), sum of integers, bigint columns read raw) and numeric as JS numbers, as
// SQLite gives them: every count and id of this app is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

interface PgState {
  url: string;
  pool: pg.Pool;
  db: PgDb;
  stats: PgStats;
}

/** What the pool has done since it opened (GET /api/health, the benchmarks). */
export interface PgStats {
  transactions: number;
  /** Attempts run again after a serialization failure or deadlock. */
  retries: number;
  /** Transactions refused with 503 after their last attempt failed too. */
  exhausted: number;
}

const holder = globalThis as unknown as { __workbenchPg?: PgState };

const RETRYABLE = new Set(['40001', '40P01']);

function poolSize(): number {
  return Math.max(1, Number(process.env.PG_POOL_MAX) || 10);
}

function attempts(): number {
  return Math.max(1, Number(process.env.PG_TX_ATTEMPTS) || 20);
}

/** The pool for `url`, opened on first use (a changed DATABASE_URL opens a new one). */
export function pgState(url: string): PgState {
  const current = holder.__workbenchPg;
  if (current && current.url === url) return current;
  if (current) void current.pool.end().catch(() => {});
  const pool = new pg.Pool({ connectionString: url, max: poolSize(), connectionTimeoutMillis: 10_000 });
  // An idle client losing its server must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  const state: PgState = { url, pool, db: drizzle({ client: pool, schema }), stats: { transactions: 0, retries: 0, exhausted: 0 } };
  holder.__workbenchPg = state;
  return state;
}

export function pgStats(): PgStats | undefined {
  return holder.__workbenchPg?.stats;
}

/** Closes the pool (tests, the CLI at exit). */
export async function closePg(): Promise<void> {
  const current = holder.__workbenchPg;
  holder.__workbenchPg = undefined;
  await current?.pool.end().catch(() => {});
}

/** The SQLSTATE of a PostgreSQL error, also when drizzle wraps it (DrizzleQueryError's cause). */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has(pgErrorCode(error) ?? '');
}

/** A checked-out client of the pool, given a drizzle handle of its own. */
export interface PgTransaction {
  client: pg.PoolClient;
  db: PgDb;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `body` in a transaction of its own on a pooled client, again from the start after a
 * serialization failure. `begin` is the BEGIN statement (write transactions are serializable,
 * exports' snapshots repeatable read, read only).
 */
export async function pgTransaction<T>(url: string, begin: string, body: (tx: PgTransaction) => Promise<T>): Promise<T> {
  const state = pgState(url);
  const limit = attempts();
  for (let attempt = 1; ; attempt++) {
    const client = await state.pool.connect();
    let broken: Error | undefined;
    // A client whose connection fails while checked out reports it here, not as a crash.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      await client.query(begin);
      const value = await body({ client, db: drizzle({ client, schema }) });
      await client.query('COMMIT');
      state.stats.transactions++;
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      if (!isRetryable(error)) throw error;
      if (attempt >= limit) {
        state.stats.exhausted++;
        throw new AppError('unavailable', 'The database is busy with conflicting changes; please try again in a moment.', { retryAfterSeconds: 1 });
      }
      state.stats.retries++;
      // Jittered, growing pause (10 ms, 20 ms, ... up to half a second): the transactions that
      // collided should not collide again, and a burst of them spreads out.
      await sleep(Math.random() * Math.min(500, 5 * 2 ** attempt));
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
