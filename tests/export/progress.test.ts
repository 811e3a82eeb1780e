/**
 * Progress of long work: the words the UI and the CLI share (lib/progress.ts), the upload's
 * files-done count, and the CLI's progress line, which appears on a real terminal (a pty
 * made by util-linux `script`) and never when stderr is a pipe.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeProgress, estimateTimeLeftMs, formatTimeLeft, percentDone } from '@/lib/progress';
import { filesSent } from '@/components/export/uploadWithProgress';
import { buildFixture, type Fixture } from './fixtures';
import { cli } from '../cli/run';
import { makeProject } from '../helpers';

describe('progress words', () => {
  it.each<[number, number | null, number, number | null, string]>([
    [0, 100, 5000, null, 'nothing done yet'],
    [10, 100, 500, null, 'under a second of history'],
    [25, 100, 2000, 6000, 'a quarter done in 2 s'],
    [100, 100, 9000, 0, 'finished'],
    [10, null, 5000, null, 'no total'],
  ])('time left for %i of %s after %i ms is %s (%s)', (done, total, elapsed, expected) => {
    expect(estimateTimeLeftMs(done, total, elapsed)).toBe(expected);
  });

  it('says time, counts, sizes and percent as people read them', () => {
    expect(formatTimeLeft(400)).toBe('about 1 s left');
    expect(formatTimeLeft(42_000)).toBe('about 42 s left');
    expect(formatTimeLeft(185_000)).toBe('about 3 min left');
    expect(formatTimeLeft(3_900_000)).toBe('about 1 h 5 min left');
    expect(describeProgress({ done: 1200, total: 5000, bytes: 3.5 * 1024 * 1024, elapsedMs: 3000 })).toBe('1,200 of 5,000 records · 3.5 MB · about 10 s left');
    expect(describeProgress({ done: 0, total: null, bytes: 2048, elapsedMs: 3000 }, null)).toBe('2.0 KB');
    expect(describeProgress({ done: 1, total: 4, bytes: 1024 * 1024, totalBytes: 4 * 1024 * 1024, elapsedMs: 500 }, 'files')).toBe('1 of 4 files · 1.0 MB of 4.0 MB');
    expect(percentDone({ done: 1, total: 3, bytes: 0, elapsedMs: 0 })).toBe(33);
    expect(percentDone({ done: 0, total: null, bytes: 5, totalBytes: 10, elapsedMs: 0 })).toBe(50);
    expect(percentDone({ done: 0, total: null, bytes: 5, elapsedMs: 0 })).toBeNull();
  });

  it('counts an upload file as sent once all of its bytes are', () => {
    expect(filesSent([100, 300, 600], 0)).toBe(0);
    expect(filesSent([100, 300, 600], 0.1)).toBe(1);
    expect(filesSent([100, 300, 600], 0.39)).toBe(1);
    expect(filesSent([100, 300, 600], 0.4)).toBe(2);
    expect(filesSent([100, 300, 600], 1)).toBe(3);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;
const ROOT = path.resolve(__dirname, '..', '..');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The CLI on a pseudo-terminal: what a person at a terminal sees (stdout and stderr together). */
function onTerminal(args: string[]): { code: number | null; screen: string } {
  const command = [path.join(ROOT, 'node_modules', '.bin', 'tsx'), 'cli/index.ts', ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: process.env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, screen: result.stdout };
}

describe('command line progress', () => {
  let f: Fixture;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-progress-'));
  beforeAll(async () => {
    f = await buildFixture();
  });

  it.skipIf(!hasScript)('shows records of the total while exporting on a terminal', () => {
    const { code, screen } = onTerminal(['export', '--project', f.project.slug, '--format', 'jsonl', '--out', path.join(dir, 'x.jsonl')]);
    expect(code).toBe(0);
    expect(screen).toMatch(/\rexported 5 of 5 records · \d+\.\d KB/);
    expect(screen).toMatch(/Exported .* as jsonl/);
  });

  it.skipIf(!hasScript)('shows files read and imported on a terminal, and nothing of it through a pipe', async () => {
    const files = ['a', 'b', 'c'].map((name) => {
      const file = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify({ title: `Title ${name}`, body: `Body ${name} ${Math.random()}` }));
      return file;
    });
    const project = await makeProject([]);
    const { code, screen } = onTerminal(['import', '--project', project.slug, ...files]);
    expect(code).toBe(0);
    expect(screen).toMatch(/\rreading 3 of 3 files/);
    expect(screen).toMatch(/\rimporting 3 of 3 files/);
    const piped = cli(['import', '--project', project.slug, ...files]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toMatch(/\r/);
  });
});
