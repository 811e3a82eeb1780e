/**
 * The board's page queries at desk size use indexes: the plan of every statement a board page
 * runs (cold, when the clusters are rebuilt, and warm) has no full scan of annotations, links
 * or reviews. On SQLite that is EXPLAIN QUERY PLAN of the statements as they ran. On PostgreSQL
 * it is EXPLAIN (FORMAT JSON) with sequential scans disabled: its planner rightly prefers a
 * full scan when one project holds every row (as here), so what is checked is that an index
 * can answer each statement (a statement no index serves still plans a Seq Scan). BOARD_SCALE=2000
 * runs it at issue 12's size and prints the timings (the default, 300 articles, keeps the suite quick).
 */
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { getDb, getSqlite, writeTransaction } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { sqlExec, sqlFirst } from '@/lib/db/query';
import { claimBoard, type BoardQuery } from '@/lib/data/claimBoard';
import { boardBuilt } from '@/lib/data/boardClusters';
import type { Actor } from '@/lib/data/actor';
import { makeProject, makeUser } from '../helpers';
import { buildDesk } from './scaleCorpus';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ClusterTable } from '@/components/board/ClusterTable';
import { pickColumns } from '@/components/board/boardUrl';
import { packRows } from '@/components/board/packRows';

const ARTICLES = Number(process.env.BOARD_SCALE) || 300;
const BIG = ['annotations', 'links', 'reviews'];

let actor: Actor;
let projectId: number;
let reviewerId: number;

interface Ran { source: string; args: unknown[] }

/** Runs `fn` (and waits for it) and returns every statement it prepared and ran, with its parameters. */
async function capture(fn: () => unknown | Promise<unknown>): Promise<Ran[]> {
  return onPostgres() ? capturePg(fn) : captureSqlite(fn);
}

async function captureSqlite(fn: () => unknown | Promise<unknown>): Promise<Ran[]> {
  const sqlite = getSqlite();
  const original = sqlite.prepare;
  const ran: Ran[] = [];
  sqlite.prepare = function (this: Database.Database, source: string) {
    const statement = original.call(this, source);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const call = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        ran.push({ source, args });
        return call(...args);
      };
    }
    return statement;
  } as typeof sqlite.prepare;
  try {
    await fn();
  } finally {
    sqlite.prepare = original;
  }
  return ran;
}

/** Every query any pg client (the pool's and transactions') ran successfully while `fn` ran. */
async function capturePg(fn: () => unknown | Promise<unknown>): Promise<Ran[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const ran: Ran[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    const entry = typeof config === 'string' ? { source: config, args: values ?? [] } : { source: config.text, args: config.values ?? values ?? [] };
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(() => ran.push(entry), () => {});
    return result;
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return ran;
}

interface Plan { text: string; scans: string[] }

const isRead = (source: string) => /^\s*(select|with)/i.test(source);

async function plans(ran: Ran[]): Promise<Plan[]> {
  const seen = new Set<string>();
  const unique = ran.filter((r) => isRead(r.source) && !seen.has(r.source) && !!seen.add(r.source));
  return onPostgres() ? pgPlans(unique) : sqlitePlans(unique);
}

function sqlitePlans(ran: Ran[]): Plan[] {
  const sqlite = getSqlite();
  return ran.map((r) => {
    const rows = sqlite.prepare(`explain query plan ${r.source}`).all(...(r.args as unknown[])) as { detail: string }[];
    const text = `${r.source.replace(/\s+/g, ' ').slice(0, 160)}\n${rows.map((row) => `  ${row.detail}`).join('\n')}`;
    return { text, scans: fullScans(text, ALIASES) };
  });
}

interface PgPlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PgPlanNode[] }

async function pgPlans(ran: Ran[]): Promise<Plan[]> {
  const pool = (getDb() as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  const out: Plan[] = [];
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    for (const r of ran) {
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PgPlanNode }] }>(`explain (format json) ${r.source}`, r.args);
      const lines: string[] = [];
      const scans: string[] = [];
      const walk = (node: PgPlanNode, depth: number) => {
        lines.push(`${'  '.repeat(depth + 1)}${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`);
        if (node['Node Type'] === 'Seq Scan' && BIG.includes(node['Relation Name'] ?? '')) scans.push(`Seq Scan on ${node['Relation Name']}`);
        for (const child of node.Plans ?? []) walk(child, depth + 1);
      };
      walk(rows[0]['QUERY PLAN'][0].Plan, 0);
      out.push({ text: `${r.source.replace(/\s+/g, ' ').slice(0, 160)}\n${lines.join('\n')}`, scans });
    }
  } finally {
    await client.query('rollback');
    client.release();
  }
  return out;
}

