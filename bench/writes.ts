/**
 * `npm run bench:writes`: 20 concurrent API clients x 250 mixed writes (create an annotation,
 * edit it with If-Match, link it, review someone else's) on the same article of the BUILT app,
 * then checks: no 5xx, no acknowledged write lost, losers of races get 409/412, invariants hold
 * (`npm run cli -- check`). In the same run a bare Node HTTP server inserting one row per
 * request with better-sqlite3 takes the same load shape just before and just after our create
 * phase; our create-annotation throughput is printed as a ratio to the mean of the two. BENCH_OUT=<file> writes one flat JSON object with
 * writesOverBare, p50Ms, p99Ms, lost and errors5xx. Loopback only; every loop is bounded.
 *
 * With DATABASE_URL=postgres://... the app runs on that PostgreSQL database (use an empty one:
 * scripts/pg-test-database.mjs) and the baseline is a bare node-postgres server
 * (bench/bareServerPg.mjs) inserting into the same server; BENCH_INSTANCES=2 starts two app
 * servers on the database and spreads the clients over both (the baseline then runs as two
 * processes too).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { call, freshDataDir, percentile, ROOT, startServer, stopServer, waitHealthy } from './harness';
import { lostWrites, lostWritesPg, newLedger, newStats, runClient, type LoadStats, type OpKind } from './load';
import { setupWorld, type BenchWorld } from './setup';
import { closeDb } from '../lib/db/client';

const CLIENTS = Number(process.env.BENCH_CLIENTS || 20);
const OPS = Number(process.env.BENCH_OPS || 250);
const PORT = Number(process.env.BENCH_PORT || 3187);
const INSTANCES = Math.max(1, Number(process.env.BENCH_INSTANCES || 1));
const PG_URL = process.env.DATABASE_URL || '';
const MIX: OpKind[] = ['create', 'create', 'create', 'create', 'edit', 'edit', 'edit', 'link', 'link', 'review', 'review', 'review'];

function throughput(stats: LoadStats, ok: (s: number) => boolean = (s) => s >= 200 && s < 300): number {
  const n = [...stats.byStatus].filter(([s]) => ok(s)).reduce((sum, [, c]) => sum + c, 0);
  return n / ((stats.finished - stats.started) / 1000);
}

async function phase(bases: string[], world: BenchWorld, mix: OpKind[], others: number[]) {
  const ledger = newLedger();
  const stats = newStats();
  const shared = world.reviewers.map(() => ({ own: [] as Array<{ id: number; version: number }> }));
  await Promise.all(Array.from({ length: CLIENTS }, (_, client) => runClient({ base: bases[client % bases.length], world, client, ops: OPS, mix, ledger, stats, shared, others })));
  stats.finished = performance.now();
  return { ledger, stats };
}

/** Each reviewer tags three statements in the other article, as link targets. */
async function linkTargets(base: string, world: BenchWorld): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, r] of world.reviewers.entries()) {
    for (let k = 0; k < 3; k++) {
      const start = (i * 3 + k) * 20;
      const res = await call(base, r.token, 'POST', `/api/articles/${world.otherArticleId}/annotations`, { label: 'claim', start, end: start + 10 });
      const id = (res.json as { annotation?: { id: number } } | null)?.annotation?.id;
      if (id) ids.push(id);
    }
  }
  return ids;
}

async function bareBaseline(): Promise<LoadStats> {
  const dir = freshDataDir('bare');
  // One bare process per app instance, each on its own port, as the app's instances are.
  const ports = Array.from({ length: INSTANCES }, (_, i) => PORT + 1 + 2 * i);
  const children = ports.map((port) => PG_URL
    ? spawn(process.execPath, [path.join(ROOT, 'bench', 'bareServerPg.mjs'), String(port)], { stdio: 'ignore', env: process.env })
    : spawn(process.execPath, [path.join(ROOT, 'bench', 'bareServer.mjs'), String(port), path.join(dir, 'bare.sqlite')], { stdio: 'ignore' }));
  try {
    for (const port of ports) await waitHealthy(`http://127.0.0.1:${port}`, 20_000);
    const stats = newStats();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const base = `http://127.0.0.1:${ports[client % ports.length]}`;
        for (let i = 0; i < OPS; i++) {
          const r = await call(base, 'x', 'POST', '/rows', { label: 'claim', start: i, end: i + 5, note: `c${client}-${i}` });
          stats.latencies.push(r.ms);
          stats.byStatus.set(r.status, (stats.byStatus.get(r.status) ?? 0) + 1);
        }
      }),
    );
    stats.finished = performance.now();
    return stats;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function checkInvariants(dataDir: string): { ok: boolean; output: string } {
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'cli', 'index.ts'), 'check'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

