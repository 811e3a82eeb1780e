/**
 * The one SQLite connection of this process, cached on globalThis so that Next.js module
 * reloading never opens a second one. Migrations are applied when it is first opened.
 *
 * The server runs this module twice: bundled into Next.js's route handlers and loaded by the
 * write fast lane (server/). Both share the one connection; each wraps it in a drizzle handle
 * of its own, so query builders never mix two copies of drizzle.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { count, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';
import { databasePath } from '../config';
import { applyMigrations } from './migrate';
import { databaseUrl } from './engine';
import { first } from './query';
import { closePg, pgState, pgTransaction, type PgTransaction } from './pg/client';

export type Db = BetterSQLite3Database<typeof schema>;
/**
 * What a write transaction's body gets: the drizzle handle itself, run inside a native
 * better-sqlite3 transaction (writeTransaction). The one connection runs everything, so its
 * queries are the transaction's; drizzle's own transaction object cost a measurable part of
 * every write to build (it sets up a query builder per table) and added nothing used here.
 */
export type Tx = Db;

interface Connection {
  path: string;
  /** DATA_DIR as it was when this connection was opened (tests and the CLI switch it). */
  dataDirSetting: string | undefined;
  /** The one connection that writes; transactions run on it. */
  sqlite: Database.Database;
  /** Read-only, for reads while another transaction is open: WAL gives it the last committed state. */
  reader: Database.Database;
}

const holder = globalThis as unknown as { __workbenchSqlite?: Connection };
const handles = new WeakMap<Database.Database, Db>();

/** Opens a database file with the pragmas every connection must have. */
export function openSqlite(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Savepoint and statement journals in memory, not in a temporary file: they only undo a
  // savepoint inside an open transaction (never crash recovery, which is the WAL's), and group
  // commit's batch of savepoints spilled them to a file of its own at every batch, with
  // two write() calls per page each write touched. Temporary sort tables of this connection
  // are in memory too; exports read on a connection of their own (lib/data/exports.ts).
  sqlite.pragma('temp_store = MEMORY');
  return sqlite;
}

function connect(): Connection {
  const current = holder.__workbenchSqlite;
  // Every query comes through here: compare the setting, not the resolved (and created) folder.
  if (current && current.dataDirSetting === process.env.DATA_DIR && current.sqlite.open) return current;
  const file = databasePath();
  if (current && current.path === file && current.sqlite.open) {
    current.dataDirSetting = process.env.DATA_DIR;
    return current;
  }
  const sqlite = openSqlite(file);
  applyMigrations(drizzle(sqlite, { schema }));
  const reader = openSqlite(file, { readonly: true });
  holder.__workbenchSqlite = { path: file, dataDirSetting: process.env.DATA_DIR, sqlite, reader };
  return holder.__workbenchSqlite;
}

/**
 * The drizzle handle of a connection pair. drizzle prepares each query on its client as it
 * runs it, so the client here picks the connection then, query by query: a handle taken
 * before an await (`const db = getDb()` at the top of a read) still never reads another
 * request's uncommitted rows after it.
 */
