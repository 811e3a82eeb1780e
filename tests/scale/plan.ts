/**
 * Query-plan checks for the scale work (issue 12): a page load must never read a whole
 * annotations, links, reviews or articles table. SQLite says how it runs a query with
 * EXPLAIN QUERY PLAN; "SCAN t" without an index is a full scan, "SCAN t USING (COVERING)
 * INDEX ..." walks an index in order and "SEARCH t USING ..." looks rows up, both fine.
 *
 * Use it for your own queries:
 *   expectNoFullScan(getSqlite(), ...sqlOf(db.select().from(links).where(...)))
 *   const plans = await capturePlans(getSqlite(), () => myPageData({ actor, projectId }));  // every query run
 *   expectNoFullScans(getSqlite(), plans);
 */
import type Database from 'better-sqlite3';
import { expect } from 'vitest';

/** The tables that grow with the corpus; a full scan of any of them fails the check. */
export const WATCHED = ['annotations', 'links', 'reviews', 'articles'];

export interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** The SQL and parameters of a drizzle query, for the functions below. */
export function sqlOf(query: { toSQL(): { sql: string; params: unknown[] } }): [string, unknown[]] {
  const { sql, params } = query.toSQL();
  return [sql, params];
}

/** alias -> table for every `from`/`join` of the SQL (drizzle quotes both), so aliased scans count too. */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi)) {
    const table = m[1].toLowerCase();
    map.set(table, table);
    const alias = m[2]?.toLowerCase();
    if (alias && !['where', 'on', 'inner', 'left', 'join', 'order', 'group', 'limit', 'cross', 'natural', 'using'].includes(alias)) map.set(alias, table);
  }
  return map;
}

export function explain(db: Database.Database, sql: string, params: unknown[] = []): PlanRow[] {
  return db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as PlanRow[];
}

/** The full scans of watched tables in a plan, as SQLite words them. */
export function fullScans(db: Database.Database, sql: string, params: unknown[] = [], watched = WATCHED): string[] {
  const names = aliases(sql);
  return explain(db, sql, params)
    .map((row) => row.detail)
    .filter((detail) => {
      const m = /^SCAN (\w+)(.*)$/.exec(detail);
      if (!m || /USING (COVERING )?INDEX|VIRTUAL TABLE/.test(m[2])) return false;
      const table = names.get(m[1].toLowerCase()) ?? m[1].toLowerCase();
      return watched.includes(table);
    });
}

/** Fails, showing the whole plan, when `sql` would read a watched table from end to end. */
export function expectNoFullScan(db: Database.Database, sql: string, params: unknown[] = [], watched = WATCHED): void {
  const scans = fullScans(db, sql, params, watched);
  const plan = explain(db, sql, params).map((r) => r.detail).join('\n  ');
  expect(scans, `full scan in:\n${sql}\nplan:\n  ${plan}`).toEqual([]);
}

/** How many `?` parameters `sql` has (outside quoted strings and names). */
function parameterCount(sql: string): number {
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, '').split('?').length - 1;
}

/**
 * Every distinct SQL statement `fn` prepares on `db` (drizzle prepares each query it runs;
 * statements prepared once and cached before the call are not seen again).
 */
export async function capturePlans(db: Database.Database, fn: () => unknown | Promise<unknown>): Promise<string[]> {
  const seen = new Set<string>();
  const original = db.prepare;
  db.prepare = function (this: Database.Database, source: string) {
    seen.add(source);
    return original.call(this, source);
  } as typeof db.prepare;
  try {
    await fn();
  } finally {
    db.prepare = original;
  }
  return [...seen].filter((sql) => /^\s*(select|with|update|delete)\b/i.test(sql));
}

/**
 * The full scans of watched tables in captured statements, explained with NULL for every
 * parameter (plans depend on the indexes, not on the values).
 */
export function fullScansOf(db: Database.Database, statements: string[], watched = WATCHED): Array<{ sql: string; scans: string[] }> {
  return statements
    .map((sql) => ({ sql, scans: fullScans(db, sql, new Array(parameterCount(sql)).fill(null), watched) }))
    .filter((r) => r.scans.length > 0);
}

export function expectNoFullScans(db: Database.Database, statements: string[], watched = WATCHED): void {
  expect(fullScansOf(db, statements, watched)).toEqual([]);
}
