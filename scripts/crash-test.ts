/**
 * Crash test (`npx tsx scripts/crash-test.ts`): kill -9 the server ten times while API clients
 * write (create annotations, If-Match edits, links, reviews). After each crash, before the
 * restart: `npm run cli -- check` must pass on the data folder, and every write the server had
 * acknowledged must be in the database. Each crash comes after at least CRASH_MIN_ACKS (25)
 * acknowledged writes of the round plus 0.5-2.5 s. Uses the built app (NEXT_DIST_DIR, default .next) on
 * 127.0.0.1:CRASH_PORT (3197) and a fresh temporary DATA_DIR. Exit code 1 on any failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { call, freshDataDir, prng, ROOT, startServer, stopServer, type Server } from '../bench/harness';
import { lostWrites, newLedger, newStats, runClient, type LoadStats, type OpKind } from '../bench/load';
import { setupWorld, type BenchWorld } from '../bench/setup';

const ROUNDS = Number(process.env.CRASH_ROUNDS || 10);
const CLIENTS = Number(process.env.CRASH_CLIENTS || 8);
const PORT = Number(process.env.CRASH_PORT || 3197);
const MIX: OpKind[] = ['create', 'create', 'edit', 'edit', 'link', 'review'];
/** Each crash comes after at least this many acknowledged writes of the round, so it hits real load. */
const MIN_ACKS = Number(process.env.CRASH_MIN_ACKS || 25);

function acknowledged(stats: LoadStats): number {
  return [...stats.byStatus].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
}

/** Waits (bounded) until the round has `count` acknowledged writes. */
async function untilAcknowledged(stats: LoadStats, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (acknowledged(stats) < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

function check(dataDir: string): { ok: boolean; output: string } {
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'cli', 'index.ts'), 'check'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

async function linkTargets(base: string, world: BenchWorld): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, r] of world.reviewers.entries()) {
    const res = await call(base, r.token, 'POST', `/api/articles/${world.otherArticleId}/annotations`, { label: 'claim', start: i * 20, end: i * 20 + 10 });
    const id = (res.json as { annotation?: { id: number } } | null)?.annotation?.id;
    if (id) ids.push(id);
  }
  return ids;
}

async function main() {
  const dataDir = freshDataDir('crash');
  const random = prng(42);
  const ledger = newLedger();
  let server: Server = await startServer(PORT, dataDir);
  const world = await setupWorld(dataDir, Math.ceil(CLIENTS / 2));
  const others = await linkTargets(server.base, world);
  const shared = world.reviewers.map(() => ({ own: [] as Array<{ id: number; version: number }> }));
  let failures = 0;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      let stopped = false;
      const stats = newStats();
      const clients = Array.from({ length: CLIENTS }, (_, client) =>
        runClient({ base: server.base, world, client, ops: 100_000, mix: MIX, ledger, stats, shared, others, stop: () => stopped }),
      );
      await untilAcknowledged(stats, MIN_ACKS, 60_000);
      await new Promise((r) => setTimeout(r, 500 + Math.floor(random() * 2000)));
      await stopServer(server, 'SIGKILL');
      stopped = true;
      await Promise.all(clients);
      const invariants = check(dataDir);
      const lost = lostWrites(path.join(dataDir, 'workbench.sqlite'), ledger);
      const acked = acknowledged(stats);
      const cut = stats.byStatus.get(0) ?? 0;
      const ok = invariants.ok && lost.length === 0;
      if (!ok) failures++;
      console.log(`round ${round}: kill -9 after ${acked} acknowledged writes (${cut} requests failed at the connection around the kill); check ${invariants.ok ? 'ok' : 'FAILED'}; acknowledged annotations so far ${ledger.annotations.size}, links ${ledger.links.size}, reviews ${ledger.reviews.size}; lost ${lost.length}`);
      if (!invariants.ok) console.log(invariants.output);
      for (const l of lost.slice(0, 10)) console.log(`  lost: ${l}`);
      server = await startServer(PORT, dataDir);
    }
  } finally {
    await stopServer(server, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} of ${ROUNDS} rounds FAILED.` : `All ${ROUNDS} crashes recovered: invariants hold and no acknowledged write was lost.`);
  process.exitCode = failures ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
