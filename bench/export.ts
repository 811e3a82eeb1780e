/**
 * Export benchmark (`npm run bench:export`): 1,000,000 annotations over 2,000 articles in a
 * temporary database, then in the same run (a) a bare better-sqlite3 scan that writes the
 * same JSONL lines with the least code possible and (b) our native JSONL export through
 * lib/data/exports.ts. Prints rows/s of each, the ratio and peak RSS; with BENCH_OUT set,
 * writes {exportOverBare, peakMemoryMb, rowsPerSecond}. Targets: ratio >= 0.5, < 300 MB.
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
  let bare = bareScan(out, sampleRss);
  let ours = ourExport(out, sampleRss);
  bare = best(bare, bareScan(out, sampleRss));
  ours = best(ours, ourExport(out, sampleRss));
  const ratio = ours.rowsPerSecond / bare.rowsPerSecond;
  const peakMemoryMb = Math.round((peakRss / 1024 / 1024) * 10) / 10;
  console.log(`bare scan : ${bare.rows} annotations, ${bare.lines} lines, ${(bare.bytes / 1e6).toFixed(1)} MB in ${bare.seconds.toFixed(2)} s = ${Math.round(bare.rowsPerSecond).toLocaleString('en')} rows/s`);
  console.log(`our export: ${ours.rows} annotations, ${ours.lines} lines, ${(ours.bytes / 1e6).toFixed(1)} MB in ${ours.seconds.toFixed(2)} s = ${Math.round(ours.rowsPerSecond).toLocaleString('en')} rows/s`);
  console.log(`ratio (ours / bare): ${ratio.toFixed(2)}  (target >= 0.5)`);
  console.log(`peak RSS: ${peakMemoryMb} MB  (target < 300 MB)`);
  if (process.env.BENCH_OUT) {
    fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify({ exportOverBare: Math.round(ratio * 1000) / 1000, peakMemoryMb, rowsPerSecond: Math.round(ours.rowsPerSecond) }) + '\n');
  }
  const { closeDb } = await import('../lib/db/client');
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
