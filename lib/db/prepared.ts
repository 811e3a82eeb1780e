/**
 * Statements on the hot paths (every request's access check, creating and editing annotations,
 * the audit event), prepared once per connection. Built on each call, drizzle's query building
 * and SQLite's statement compilation were 60% of the CPU time of creating an annotation.
 *
 * A prepared statement belongs to the one connection of this process (lib/db/client.ts); a
 * transaction runs on that same connection, so the statements see its uncommitted writes.
 * The cache is keyed by the connection, so a closed and reopened database prepares anew.
 */
import type Database from 'better-sqlite3';
import { sql, type Placeholder } from 'drizzle-orm';
import { getDb, getSqlite, type Db } from './client';

const byConnection = new WeakMap<Database.Database, Map<symbol, unknown>>();

/**
 * Returns a getter for the statement `build` makes, prepared on first use. Use
 * `sql.placeholder('name')` for the values and pass them to `.get/.all/.run({ name })`.
 */
export function preparedStatement<T>(name: string, build: (db: Db) => T): () => T {
  const key = Symbol(name);
  return () => {
    const sqlite = getSqlite();
    let statements = byConnection.get(sqlite);
    if (!statements) {
      statements = new Map();
      byConnection.set(sqlite, statements);
    }
    let statement = statements.get(key) as T | undefined;
    if (statement === undefined) {
      statement = build(getDb());
      statements.set(key, statement);
    }
    return statement;
  };
}

/** `{ a: sql.placeholder('a'), ... }`: the values of a prepared insert or update. */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as Record<K, Placeholder<K>>;
}
