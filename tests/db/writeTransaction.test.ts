/**
 * writeTransaction (lib/db/client.ts) on the real database: BEGIN IMMEDIATE on its own, a
 * savepoint inside a transaction already open, and rolled back whole when its body throws. Its
 * body may await; the write transactions of this process take turns, and a read outside one
 * while it is open (getDb() then answers the read-only connection) never sees its writes. A
 * second connection to the same file tells what was committed. Also the connection's pragmas.
 */
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentConnection, currentTransaction, getDb, getSqlite, writeTransaction } from '@/lib/db/client';
import { databasePath } from '@/lib/config';

let observer: Database.Database;
const insert = (note: string) => getSqlite().prepare('insert into wt_rows (note) values (?)').run(note);
const committed = (note: string) => (observer.prepare('select count(*) as n from wt_rows where note = ?').get(note) as { n: number }).n;
/** What a read through getDb()'s connection sees from where it is called. */
const visible = (note: string) => (currentConnection().prepare('select count(*) as n from wt_rows where note = ?').get(note) as { n: number }).n;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeAll(() => {
  getSqlite().exec('create table wt_rows (id integer primary key, note text not null)');
  observer = new Database(databasePath(), { readonly: true });
});

describe('writeTransaction', () => {
  it('commits what its body wrote, and hands the body the drizzle handle of the writer connection', async () => {
    const seen = await writeTransaction((tx) => {
      insert('kept');
      expect(getSqlite().inTransaction).toBe(true);
      expect(getDb()).toBe(tx);
      expect(currentConnection()).toBe(getSqlite());
      return tx;
    });
    expect(getSqlite().inTransaction).toBe(false);
    expect(committed('kept')).toBe(1);
    // Outside a transaction, with the writer idle, getDb() answers the writer too.
    expect(getDb()).toBe(seen);
  });

  it('rolls back everything its body wrote when the body throws, and rethrows', async () => {
    await expect(writeTransaction(() => {
      insert('thrown away');
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(getSqlite().inTransaction).toBe(false);
    expect(committed('thrown away')).toBe(0);
  });

  it('lets its body await: writes before and after the await commit together, or roll back together', async () => {
    await writeTransaction(async () => {
      insert('before the await');
      await tick();
      expect(getSqlite().inTransaction).toBe(true);
      expect(currentTransaction()).toBeDefined();
      insert('after the await');
    });
    expect(committed('before the await')).toBe(1);
    expect(committed('after the await')).toBe(1);

    await expect(writeTransaction(async () => {
      insert('written, then an await');
      await tick();
      throw new Error('refused after the await');
    })).rejects.toThrow('refused after the await');
    expect(getSqlite().inTransaction).toBe(false);
    expect(committed('written, then an await')).toBe(0);
  });

  it('runs the bodies of this process one at a time, in arrival order, even when they await', async () => {
    const steps: string[] = [];
    const body = (name: string) => async () => {
      steps.push(`${name} begins`);
      insert(name);
      await tick();
      steps.push(`${name} ends`);
    };
    await Promise.all([writeTransaction(body('first')), writeTransaction(body('second')), writeTransaction(body('third'))]);
    expect(steps).toEqual(['first begins', 'first ends', 'second begins', 'second ends', 'third begins', 'third ends']);
    expect(['first', 'second', 'third'].map(committed)).toEqual([1, 1, 1]);
  });

  it('nested, it is a savepoint: an inner failure caught by the outer body undoes the inner writes only', async () => {
    await writeTransaction(async () => {
      insert('outer');
      await expect(writeTransaction(async () => {
        insert('inner');
        await tick();
        throw new Error('inner refused');
      })).rejects.toThrow('inner refused');
      expect(getSqlite().inTransaction).toBe(true);
      await writeTransaction(() => insert('inner kept'));
      insert('outer again');
    });
    expect(committed('outer')).toBe(1);
    expect(committed('inner')).toBe(0);
    expect(committed('inner kept')).toBe(1);
    expect(committed('outer again')).toBe(1);
  });

  it('a read outside the transaction does not see its writes until COMMIT; a read inside does', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const open = writeTransaction(async () => {
      insert('open');
      expect(visible('open')).toBe(1);
      wrote();
      await gate;
    });
    await written;
    // The transaction is open, waiting on the gate: this read runs outside it, on the reader.
    expect(currentTransaction()).toBeUndefined();
    expect(getSqlite().inTransaction).toBe(true);
    expect(currentConnection().readonly).toBe(true);
    expect(visible('open')).toBe(0);
    expect(committed('open')).toBe(0);
    release();
    await open;
    expect(visible('open')).toBe(1);
    expect(committed('open')).toBe(1);
  });
});

describe('the connection', () => {
  it('keeps WAL and synchronous=FULL, and savepoint journals in memory (temp_store=MEMORY)', () => {
    const sqlite = getSqlite();
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2);
  });
});
