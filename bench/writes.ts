/**
 * `npm run bench:writes`: 20 concurrent API clients x 250 mixed writes (create an annotation,
 * edit it with If-Match, link it, review someone else's) on the same article of the BUILT app,
 * then checks: no 5xx, no acknowledged write lost, losers of races get 409/412, invariants hold
 * (`npm run cli -- check`). In the same run a bare Node HTTP server inserting one row per
 * request with better-sqlite3 takes the same load shape just before and just after our create
 * phase; our create-annotation throughput is printed as a ratio to the mean of the two. BENCH_OUT=<file> writes one flat JSON object with
 * writesOverBare, p50Ms, p99Ms, lost and errors5xx. Loopback only; every loop is bounded.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { call, freshDataDir, percentile, ROOT, startServer, stopServer, waitHealthy } from './harness';
import { lostWrites, newLedger, newStats, runClient, type LoadStats, type OpKind } from './load';
import { setupWorld, type BenchWorld } from './setup';

const CLIENTS = Number(process.env.BENCH_CLIENTS || 20);
const OPS = Number(process.env.BENCH_OPS || 250);
const PORT = Number(process.env.BENCH_PORT || 3187);
const MIX: OpKind[] = ['create', 'create', 'create', 'create', 'edit', 'edit', 'edit', 'link', 'link', 'review', 'review', 'review'];

function throughput(stats: LoadStats, ok: (s: number) => boolean = (s) => s >= 200 && s < 300): number {
  const n = [...stats.byStatus].filter(([s]) => ok(s)).reduce((sum, [, c]) => sum + c, 0);
  return n / ((stats.finished - stats.started) / 1000);
}

async function phase(base: string, world: BenchWorld, mix: OpKind[], others: number[]) {
  const ledger = newLedger();
  const stats = newStats();
  const shared = world.reviewers.map(() => ({ own: [] as Array<{ id: number; version: number }> }));
  await Promise.all(Array.from({ length: CLIENTS }, (_, client) => runClient({ base, world, client, ops: OPS, mix, ledger, stats, shared, others })));
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
  const port = PORT + 1;
  const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'bareServer.mjs'), String(port), path.join(dir, 'bare.sqlite')], { stdio: 'ignore' });
  try {
    await waitHealthy(`http://127.0.0.1:${port}`, 20_000);
    const stats = newStats();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < OPS; i++) {
          const r = await call(`http://127.0.0.1:${port}`, 'x', 'POST', '/rows', { label: 'claim', start: i, end: i + 5, note: `c${client}-${i}` });
          stats.latencies.push(r.ms);
          stats.byStatus.set(r.status, (stats.byStatus.get(r.status) ?? 0) + 1);
        }
      }),
    );
    stats.finished = performance.now();
    return stats;
  } finally {
    child.kill('SIGTERM');
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
  console.log(`Starting the built app on 127.0.0.1:${PORT} with DATA_DIR=${dataDir} ...`);
  const server = await startServer(PORT, dataDir);
  try {
    const world = await setupWorld(dataDir, Math.ceil(CLIENTS / 2));
    const others = await linkTargets(server.base, world);
    console.log(`Bare baseline before: ${CLIENTS} clients x ${OPS} single-row inserts ...`);
    const bareBefore = await bareBaseline();
    console.log(`${CLIENTS} clients x ${OPS} creates ...`);
    const creates = await phase(server.base, world, ['create'], others);
    console.log(`Bare baseline after: ${CLIENTS} clients x ${OPS} single-row inserts ...`);
    const bareAfter = await bareBaseline();
    console.log(`${CLIENTS} clients x ${OPS} mixed writes (create, If-Match edit, link, review) ...`);
    const mixed = await phase(server.base, world, MIX, others);
    await stopServer(server, 'SIGTERM');
    const db = path.join(dataDir, 'workbench.sqlite');
    const lost = [...lostWrites(db, creates.ledger), ...lostWrites(db, mixed.ledger)];
    const invariants = checkInvariants(dataDir);
    report({ creates: creates.stats, mixed: mixed.stats, bare: [bareBefore, bareAfter], lost, invariants, acked: mixed.ledger.annotations.size + creates.ledger.annotations.size });
  } finally {
    await stopServer(server, 'SIGTERM');
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
