/**
 * Group commit: write requests that arrive while the connection is busy share one transaction
 * and so one fsync of the WAL, instead of one each. With synchronous=FULL the fsync is most of
 * a small write's cost, and one SQLite connection serializes every writer anyway.
 *
 * Each queued `work` runs in its own savepoint, in arrival order, so it sees the writes queued
 * before it exactly as if they had committed one by one. A work that throws is rolled back to
 * its savepoint alone and answered with its error; the others are kept. Nobody is answered
 * with success before COMMIT has returned: what is acknowledged is on disk. If the commit
 * fails, every work of the batch is rejected and nothing of it is kept.
 *
 * The works of a batch run one after another, each awaited to its end; lib/data's
 * writeTransaction() inside one becomes a savepoint of the batch's transaction. The hot write functions of lib/data are
 * wrapped with `groupCommitted`, so callers only ever await them.
 *
 * The queue lives on globalThis beside the connection (lib/db/client.ts): the production
 * server runs this module twice (bundled by Next.js for pages and server actions, and in the
 * server's own bundle for the direct routes), and both must feed one queue.
 */
import type Database from 'better-sqlite3';
import { committed, getSqlite, runInScope, withWriter, type TransactionScope } from './client';
import { onPostgres } from './engine';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * A batch holds the writer while it runs: bound it so lone write transactions are not kept
 * waiting long.
 * GROUP_COMMIT_MAX=1 gives every write its own transaction (and fsync) again.
 */
export const MAX_BATCH = Math.max(1, Number(process.env.GROUP_COMMIT_MAX) || 64);

interface Queue {
  pending: Pending[];
  scheduled: boolean;
}

const holder = globalThis as unknown as { __workbenchGroupCommit?: Queue };
const shared: Queue = (holder.__workbenchGroupCommit ??= { pending: [], scheduled: false });

/**
 * Runs `work` in the next group commit; settles once that commit is durable (or failed). On
 * PostgreSQL each work runs alone: the server takes writers side by side and commits them
 * together itself (its WAL flush is shared by concurrent commits), and a batch of one
 * instance's writes in one transaction would only widen the serialization conflicts.
 */
export function commitTogether<T>(work: () => T | Promise<T>): Promise<T> {
  if (onPostgres()) return Promise.resolve().then(work);
  return new Promise<T>((resolve, reject) => {
    shared.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!shared.scheduled) {
      shared.scheduled = true;
      // setImmediate: after the I/O callbacks of this turn, so the requests read meanwhile join.
      setImmediate(flush);
    }
  });
}

/**
 * `write` as a group-committed write: same arguments, answered once its commit is durable.
 * A synchronous throw (bad input, a refused permission) becomes the promise's rejection.
 */
export function groupCommitted<A, R>(write: (args: A) => R | Promise<R>): (args: A) => Promise<R> {
  return (args) => commitTogether(() => write(args));
}

function flush(): void {
  // The batch is taken once the writer is free: writes that arrive while it waits join it.
  void withWriter(async () => {
    shared.scheduled = false;
    const batch = shared.pending.slice(0, MAX_BATCH);
    shared.pending = shared.pending.slice(MAX_BATCH);
    if (shared.pending.length) {
      shared.scheduled = true;
      setImmediate(flush);
    }
    let outcomes: Outcome[];
    try {
      outcomes = await runBatch(batch);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i].resolve(o.value) : batch[i].reject(o.error)));
  });
}

/** One transaction for the batch, one savepoint per work; throws when the batch must fail whole. */
async function runBatch(batch: Pending[]): Promise<Outcome[]> {
  const sqlite = getSqlite();
  sqlite.exec('BEGIN IMMEDIATE');
  const scope: TransactionScope = { open: true, savepoints: [] };
  try {
    const outcomes: Outcome[] = [];
    for (const p of batch) outcomes.push(await runInSavepoint(sqlite, scope, p.work));
    // An I/O or disk-full error makes SQLite roll the whole transaction back by itself.
    if (!sqlite.inTransaction) throw new Error('The write transaction was rolled back by the database.');
    sqlite.exec('COMMIT');
    scope.open = false;
    committed(scope);
    return outcomes;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    scope.open = false;
  }
}

type Connection = Awaited<ReturnType<typeof getSqlite>>;

/** SAVEPOINT and RELEASE, prepared once per connection: exec() parsed them for every write. */
const savepoints = new WeakMap<Connection, { begin: Database.Statement<[]>; release: Database.Statement<[]> }>();
function savepointsOf(sqlite: Connection) {
  let statements = savepoints.get(sqlite);
  if (!statements) {
    statements = { begin: sqlite.prepare<[]>('SAVEPOINT group_commit_work'), release: sqlite.prepare<[]>('RELEASE group_commit_work') };
    savepoints.set(sqlite, statements);
  }
  return statements;
}

async function runInSavepoint(sqlite: Connection, scope: TransactionScope, work: () => unknown): Promise<Outcome> {
  if (!sqlite.inTransaction) return { ok: false, error: new Error('The write transaction was rolled back by the database.') };
  const savepoint = savepointsOf(sqlite);
  savepoint.begin.run();
  try {
    const value = await runInScope(scope, work);
    savepoint.release.run();
    return { ok: true, value };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK TO group_commit_work; RELEASE group_commit_work');
    return { ok: false, error };
  }
}