function describe(stats: LoadStats): string {
  return [...stats.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s === 0 ? 'conn-error' : s}: ${n}`).join(', ');
}

async function main() {
  const dataDir = freshDataDir('bench');
  const engine = PG_URL ? `PostgreSQL (${INSTANCES} instance${INSTANCES > 1 ? 's' : ''})` : `SQLite in ${dataDir}`;
  console.log(`Starting the built app on 127.0.0.1:${PORT}${INSTANCES > 1 ? ` and ${INSTANCES - 1} more` : ''}, ${engine} ...`);
  const servers = [];
  for (let i = 0; i < INSTANCES; i++) servers.push(await startServer(PORT + 2 * i, dataDir));
  const bases = servers.map((s) => s.base);
  try {
    const world = await setupWorld(dataDir, Math.ceil(CLIENTS / 2));
    const others = await linkTargets(bases[0], world);
    console.log(`Bare baseline before: ${CLIENTS} clients x ${OPS} single-row inserts ...`);
    const bareBefore = await bareBaseline();
    console.log(`${CLIENTS} clients x ${OPS} creates ...`);
    const creates = await phase(bases, world, ['create'], others);
    console.log(`Bare baseline after: ${CLIENTS} clients x ${OPS} single-row inserts ...`);
    const bareAfter = await bareBaseline();
    console.log(`${CLIENTS} clients x ${OPS} mixed writes (create, If-Match edit, link, review) ...`);
    const mixed = await phase(bases, world, MIX, others);
    for (const server of servers) await stopServer(server, 'SIGTERM');
    const lost = PG_URL
      ? [...(await lostWritesPg(PG_URL, creates.ledger)), ...(await lostWritesPg(PG_URL, mixed.ledger))]
      : [...lostWrites(path.join(dataDir, 'workbench.sqlite'), creates.ledger), ...lostWrites(path.join(dataDir, 'workbench.sqlite'), mixed.ledger)];
    const invariants = checkInvariants(dataDir);
    report({ creates: creates.stats, mixed: mixed.stats, bare: [bareBefore, bareAfter], lost, invariants, acked: mixed.ledger.annotations.size + creates.ledger.annotations.size });
  } finally {
    for (const server of servers) await stopServer(server, 'SIGTERM');
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(r: { creates: LoadStats; mixed: LoadStats; bare: LoadStats[]; lost: string[]; invariants: { ok: boolean; output: string }; acked: number }) {
  const lat = [...r.mixed.latencies, ...r.creates.latencies].sort((a, b) => a - b);
  const errors5xx = [r.creates, r.mixed].flatMap((s) => [...s.byStatus]).filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
  const ours = throughput(r.creates);
  /** The bare server runs just before and just after our create phase: the machine's load drifts. */
  const bares = r.bare.map((b) => throughput(b));
  const bare = bares.reduce((x, y) => x + y, 0) / bares.length;
  const result = {
    writesOverBare: Number((ours / bare).toFixed(3)),
    p50Ms: Number(percentile(lat, 50).toFixed(1)),
    p99Ms: Number(percentile(lat, 99).toFixed(1)),
    lost: r.lost.length,
    errors5xx,
  };
  console.log(`\ncreate-only: ${ours.toFixed(0)} creates/s   (${describe(r.creates)})`);
  console.log(`mixed:       ${throughput(r.mixed, (s) => s > 0).toFixed(0)} requests/s, ${throughput(r.mixed).toFixed(0)} acknowledged writes/s   (${describe(r.mixed)})`);
  console.log(`bare:        ${bare.toFixed(0)} inserts/s (before ${bares[0].toFixed(0)}, after ${bares[1].toFixed(0)})   (${r.bare.map(describe).join(' / ')})`);
  console.log(`latency over all our requests: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
  console.log(`ratio create-annotation / bare insert: ${result.writesOverBare} (target >= 0.8)`);
  console.log(`acknowledged annotations checked: ${r.acked}; lost: ${result.lost}${r.lost.length ? `\n  ${r.lost.slice(0, 10).join('\n  ')}` : ''}`);
  console.log(`5xx or dropped connections: ${errors5xx}`);
  console.log(`invariants (npm run cli -- check): ${r.invariants.ok ? 'all hold' : 'FAILED'}\n${r.invariants.ok ? '' : r.invariants.output}`);
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(result) + '\n');
  console.log(JSON.stringify(result));
  if (errors5xx || r.lost.length || !r.invariants.ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
