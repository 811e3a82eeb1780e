/**
 * The few SQL expressions the two engines spell differently, for raw sql`` in lib/data. Each
 * answers the same value on both (tests run the suite on both engines).
 */
import { sql, type SQL } from 'drizzle-orm';
import { onPostgres } from './engine';

/** Milliseconds since the epoch, at this statement (SQLite's unixepoch('subsec') * 1000). */
export function nowMs(): SQL {
  return onPostgres() ? sql`(extract(epoch from clock_timestamp()) * 1000)::bigint` : sql`cast(unixepoch('subsec') * 1000 as integer)`;
}

/** The smaller of two values (SQLite's two-argument min()). */
export function least(a: SQL | unknown, b: SQL | unknown): SQL {
  return onPostgres() ? sql`least(${a}, ${b})` : sql`min(${a}, ${b})`;
}

/** The larger of two values (SQLite's two-argument max()). */
export function greatest(a: SQL | unknown, b: SQL | unknown): SQL {
  return onPostgres() ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`;
}

/** A JSON column's top-level field as text (jsonb ->> on PostgreSQL, json_extract on SQLite). */
export function jsonText(column: SQL | unknown, field: string): SQL {
  return onPostgres() ? sql`(${column} ->> ${field})` : sql`json_extract(${column}, ${`$.${field}`})`;
}

/** A JSON column's top-level field as an integer. */
export function jsonInt(column: SQL | unknown, field: string): SQL {
  return onPostgres() ? sql`(${column} ->> ${field})::int` : sql`json_extract(${column}, ${`$.${field}`})`;
}

/** `expression in (ids)` for a list of integer ids bound as one parameter (json_each / = any: one array parameter, sql.param, since sql`` would spread an array into a list). */
export function inIds(expression: SQL | unknown, ids: readonly number[]): SQL {
  return onPostgres() ? sql`${expression} = any(${sql.param([...ids])}::int[])` : sql`${expression} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** SQLite's `indexed by` hint (its planner picks a worse index there); PostgreSQL has no hints. */
export function indexedBy(index: string): SQL {
  return onPostgres() ? sql`` : sql.raw(`indexed by ${index}`);
}

/**
 * A millisecond time bound raw (sql`${placeholder}` skips the column's encoder): a number for
 * SQLite's integer column, a Date for PostgreSQL's timestamptz.
 */
export function msParam(ms: number): number | Date {
  return onPostgres() ? new Date(ms) : ms;
}

/** A boolean column as a condition: `= 1` on SQLite (as its partial indexes are written), the column itself on PostgreSQL. */
export function isTrue(column: SQL | unknown): SQL {
  return onPostgres() ? sql`${column}` : sql`${column} = 1`;
}