function handleOf(connection: Connection): Db {
  let db = handles.get(connection.sqlite);
  if (!db) {
    const routed = new Proxy(connection.sqlite, {
      get(target, property) {
        if (property === 'prepare') return (source: string) => pick(connection).prepare(source);
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    db = drizzle(routed, { schema });
    handles.set(connection.sqlite, db);
  }
  return db;
}

/**
 * The drizzle handle: its queries run inside the caller's write transaction on the writer
 * (its own writes visible); outside one, on the writer while it is idle, and on the read-only
 * connection while another request's transaction is open on it (between two awaits of that
 * transaction, its uncommitted writes must not be read). Opens and migrates the database on
 * first use.
 */
export function getDb(): Db {
  const url = databaseUrl();
  // On PostgreSQL the handle has the SQLite handle's type: lib/db/tables.ts gives it the
  // PostgreSQL tables, and lib/db/query.ts runs what it builds on either engine.
  if (url) return (currentTransaction()?.pg?.db ?? pgState(url).db) as unknown as Db;
  return handleOf(connect());
}

/** The connection a query of the caller runs on now (see getDb), for statements prepared per connection. */
export function currentConnection(): Database.Database {
  return pick(connect());
}

function pick(connection: Connection): Database.Database {
  return currentTransaction() || !connection.sqlite.inTransaction ? connection.sqlite : connection.reader;
}

/** The read-only connection: committed data only, whatever the writer is doing (raw reads). */
export function getReader(): Database.Database {
  return connect().reader;
}

/** The raw better-sqlite3 writer handle, for pragmas, backups and streaming exports. */
export function getSqlite(): Database.Database {
  return connect().sqlite;
}

/** Closes the connections (tests and the CLI's restore use this); SQLite's at once, before the first await. */
export async function closeDb(): Promise<void> {
  const current = holder.__workbenchSqlite;
  if (current?.reader.open) current.reader.close();
  if (current?.sqlite.open) current.sqlite.close();
  holder.__workbenchSqlite = undefined;
  await closePg();
}

/**
 * What a transaction of this process knows about itself, carried by AsyncLocalStorage through
 * every await of its body: getDb() inside it answers the writer connection (the transaction's
 * own writes visible), outside it the read-only one (only committed data, never a write still
 * open between two awaits of another request).
 */
export interface TransactionScope {
  open: boolean;
  /** Savepoints open inside it, innermost last: nested write transactions run one at a time. */
  savepoints: string[];
  /** On PostgreSQL: the pooled client the transaction runs on. */
  pg?: PgTransaction;
  /** Work to start once the transaction has committed (afterCommit). */
  afterCommit?: Array<() => void>;
}

/**
 * Runs `fn` once the caller's transaction has committed (at once outside one; never when it
 * rolls back), outside any transaction scope: background work it starts (sentence indexing)
 * must neither run on the transaction's connection nor miss its rows, which on PostgreSQL,
 * where writers do not take turns, a timer set inside the transaction could.
 */
export function afterCommit(fn: () => void): void {
  const scope = currentTransaction();
  if (scope) (scope.afterCommit ??= []).push(fn);
  else scopes.exit(fn);
}

/** Runs a committed scope's afterCommit work. */
export function committed(scope: TransactionScope): void {
  const work = scope.afterCommit ?? [];
  scope.afterCommit = undefined;
  scopes.exit(() => {
    for (const fn of work) fn();
  });
}
const scopes = (globalThis as unknown as { __workbenchTxScope?: AsyncLocalStorage<TransactionScope> }).__workbenchTxScope ??= new AsyncLocalStorage<TransactionScope>();

/** The transaction the caller runs in, if one is open. */
export function currentTransaction(): TransactionScope | undefined {
  const scope = scopes.getStore();
  return scope?.open ? scope : undefined;
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken before the first read,
 * so read-then-write logic cannot race with another writer. Write transactions of this
 * process take turns (one connection has one transaction); one opened inside another becomes
 * a savepoint of it, rolled back alone when its body throws.
 */
export async function writeTransaction<T>(fn: (tx: Tx) => T | Promise<T>): Promise<T> {
  const scope = currentTransaction();
  if (scope) return inSavepoint(scope, fn);
  const url = databaseUrl();
  // On PostgreSQL too the write transactions of one process take turns: many writes to one
  // article all update its counters' row, and side by side all but one would fail as
  // serialization conflicts and retry. Across instances, SERIALIZABLE and the retry keep them apart.
  if (url) return withWriter(() => inPgTransaction(url, 'BEGIN ISOLATION LEVEL SERIALIZABLE', fn));
  return withWriter(async () => {
    const sqlite = getSqlite();
    sqlite.exec('BEGIN IMMEDIATE');
    const opened: TransactionScope = { open: true, savepoints: [] };
    try {
      const value = await scopes.run(opened, () => fn(getDb()));
      // An I/O or disk-full error makes SQLite roll the whole transaction back by itself.
      if (!sqlite.inTransaction) throw new Error('The write transaction was rolled back by the database.');
      sqlite.exec('COMMIT');
      opened.open = false;
      committed(opened);
      return value;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    } finally {
      opened.open = false;
    }
  });
}

/** Runs `fn` inside the open transaction `scope` as a savepoint of its own. */
export async function inSavepoint<T>(scope: TransactionScope, fn: (tx: Tx) => T | Promise<T>): Promise<T> {
  if (scope.pg) return inPgSavepoint(scope, scope.pg, fn);
  const sqlite = getSqlite();
  if (!sqlite.inTransaction) throw new Error('The write transaction was rolled back by the database.');
  const name = `nested_${scope.savepoints.length}`;
  scope.savepoints.push(name);
  sqlite.exec(`SAVEPOINT ${name}`);
  try {
    const value = await fn(getDb());
    if (scope.savepoints.at(-1) !== name) throw new Error('Nested write transactions must run one after another, not side by side.');
    sqlite.exec(`RELEASE ${name}`);
    return value;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
    throw error;
  } finally {
    scope.savepoints.splice(scope.savepoints.indexOf(name), 1);
  }
}

/**
 * A PostgreSQL transaction (lib/db/pg/client.ts: run again after a serialization failure)
 * with its scope, so getDb() inside `fn` answers the transaction's client.
 */
async function inPgTransaction<T>(url: string, begin: string, fn: (tx: Tx) => T | Promise<T>): Promise<T> {
  let done: TransactionScope | undefined;
  const value = await pgTransaction(url, begin, async (pg) => {
    done = undefined;
    const opened: TransactionScope = { open: true, savepoints: [], pg };
    try {
      const result = await scopes.run(opened, () => fn(pg.db as unknown as Tx));
      done = opened;
      return result;
    } finally {
      opened.open = false;
    }
  });
  // Only the attempt that committed: a retried attempt's scope is dropped with its work.
  if (done) committed(done);
  return value;
}

async function inPgSavepoint<T>(scope: TransactionScope, pg: PgTransaction, fn: (tx: Tx) => T | Promise<T>): Promise<T> {
  const name = `nested_${scope.savepoints.length}`;
  scope.savepoints.push(name);
  await pg.client.query(`SAVEPOINT ${name}`);
  try {
    const value = await fn(pg.db as unknown as Tx);
    if (scope.savepoints.at(-1) !== name) throw new Error('Nested write transactions must run one after another, not side by side.');
    await pg.client.query(`RELEASE ${name}`);
    return value;
  } catch (error) {
    await pg.client.query(`ROLLBACK TO ${name}; RELEASE ${name}`).catch(() => {});
    throw error;
  } finally {
    scope.savepoints.splice(scope.savepoints.indexOf(name), 1);
  }
}

/**
 * Runs `fn` on one consistent snapshot of committed data: the read-only connection's own
 * read transaction on SQLite (WAL keeps what it saw while writers go on), a REPEATABLE READ,
 * READ ONLY transaction on PostgreSQL. For reads of many statements that must agree (exports).
 */
export async function readSnapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const url = databaseUrl();
  if (url) return inPgTransaction(url, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
  return fn(getDb());
}

/**
 * Runs `fn` holding this process's writer turn: write transactions and group-commit batches
 * queue here in arrival order (a promise chain on globalThis, shared by both copies of this
 * module). Another process is kept out by BEGIN IMMEDIATE and busy_timeout on SQLite, and by
 * SERIALIZABLE with its retry on PostgreSQL.
 */
export async function withWriter<T>(fn: () => Promise<T>): Promise<T> {
  const holder = globalThis as unknown as { __workbenchWriterTail?: Promise<unknown> };
  const before = holder.__workbenchWriterTail ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  holder.__workbenchWriterTail = before.then(() => mine);
  await before;
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Runs `fn` with `scope` as the current transaction (group commit's savepoints). */
export function runInScope<T>(scope: TransactionScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The number of rows of `table` matching `where`. */
export async function countRows(db: Db | Tx, table: SQLiteTable, where?: SQL): Promise<number> {
  return (await first(db.select({ n: count() }).from(table).where(where)))?.n ?? 0;
}
