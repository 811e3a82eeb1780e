/**
 * Group commit (lib/db/groupCommit.ts) on the real database: works queued together share one
 * transaction, each is isolated by its savepoint, nothing is acknowledged before COMMIT, and a
 * failed COMMIT rejects the whole batch and keeps nothing. A second connection to the same
 * file sees only committed data, so it tells what is durable.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSqlite, writeTransaction } from '@/lib/db/client';
import { databasePath } from '@/lib/config';
import { commitTogether, MAX_BATCH } from '@/lib/db/groupCommit';
import { AppError } from '@/lib/errors';

let observer: Database.Database;

function insert(note: string) {
  return writeTransaction(() => Number(getSqlite().prepare('insert into gc_rows (note) values (?)').run(note).lastInsertRowid));
}
const committed = (note: string) => (observer.prepare('select count(*) as n from gc_rows where note = ?').get(note) as { n: number }).n;

beforeAll(() => {
  getSqlite().exec('create table gc_rows (id integer primary key, note text not null, parent integer references gc_rows(id))');
  observer = new Database(databasePath(), { readonly: true });
});
afterEach(() => vi.restoreAllMocks());

describe('commitTogether', () => {
  it('commits works queued in one turn in a single transaction, in arrival order', async () => {
    const exec = vi.spyOn(getSqlite(), 'exec');
    const notes = Array.from({ length: 10 }, (_, i) => `batch ${i} «ünïcödé» 🧾`);
    const ids = await Promise.all(notes.map((n) => commitTogether(() => insert(n))));
    expect(exec.mock.calls.filter(([q]) => q === 'BEGIN IMMEDIATE')).toHaveLength(1);
    expect(exec.mock.calls.filter(([q]) => q === 'COMMIT')).toHaveLength(1);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const n of notes) expect(committed(n)).toBe(1);
  });

  it('acknowledges nothing before COMMIT: a reader on another connection sees each work once it resolves', async () => {
    const seenAtResolve: number[] = [];
    await Promise.all(['early', 'late'].map((n) => commitTogether(() => insert(n)).then(() => seenAtResolve.push(committed(n)))));
    expect(seenAtResolve).toEqual([1, 1]);
  });

  it('a failing work is rolled back alone and answered with its own error; later works see earlier ones', async () => {
    const results = await Promise.allSettled([
      commitTogether(() => insert('kept before')),
      commitTogether(() => {
        insert('rolled back');
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

  it('refuses a work that returns a promise, keeping none of its synchronous writes', async () => {
    const work = (() => {
      insert('before the await');
      return Promise.resolve(1);
    }) as () => unknown;
    await expect(commitTogether(work)).rejects.toThrow(/must be synchronous/);
    expect(committed('before the await')).toBe(0);
  });

  it('bounds a batch at MAX_BATCH works so reads are not held up behind a long one', async () => {
    const exec = vi.spyOn(getSqlite(), 'exec');
    const n = MAX_BATCH * 2 + 5;
    await Promise.all(Array.from({ length: n }, (_, i) => commitTogether(() => insert(`bounded ${i}`))));
    expect(exec.mock.calls.filter(([q]) => q === 'COMMIT')).toHaveLength(3);
    expect((observer.prepare("select count(*) as n from gc_rows where note like 'bounded %'").get() as { n: number }).n).toBe(n);
  });

  it('when COMMIT fails, every work of the batch is rejected and none of it is kept', async () => {
    const results = await Promise.allSettled([
      commitTogether(() => insert('innocent bystander')),
      commitTogether(() => {
        // A deferred foreign key is only checked at COMMIT, which therefore fails.
        getSqlite().pragma('defer_foreign_keys = ON');
        return writeTransaction(() => getSqlite().prepare('insert into gc_rows (note, parent) values (?, 987654)').run('dangling'));
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(committed('innocent bystander')).toBe(0);
    expect(committed('dangling')).toBe(0);
    expect(getSqlite().inTransaction).toBe(false);
    // The connection is usable again at once.
    await commitTogether(() => insert('after the failure'));
    expect(committed('after the failure')).toBe(1);
  });
});
