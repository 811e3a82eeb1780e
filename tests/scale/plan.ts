/**
 * Query-plan checks for the scale work (issue 12): a page load must never read a whole
 * annotations, links, reviews or articles table. On either engine:
 *
 * - SQLite says how it runs a query with EXPLAIN QUERY PLAN; "SCAN t" without an index is a
 *   full scan, "SCAN t USING (COVERING) INDEX ..." walks an index in order and "SEARCH t
 *   USING ..." looks rows up, both fine. Statements are explained with NULL for every
 *   parameter (SQLite's plans depend on the indexes, not on the values).
 * - PostgreSQL answers EXPLAIN (FORMAT JSON); a "Seq Scan" node on a watched table is a full
 *   scan. Its planner weighs table sizes, and a test's tables are small enough that reading
 *   them whole is cheapest, so the plan is asked for with enable_seqscan off: a Seq Scan is
 *   then left only where no index can serve the query at all, which is what these checks are
 *   for. Statements are explained with the values they ran with.
 *
 * Use it for your own queries:
 *   await expectNoFullScan(...sqlOf(db.select().from(links).where(...)))
 *   const plans = await capturePlans(() => myPageData({ actor, projectId }));  // every query run
 *   await expectNoFullScans(plans);
 */
import pg from 'pg';
import { expect } from 'vitest';
import { getDb, getReader, getSqlite } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';

/** The tables that grow with the corpus; a full scan of any of them fails the check. */
export const WATCHED = ['annotations', 'links', 'reviews', 'articles'];

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

interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Name'?: string;
  Plans?: PgPlanNode[];
}

/** One line per plan node, "Seq Scan on links l", "Index Scan using links_from_idx on links l", "Sort". */
function pgPlanLines(node: PgPlanNode, out: Array<{ line: string; node: PgPlanNode }> = []): Array<{ line: string; node: PgPlanNode }> {
  const index = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const relation = node['Relation Name'] ? ` on ${node['Relation Name']}${node.Alias && node.Alias !== node['Relation Name'] ? ` ${node.Alias}` : ''}` : '';
  out.push({ line: `${node['Node Type']}${index}${relation}`, node });
  for (const child of node.Plans ?? []) pgPlanLines(child, out);
  return out;
}

const pool = () => (getDb() as unknown as { $client: pg.Pool }).$client;

/** PostgreSQL's plan of `sql` with `params`, asked for with sequential scans discouraged (see above). */
async function pgPlan(sql: string, params: unknown[]): Promise<Array<{ line: string; node: PgPlanNode }>> {
  const client = await pool().connect();
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PgPlanNode }> }>(`explain (format json) ${sql}`, params);
    return pgPlanLines(rows[0]['QUERY PLAN'][0].Plan);
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

/** The plan of `sql`, one line per step: SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's plan nodes. */
export async function explain(sql: string, params: unknown[] = []): Promise<string[]> {
  if (onPostgres()) return (await pgPlan(sql, params)).map((n) => n.line);
  return (getSqlite().prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as Array<{ detail: string }>).map((r) => r.detail);
}

/** The full scans of watched tables in a plan, as the engine words them. */
export async function fullScans(sql: string, params: unknown[] = [], watched = WATCHED): Promise<string[]> {
  if (onPostgres()) {
    return (await pgPlan(sql, params)).filter(({ node }) => node['Node Type'] === 'Seq Scan' && watched.includes(node['Relation Name'] ?? '')).map((n) => n.line);
  }
  const names = aliases(sql);
  return (await explain(sql, params)).filter((detail) => {
    const m = /^SCAN (\w+)(.*)$/.exec(detail);
    if (!m || /USING (COVERING )?INDEX|VIRTUAL TABLE/.test(m[2])) return false;
    const table = names.get(m[1].toLowerCase()) ?? m[1].toLowerCase();
    return watched.includes(table);
  });
}

/** Fails, showing the whole plan, when `sql` would read a watched table from end to end. */
export async function expectNoFullScan(sql: string, params: unknown[] = [], watched = WATCHED): Promise<void> {
  const scans = await fullScans(sql, params, watched);
  const plan = (await explain(sql, params)).join('\n  ');
  expect(scans, `full scan in:\n${sql}\nplan:\n  ${plan}`).toEqual([]);
}

/** How many `?` parameters `sql` has (outside quoted strings and names). */
function parameterCount(sql: string): number {
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, '').split('?').length - 1;
}

/** The values each statement captured on PostgreSQL last ran with (SQLite's are explained with NULLs). */
const capturedParams = new Map<string, unknown[]>();

/** The parameters `sql` is explained with: SQLite's NULLs, PostgreSQL's captured values. */
export function paramsOf(sql: string, fill: unknown = null): unknown[] {
  return onPostgres() ? capturedParams.get(sql) ?? [] : new Array(parameterCount(sql)).fill(fill);
}

type PgQuery = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * Every distinct SQL statement `fn` runs: on SQLite, those it prepares on either connection
 * (drizzle prepares each query it runs; statements prepared once and cached before the call
 * are not seen again); on PostgreSQL, every query node-postgres sends, with its values.
 */
export async function capturePlans(fn: () => unknown | Promise<unknown>): Promise<string[]> {
  const seen = new Set<string>();
  if (onPostgres()) {
    const proto = pg.Client.prototype as unknown as { query: PgQuery };
    const original = proto.query;
    proto.query = function (this: pg.Client, ...args: unknown[]) {
      const [first, second] = args;
      const text = typeof first === 'string' ? first : (first as { text?: string })?.text;
      if (text) {
        seen.add(text);
        const values = Array.isArray(second) ? second : (first as { values?: unknown[] }).values;
        capturedParams.set(text, Array.isArray(values) ? values : []);
      }
      return original.apply(this, args);
    };
    try {
      await fn();
    } finally {
      proto.query = original;
    }
  } else {
    const connections = [getSqlite(), getReader()];
    const originals = connections.map((db) => db.prepare);
    connections.forEach((db, i) => {
      db.prepare = function (this: typeof db, source: string) {
        seen.add(source);
        return originals[i].call(this, source);
      } as typeof db.prepare;
    });
    try {
      await fn();
    } finally {
      connections.forEach((db, i) => (db.prepare = originals[i]));
    }
  }
  return [...seen].filter((sql) => /^\s*(select|with|update|delete)\b/i.test(sql));
}

/** The full scans of watched tables in captured statements. */
export async function fullScansOf(statements: string[], watched = WATCHED): Promise<Array<{ sql: string; scans: string[] }>> {
  const found: Array<{ sql: string; scans: string[] }> = [];
  for (const sql of statements) {
    const scans = await fullScans(sql, paramsOf(sql), watched);
    if (scans.length) found.push({ sql, scans });
  }
  return found;
}

export async function expectNoFullScans(statements: string[], watched = WATCHED): Promise<void> {
  expect(await fullScansOf(statements, watched)).toEqual([]);
}
