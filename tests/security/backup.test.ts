/**
 * `npm run cli -- backup <file>` while the app writes gives a consistent copy that passes
 * integrity_check and every invariant; `restore` refuses a corrupt, truncated, foreign or
 * non-database file and leaves the live database exactly as it was; a good backup restores.
 *
 * SQLite only: `backup` and `restore` copy the SQLite file with its online backup API. On
 * PostgreSQL the operator backs up with pg_dump and restores with pg_restore (docs/deploy.md),
 * which tests/db/pgBackup.test.ts checks: same rows in every table, working triggers, no migration.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createAnnotation } from '@/lib/data/annotations';
import { getSqlite } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { INVARIANTS } from '@/cli/invariants';
import { buildWorld, snapshot, type World } from './world';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-backup-'));
let w: World;

function cli(args: string[], dataDir = process.env.DATA_DIR!): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [path.join(ROOT, 'cli', 'index.ts'), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function checkFile(file: string): { integrity: string; problems: string[]; annotations: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const problems = INVARIANTS.flatMap((inv) => inv.run(db).map((p) => `${inv.name}: ${p}`));
    return { integrity, problems, annotations: db.prepare('select count(*) from annotations').pluck().get() as number };
  } finally {
    db.close();
  }
}

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.skipIf(onPostgres())('the SQLite database file (the PostgreSQL counterpart: tests/db/pgBackup.test.ts)', () => {
  let good = '';

  beforeAll(async () => {
    w = await buildWorld();
    good = path.join(work, 'during-writes.sqlite');
    let writes = 0;
    let running = true;
    const writer = (async () => {
      while (running) {
        const start = writes % 50;
        await createAnnotation({ actor: w.people.authorReviewer.actor, articleId: w.articleId, input: { label: 'claim', start, end: start + 5 } });
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const result = await cli(['backup', good]);
    running = false;
    await writer;
    expect(result.code, result.out).toBe(0);
    expect(writes, 'writes kept going while the backup ran').toBeGreaterThan(10);
  }, 120_000);

  describe('backup during writes', () => {
    test('the backup passes integrity_check and every invariant, and holds the writes made before it', () => {
      const report = checkFile(good);
      expect(report.integrity).toBe('ok');
      expect(report.problems).toEqual([]);
      expect(report.annotations).toBeGreaterThan(0);
    });
    test('backup never overwrites an existing file', async () => {
      const result = await cli(['backup', good]);
      expect(result.code).not.toBe(0);
      expect(result.out).toMatch(/already exists/);
    });
  });

  function corruptCopy(name: string, mutate: (bytes: Buffer) => Buffer): string {
    const file = path.join(work, name);
    fs.writeFileSync(file, mutate(fs.readFileSync(good)));
    return file;
  }

  describe('restore refuses bad files and changes nothing', () => {
    const bad: Array<[string, () => string]> = [
      ['a file with garbage over its pages', () => corruptCopy('garbage.sqlite', (b) => {
        const pageSize = b.readUInt16BE(16) || 4096;
        for (let page = 2; page * pageSize < b.length; page += 3) b.fill(0xa5, page * pageSize + 8, Math.min(b.length, page * pageSize + pageSize));
        return b;
      })],
      ['a truncated file', () => corruptCopy('truncated.sqlite', (b) => b.subarray(0, Math.floor(b.length / 2)))],
      ['a text file', () => corruptCopy('notes.sqlite', () => Buffer.from('just some notes\n'))],
      ['a foreign SQLite database', () => {
        const file = path.join(work, 'foreign.sqlite');
        const db = new Database(file);
        db.exec('create table recipes (id integer primary key, name text); insert into recipes (name) values (\'soup\')');
        db.close();
        return file;
      }],
      ['a file that does not exist', () => path.join(work, 'missing.sqlite')],
    ];
    test.each(bad)('%s', async (_name, make) => {
      const file = make();
      const before = await snapshot();
      const result = await cli(['restore', file]);
      expect(result.code, result.out).not.toBe(0);
      expect(result.out).toMatch(/error|not|fails|cannot|no such/i);
      expect(await snapshot()).toBe(before);
      expect((getSqlite().pragma('integrity_check') as Array<{ integrity_check: string }>)[0].integrity_check).toBe('ok');
    });
  });

  test('a good backup restores into an empty data folder and holds the same rows', async () => {
    const fresh = fs.mkdtempSync(path.join(work, 'restore-'));
    const result = await cli(['restore', good], fresh);
    expect(result.code, result.out).toBe(0);
    const restored = checkFile(path.join(fresh, 'workbench.sqlite'));
    expect(restored.integrity).toBe('ok');
    expect(restored.annotations).toBe(checkFile(good).annotations);
  });
});
