/**
 * The one SQLite connection of this process, cached on globalThis so that Next.js module
 * reloading never opens a second one. Migrations are applied when it is first opened.
 *
 * The server runs this module twice: bundled into Next.js's route handlers and loaded by the
 * write fast lane (server/). Both share the one connection; each wraps it in a drizzle handle
 * of its own, so query builders never mix two copies of drizzle.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { count, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';
import { databasePath } from '../config';
import { applyMigrations } from './migrate';

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
  sqlite: Database.Database;
}

const holder = globalThis as unknown as { __workbenchSqlite?: Connection };
let wrapped: { sqlite: Database.Database; db: Db } | undefined;

/** Opens a database file with the pragmas every connection must have. */
export function openSqlite(file: string): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
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

function connect(): Database.Database {
  const current = holder.__workbenchSqlite;
  // Every query comes through here: compare the setting, not the resolved (and created) folder.
  if (current && current.dataDirSetting === process.env.DATA_DIR && current.sqlite.open) return current.sqlite;
  const file = databasePath();
  if (current && current.path === file && current.sqlite.open) {
    current.dataDirSetting = process.env.DATA_DIR;
    return current.sqlite;
  }
  const sqlite = openSqlite(file);
  applyMigrations(drizzle(sqlite, { schema }));
  holder.__workbenchSqlite = { path: file, dataDirSetting: process.env.DATA_DIR, sqlite };
  return sqlite;
}

/** The drizzle handle; opens and migrates the database on first use. */
export function getDb(): Db {
  const sqlite = connect();
  if (wrapped?.sqlite !== sqlite) wrapped = { sqlite, db: drizzle(sqlite, { schema }) };
  return wrapped.db;
}

/** The raw better-sqlite3 handle, for pragmas, backups and streaming exports. */
export function getSqlite(): Database.Database {
  return connect();
}

/** Closes the connection (tests and the CLI's restore use this). */
export function closeDb(): void {
  const current = holder.__workbenchSqlite;
  if (current?.sqlite.open) current.sqlite.close();
  holder.__workbenchSqlite = undefined;
  wrapped = undefined;
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken before the first read,
 * so read-then-write logic cannot race with another writer. `fn` must be synchronous.
 */
export function writeTransaction<T>(fn: (tx: Tx) => T): T {
  const db = getDb();
  return nativeTransaction(getSqlite()).immediate(() => fn(db)) as T;
}

/**
 * better-sqlite3's transaction function, made once per connection: it runs the body it is
 * given, as BEGIN IMMEDIATE ... COMMIT, or as a savepoint inside a transaction already open
 * (group commit's batch), rolled back when the body throws.
 */
const transactions = new WeakMap<Database.Database, Database.Transaction<(body: () => unknown) => unknown>>();
function nativeTransaction(sqlite: Database.Database) {
  let transaction = transactions.get(sqlite);
  if (!transaction) {
    transaction = sqlite.transaction((body: () => unknown) => body());
    transactions.set(sqlite, transaction);
  }
  return transaction;
}

/** Synchronous row count (drizzle's $count is promise-based). */
export function countRows(db: Db | Tx, table: SQLiteTable, where?: SQL): number {
  return db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}
