/**
 * Group commit (lib/db/groupCommit.ts) on the real database: works queued together share one
 * transaction, also when they await, each is isolated by its savepoint, nothing is
 * acknowledged before COMMIT, and a failed COMMIT rejects the whole batch and keeps nothing. A
 * second connection to the same file sees only committed data, so it tells what is durable.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { currentConnection, getSqlite, writeTransaction } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { databasePath } from '@/lib/config';
import { commitTogether, MAX_BATCH } from '@/lib/db/groupCommit';
import { AppError } from '@/lib/errors';

let observer: Database.Database;

async function insert(note: string) {
  return await writeTransaction(() => Number(getSqlite().prepare('insert into gc_rows (note) values (?)').run(note).lastInsertRowid));
}
const committed = (note: string) => (observer.prepare('select count(*) as n from gc_rows where note = ?').get(note) as { n: number }).n;
/** What a read through getDb()'s connection sees from here (outside any transaction). */
const visible = (note: string) => (currentConnection().prepare('select count(*) as n from gc_rows where note = ?').get(note) as { n: number }).n;

beforeAll(() => {
  if (onPostgres()) return;
  getSqlite().exec('create table gc_rows (id integer primary key, note text not null, parent integer references gc_rows(id))');
  observer = new Database(databasePath(), { readonly: true });
});
afterEach(() => vi.restoreAllMocks());

// Group commit batches the writes of SQLite's one writer connection into one COMMIT; on
// PostgreSQL writers run side by side on the pool and every write transaction commits alone
// (tests/db/writeTransaction.test.ts has its guarantees there).
describe.skipIf(onPostgres())('commitTogether', () => {
  it('commits works queued in one turn in a single transaction, in arrival order', async () => {
    const exec = vi.spyOn(getSqlite(), 'exec');
    const notes = Array.from({ length: 10 }, (_, i) => `batch ${i} «ünïcödé» 🧾`);
    const ids = await Promise.all(notes.map((n) => commitTogether(async () => await insert(n))));
    expect(exec.mock.calls.filter(([q]) => q === 'BEGIN IMMEDIATE')).toHaveLength(1);
    expect(exec.mock.calls.filter(([q]) => q === 'COMMIT')).toHaveLength(1);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const n of notes) expect(committed(n)).toBe(1);
  });

  it('acknowledges nothing before COMMIT: a reader on another connection sees each work once it resolves', async () => {
    const seenAtResolve: number[] = [];
    await Promise.all(['early', 'late'].map((n) => commitTogether(async () => await insert(n)).then(() => seenAtResolve.push(committed(n)))));
    expect(seenAtResolve).toEqual([1, 1]);
  });

  it('a failing work is rolled back alone and answered with its own error; later works see earlier ones', async () => {
    const results = await Promise.allSettled([
      commitTogether(async () => await insert('kept before')),
      commitTogether(async () => {
        await insert('rolled back');
        throw new AppError('conflict', 'You already linked these two statements.');
      }),
      commitTogether(() => (getSqlite().prepare("select count(*) as n from gc_rows where note = 'kept before'").get() as { n: number }).n),
    ]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'conflict', status: 409 } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 1 });
    expect(committed('kept before')).toBe(1);
    expect(committed('rolled back')).toBe(0);
  });

  it('works that await still share one COMMIT, run one after another, and keep or lose their writes on both sides of the await', async () => {
    const exec = vi.spyOn(getSqlite(), 'exec');
    const steps: string[] = [];
    const work = (name: string, fail = false) => async () => {
      steps.push(`${name} begins`);
      await insert(`${name} before the await`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await insert(`${name} after the await`);
      steps.push(`${name} ends`);
      if (fail) throw new AppError('conflict', 'Refused after the await.');
      return name;
    };
    const results = await Promise.allSettled([commitTogether(work('one')), commitTogether(work('two', true)), commitTogether(work('three'))]);
    expect(exec.mock.calls.filter(([q]) => q === 'BEGIN IMMEDIATE')).toHaveLength(1);
    expect(exec.mock.calls.filter(([q]) => q === 'COMMIT')).toHaveLength(1);
    expect(steps).toEqual(['one begins', 'one ends', 'two begins', 'two ends', 'three begins', 'three ends']);
    expect(results).toMatchObject([{ status: 'fulfilled', value: 'one' }, { status: 'rejected', reason: { code: 'conflict' } }, { status: 'fulfilled', value: 'three' }]);
    for (const n of ['one', 'three']) expect([committed(`${n} before the await`), committed(`${n} after the await`)]).toEqual([1, 1]);
    expect([committed('two before the await'), committed('two after the await')]).toEqual([0, 0]);
  });

  it('a write transaction that arrives while a batch awaits waits for its COMMIT, and reads outside it see only committed rows', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const batch = commitTogether(async () => {
      await insert('held by the batch');
      wrote();
      await gate;
    });
    await written;
    expect(visible('held by the batch')).toBe(0);
    const later = insert('after the batch');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(committed('after the batch')).toBe(0);
    release();
    await Promise.all([batch, later]);
    expect(committed('held by the batch')).toBe(1);
    expect(committed('after the batch')).toBe(1);
  });

  it('bounds a batch at MAX_BATCH works so reads are not held up behind a long one', async () => {
    const exec = vi.spyOn(getSqlite(), 'exec');
    const n = MAX_BATCH * 2 + 5;
    await Promise.all(Array.from({ length: n }, (_, i) => commitTogether(async () => await insert(`bounded ${i}`))));
    expect(exec.mock.calls.filter(([q]) => q === 'COMMIT')).toHaveLength(3);
    expect((observer.prepare("select count(*) as n from gc_rows where note like 'bounded %'").get() as { n: number }).n).toBe(n);
  });

  it('when COMMIT fails, every work of the batch is rejected and none of it is kept', async () => {
    const results = await Promise.allSettled([
      commitTogether(async () => await insert('innocent bystander')),
      commitTogether(async () => {
        // A deferred foreign key is only checked at COMMIT, which therefore fails.
        getSqlite().pragma('defer_foreign_keys = ON');
        return await writeTransaction(() => getSqlite().prepare('insert into gc_rows (note, parent) values (?, 987654)').run('dangling'));
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(committed('innocent bystander')).toBe(0);
    expect(committed('dangling')).toBe(0);
    expect(getSqlite().inTransaction).toBe(false);
    // The connection is usable again at once.
    await commitTogether(async () => await insert('after the failure'));
    expect(committed('after the failure')).toBe(1);
  });
});
