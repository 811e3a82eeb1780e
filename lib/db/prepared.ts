/**
 * Statements on the hot paths (every request's access check, creating and editing annotations,
 * the audit event), prepared once per connection. Built on each call, drizzle's query building
 * and SQLite's statement compilation were 60% of the CPU time of creating an annotation.
 *
 * A prepared statement belongs to one connection: the getter answers the one getDb() answers
 * the caller (lib/db/client.ts: the writer inside a transaction, so the statements see its
 * uncommitted writes). The cache is keyed by the connection, so a closed and reopened
 * database prepares anew. It
 * lives on globalThis, keyed by statement name, like the connection itself: the production
 * server loads this module twice (Next.js's bundle and the server's own), and both share one
 * cache.
 */
import type Database from 'better-sqlite3';
import { sql, type Placeholder } from 'drizzle-orm';
import { currentConnection, getDb, type Db } from './client';
import { onPostgres } from './engine';

const holder = globalThis as unknown as { __workbenchStatements?: WeakMap<Database.Database, Map<string, unknown>> };
const byConnection = (holder.__workbenchStatements ??= new WeakMap());
const names = new Set<string>();

/**
 * Returns a getter for the statement `build` makes, prepared on first use. Use
 * `sql.placeholder('name')` for the values and pass them to lib/db/query.ts:
 * `first(statement(), { name })`.
 */
export function preparedStatement<T>(name: string, build: (db: Db) => T): () => T {
  if (names.has(name)) throw new Error(`Two prepared statements are named "${name}"`);
  names.add(name);
  return () => {
    // On PostgreSQL a prepared query belongs to the handle it was built on (the pool, or a
    // transaction's client): built per call, it runs where getDb() answers now.
    if (onPostgres()) return build(getDb());
    const sqlite = currentConnection();
    let statements = byConnection.get(sqlite);
    if (!statements) {
      statements = new Map();
      byConnection.set(sqlite, statements);
    }
    let statement = statements.get(name) as T | undefined;
    if (statement === undefined) {
      statement = build(getDb());
      statements.set(name, statement);
    }
    return statement;
  };
}

/** `{ a: sql.placeholder('a'), ... }`: the values of a prepared insert or update. */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as Record<K, Placeholder<K>>;
}
