/**
 * A read snapshot held open across awaits (exports stream for as long as the client reads):
 * one pooled client in a REPEATABLE READ, READ ONLY transaction, so every statement of the
 * export sees the same committed state while writers go on. Unlike pgTransaction() it has no
 * body: the caller closes it when the stream ends, fails or is abandoned (close() is idempotent).
 *
 * Statements are written with `?` placeholders, as for SQLite, and numbered ($1, $2, ...) here.
 */
import type pg from 'pg';
import { pgState } from './client';

export interface PgSnapshot {
  /** Every row of `text` (with `?` placeholders) for `values`. */
  rows<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Ends the transaction and gives the client back to the pool (a broken one is discarded). */
  close(): Promise<void>;
  readonly closed: boolean;
}

/** `?` placeholders as PostgreSQL's $1, $2, ... (the statements here hold no literal `?`). */
export function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** Opens a snapshot on a client of the pool for `url`. */
export async function openPgSnapshot(url: string): Promise<PgSnapshot> {
  const client: pg.PoolClient = await pgState(url).pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (!broken) await client.query('ROLLBACK');
    } catch (error) {
      broken = error as Error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (error) {
    broken = error as Error;
    await close();
    throw error;
  }
  return {
    async rows<T>(text: string, values: unknown[] = []) {
      if (closed) throw new Error('The export snapshot is closed.');
      return (await client.query(numberPlaceholders(text), values)).rows as T[];
    },
    close,
    get closed() {
      return closed;
    },
  };
}
