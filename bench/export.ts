/**
 * Export benchmark (`npm run bench:export`): 1,000,000 annotations over 2,000 articles in a
 * temporary database, then in the same run (a) a bare better-sqlite3 scan that writes the
 * same JSONL lines with the least code possible and (b) our native JSONL export through
 * lib/data/exports.ts. Prints rows/s of each, the ratio and peak RSS; with BENCH_OUT set,
 * writes {exportOverBare, exportOverBareCpu, peakMemoryMb, rowsPerSecond}. Targets: ratio >= 0.8, < 300 MB.
 * Each is run twice, alternating, and its best run counts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { RunResult } from './export/bare';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-export-'));
process.env.DATA_DIR = dir;

let peakRss = 0;
/** Sampled inside the export loops: the export is synchronous, so a timer would never fire. */
export const sampleRss = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
};

function generateDatabase(): void {
  const started = Date.now();
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(__dirname, 'export', 'generate.ts'), '--generate'], { env: process.env, stdio: 'inherit' });
  if (child.status !== 0) throw new Error('generating the benchmark database failed');
  console.log(`generated 2,000 articles / 1,000,000 annotations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main() {
  generateDatabase();
  const { bareScan } = await import('./export/bare');
  const { ourExport } = await import('./export/ours');
  const out = path.join(dir, 'out.jsonl');
  sampleRss();
  // Alternate the two and keep each one's best run, so neither pays alone for a cold cache
  // or for a burst of load from other processes.
  const best = (a: RunResult, b: RunResult) => (a.seconds <= b.seconds ? a : b);
  const bare1 = bareScan(out, sampleRss);
  const ours1 = await ourExport(out, sampleRss);
  const bare2 = bareScan(out, sampleRss);
  const ours2 = await ourExport(out, sampleRss);
  const bare = best(bare1, bare2);
  const ours = best(ours1, ours2);
  const ratio = ours.rowsPerSecond / bare.rowsPerSecond;
  // The same ratio in CPU time: on a machine shared with other work, waiting for a core
  // inflates wall time (either side's, at random), CPU time much less.
  const cpuRatio = Math.min(bare1.cpuSeconds, bare2.cpuSeconds) / Math.min(ours1.cpuSeconds, ours2.cpuSeconds);
  const peakMemoryMb = Math.round((peakRss / 1024 / 1024) * 10) / 10;
  console.log(`bare scan : ${bare.rows} annotations, ${bare.lines} lines, ${(bare.bytes / 1e6).toFixed(1)} MB in ${bare.seconds.toFixed(2)} s = ${Math.round(bare.rowsPerSecond).toLocaleString('en')} rows/s`);
  console.log(`our export: ${ours.rows} annotations, ${ours.lines} lines, ${(ours.bytes / 1e6).toFixed(1)} MB in ${ours.seconds.toFixed(2)} s = ${Math.round(ours.rowsPerSecond).toLocaleString('en')} rows/s`);
  console.log(`CPU time: bare ${bare1.cpuSeconds.toFixed(2)} / ${bare2.cpuSeconds.toFixed(2)} s, ours ${ours1.cpuSeconds.toFixed(2)} / ${ours2.cpuSeconds.toFixed(2)} s; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`ratio (ours / bare): ${ratio.toFixed(2)}, in CPU time ${cpuRatio.toFixed(2)}  (target >= 0.8)`);
  console.log(`peak RSS: ${peakMemoryMb} MB  (target < 300 MB)`);
  if (process.env.BENCH_OUT) {
    fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify({ exportOverBare: Math.round(ratio * 1000) / 1000, exportOverBareCpu: Math.round(cpuRatio * 1000) / 1000, peakMemoryMb, rowsPerSecond: Math.round(ours.rowsPerSecond) }) + '\n');
  }
  const { closeDb } = await import('../lib/db/client');
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
