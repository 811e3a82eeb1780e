/** Our native JSONL export, exactly as the CLI runs it: exportProject -> batchBytes -> file. */
import fs from 'node:fs';
import { SYSTEM } from '../../lib/data/actor';
import { exportProject } from '../../lib/data/exports';
import { batchBytes } from '../../lib/export/stream';
import { cpuSince, type RunResult } from './bare';

export async function ourExport(outFile: string, sample: () => void): Promise<RunResult> {
  const fd = fs.openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const stream = await exportProject({ actor: SYSTEM, projectId: 1, request: { format: 'jsonl' }, baseUrl: 'http://localhost' });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of batchBytes(stream.chunks, 256 * 1024)) {
    bytes += fs.writeSync(fd, chunk);
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    sample();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = cpuSince(cpu);
  fs.closeSync(fd);
  const rows = stream.context.counts.annotations;
  return { rows, lines, bytes, seconds, cpuSeconds, rowsPerSecond: rows / seconds };
}
