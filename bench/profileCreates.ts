/**
 * `npx tsx bench/profileCreates.ts`: the create phase of bench:writes alone, against the built
 * server started with BENCH_SERVER_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), so a
 * server profile holds the creates and little else. PROFILE_OPS per client (default 500) after
 * a warm-up of 50 each. Loopback only; bounded loops.
 */
import fs from 'node:fs';
import { freshDataDir, startServer, stopServer } from './harness';
import { newLedger, newStats, runClient } from './load';
import { setupWorld } from './setup';

const CLIENTS = Number(process.env.BENCH_CLIENTS || 20);
const OPS = Number(process.env.PROFILE_OPS || 500);
const PORT = Number(process.env.BENCH_PORT || 3187);

async function creates(base: string, world: Awaited<ReturnType<typeof setupWorld>>, ops: number) {
  const stats = newStats();
  const shared = world.reviewers.map(() => ({ own: [] as Array<{ id: number; version: number }> }));
  const ledger = newLedger();
  await Promise.all(Array.from({ length: CLIENTS }, (_, client) => runClient({ base, world, client, ops, mix: ['create'], ledger, stats, shared, others: [] })));
  stats.finished = performance.now();
  return stats;
}

async function main() {
  const dataDir = freshDataDir('profile');
  const server = await startServer(PORT, dataDir);
  try {
    const world = await setupWorld(dataDir, Math.ceil(CLIENTS / 2));
    await creates(server.base, world, 50);
    const stats = await creates(server.base, world, OPS);
    const ok = stats.byStatus.get(201) ?? 0;
    console.log(`${ok} creates in ${((stats.finished - stats.started) / 1000).toFixed(2)} s: ${(ok / ((stats.finished - stats.started) / 1000)).toFixed(0)} creates/s; statuses ${JSON.stringify([...stats.byStatus])}`);
  } finally {
    await stopServer(server, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