/** A full scan of a big table: "SCAN links" or "SCAN l" for an alias, but not of a covering index. */
function fullScans(plan: string, aliases: Record<string, string>): string[] {
  return plan.split('\n').filter((line) => {
    const m = /^\s*SCAN (\w+)(?: AS (\w+))?/.exec(line);
    if (!m || / USING (COVERING )?INDEX /.test(line)) return false;
    const table = aliases[m[1]] ?? m[1];
    return BIG.includes(table);
  });
}

const ALIASES = { l: 'links', fa: 'annotations', ta: 'annotations', a: 'annotations', r: 'reviews', v: 'verdicts', m: 'board_members', d: 'board_dirty' };

beforeAll(async () => {
  // One after another: concurrent sign-ups collide on PostgreSQL (SERIALIZABLE) and can exhaust their retries.
  const people = [];
  for (let i = 0; i < 6; i++) people.push(await makeUser({ name: `Desk ${i}` }));
  actor = people[0].actor;
  reviewerId = people[1].user.id;
  projectId = (await makeProject(people.map((p, i) => [p.user.id, i === 0 ? 'lead' : 'reviewer']))).id;
  const started = performance.now();
  await buildDesk(projectId, people.map((p) => p.user.id), ARTICLES);
  console.log(`desk of ${ARTICLES} articles built in ${Math.round(performance.now() - started)} ms`);
}, 600_000);

describe(`the board at ${ARTICLES} articles`, () => {
  it('plans every page query on indexes, cold and warm', async () => {
    const queries: BoardQuery[] = [
      {}, { sort: 'corroborated' }, { sort: 'newest' }, { sort: 'unreviewed' }, { outlet: 'UNN' }, { status: 'accepted' },
      { verdict: 'false' }, { label: 'quote' }, { reviewer: String(reviewerId) }, { q: 'Kremlin spokesman' },
    ];
    const all: Plan[] = [];
    const t0 = performance.now();
    // Cold: the first read starts the build in the background; it is done when boardBuilt settles.
    all.push(...await plans(await capture(async () => (await claimBoard({ actor, projectId }), boardBuilt(projectId)))));
    const cold = performance.now() - t0;
    for (const query of queries) all.push(...await plans(await capture(async () => await claimBoard({ actor, projectId, query }))));
    const page = await claimBoard({ actor, projectId });
    all.push(...await plans(await capture(async () => await claimBoard({ actor, projectId, query: { cursor: page.nextCursor! } }))));
    // A write between two reads: the next read recomputes only the clusters it touched.
    const ends = (await sqlFirst<{ a: number; b: number }>(getDb(), sql`select min(id) as a, max(id) as b from annotations
      where project_id = ${projectId} and label = 'claim'`))!;
    const t1 = performance.now();
    await writeTransaction((tx) => sqlExec(tx, sql`insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id)
      values (${projectId}, ${ends.a}, ${ends.b}, 'conflicts', ${reviewerId})`));
    all.push(...await plans(await capture(async () => await claimBoard({ actor, projectId }))));
    const afterWrite = performance.now() - t1;
    if (process.env.BOARD_PLANS) console.log(all.map((p) => p.text).join('\n\n'));
    for (const plan of all) expect(plan.scans, plan.text).toEqual([]);
    const timings: string[] = [];
    for (const query of queries) {
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const t = performance.now();
        await claimBoard({ actor, projectId, query });
        times.push(performance.now() - t);
      }
      times.sort((x, y) => x - y);
      timings.push(`${JSON.stringify(query)} ${times[2].toFixed(1)} ms`);
    }
    console.log(`cold (rebuild) ${cold.toFixed(0)} ms; after one new link ${afterWrite.toFixed(0)} ms (with EXPLAIN); warm medians:\n${timings.join('\n')}`);
    const table = packRows(page.items, pickColumns(page.outlets.map((o) => o.name), undefined));
    const html = renderToStaticMarkup(createElement(ClusterTable, { table, projectId }));
    console.log(`table props (the RSC payload) ${(JSON.stringify(table).length / 1024).toFixed(1)} KB`);
    console.log(`table HTML ${(html.length / 1024).toFixed(1)} KB`);
    if (process.env.BOARD_HTML) fs.writeFileSync(process.env.BOARD_HTML, html);
    console.log(`page JSON ${(JSON.stringify(page).length / 1024).toFixed(1)} KB for ${page.items.length} clusters of ${page.totals.clusters}`);
  }, 600_000);
});
