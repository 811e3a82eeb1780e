/**
 * writeTransaction (lib/db/client.ts) on the real database. On SQLite: BEGIN IMMEDIATE on its own, a
 * savepoint inside a transaction already open, and rolled back whole when its body throws. Its
 * body may await; the write transactions of this process take turns, and a read outside one
 * while it is open (getDb() then answers the read-only connection) never sees its writes. A
 * second connection to the same file tells what was committed. Also the connection's pragmas.
 *
 * On PostgreSQL those one-writer mechanics do not exist (writers run side by side on a pool);
 * the guarantees are SERIALIZABLE transactions run again after a serialization failure
 * (lib/db/pg/client.ts), tested in the last block: concurrent read-modify-writes of one row
 * never lose an update, a body that throws rolls back, a nested call is a savepoint rolled back
 * alone, and a transaction still failing after PG_TX_ATTEMPTS is a 503 'unavailable'.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentConnection, currentTransaction, getDb, getSqlite, writeTransaction } from '@/lib/db/client';
import { databasePath } from '@/lib/config';
import { onPostgres } from '@/lib/db/engine';
import { sqlExec, sqlFirst } from '@/lib/db/query';
import { pgStats } from '@/lib/db/pg/client';
import { isAppError } from '@/lib/errors';

let observer: Database.Database;
const insert = (note: string) => getSqlite().prepare('insert into wt_rows (note) values (?)').run(note);
const committed = (note: string) => (observer.prepare('select count(*) as n from wt_rows where note = ?').get(note) as { n: number }).n;
/** What a read through getDb()'s connection sees from where it is called. */
const visible = (note: string) => (currentConnection().prepare('select count(*) as n from wt_rows where note = ?').get(note) as { n: number }).n;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeAll(async () => {
  if (onPostgres()) {
    await sqlExec(getDb(), sql`create table wt_rows (id serial primary key, note text not null)`);
    await sqlExec(getDb(), sql`create table wt_counter (id integer primary key, n integer not null)`);
    return;
  }
  getSqlite().exec('create table wt_rows (id integer primary key, note text not null)');
  observer = new Database(databasePath(), { readonly: true });
});

// SQLite's one connection, its BEGIN IMMEDIATE, turns and read-only connection: SQLite's alone.
describe.skipIf(onPostgres())('writeTransaction', () => {
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

describe.skipIf(onPostgres())('the connection', () => {
  it('keeps WAL and synchronous=FULL, and savepoint journals in memory (temp_store=MEMORY)', () => {
    const sqlite = getSqlite();
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2);
  });
});

describe.runIf(onPostgres())('writeTransaction on PostgreSQL', () => {
  const note = async (text: string) => Number((await sqlFirst<{ n: number }>(getDb(), sql`select count(*) as n from wt_rows where note = ${text}`))!.n);
  const attemptsBefore = process.env.PG_TX_ATTEMPTS;
  afterEach(() => {
    if (attemptsBefore === undefined) delete process.env.PG_TX_ATTEMPTS;
    else process.env.PG_TX_ATTEMPTS = attemptsBefore;
  });

  it('never loses an update: concurrent read-modify-writes of one row all land', async () => {
    await sqlExec(getDb(), sql`insert into wt_counter (id, n) values (1, 0)`);
    const increment = () =>
      writeTransaction(async (tx) => {
        const { n } = (await sqlFirst<{ n: number }>(tx, sql`select n from wt_counter where id = 1`))!;
        await new Promise((resolve) => setTimeout(resolve, 20));
        await sqlExec(tx, sql`update wt_counter set n = ${n + 1} where id = 1`);
        return n + 1;
      });
    const results = await Promise.all([increment(), increment(), increment()]);
    expect(results.sort()).toEqual([1, 2, 3]);
    expect((await sqlFirst<{ n: number }>(getDb(), sql`select n from wt_counter where id = 1`))!.n).toBe(3);
  });

  it('runs again from its start when another instance changed what it read (a serialization failure), losing nothing', async () => {
    await sqlExec(getDb(), sql`insert into wt_counter (id, n) values (2, 0)`);
    const retriesBefore = pgStats()?.retries ?? 0;
    // Another instance: a connection of its own, outside this process's turn-taking.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    let attempts = 0;
    try {
      const result = await writeTransaction(async (tx) => {
        attempts++;
        const { n } = (await sqlFirst<{ n: number }>(tx, sql`select n from wt_counter where id = 2`))!;
        // The other instance increments the row between this read and this write, once.
        if (attempts === 1) await other.query('update wt_counter set n = n + 10 where id = 2');
        await sqlExec(tx, sql`update wt_counter set n = ${n + 1} where id = 2`);
        return n + 1;
      });
      expect(attempts).toBe(2);
      expect(result).toBe(11);
      expect((await sqlFirst<{ n: number }>(getDb(), sql`select n from wt_counter where id = 2`))!.n).toBe(11);
      expect((pgStats()?.retries ?? 0) - retriesBefore).toBe(1);
    } finally {
      await other.end();
    }
  });

  it('rolls back everything its body wrote when the body throws, and rethrows', async () => {
    const failure = new Error('body failed');
    await expect(writeTransaction(async (tx) => {
      await sqlExec(tx, sql`insert into wt_rows (note) values ('doomed')`);
      expect(await note('doomed')).toBe(1); // its own write, seen inside
      throw failure;
    })).rejects.toBe(failure);
    expect(await note('doomed')).toBe(0);
    expect(currentTransaction()).toBeUndefined();
  });

  it('nested, it is a savepoint: an inner failure caught by the outer body undoes the inner writes only', async () => {
    await writeTransaction(async (tx) => {
      await sqlExec(tx, sql`insert into wt_rows (note) values ('outer')`);
      await expect(writeTransaction(async (inner) => {
        await sqlExec(inner, sql`insert into wt_rows (note) values ('inner')`);
        throw new Error('inner failed');
      })).rejects.toThrow('inner failed');
      expect(await note('inner')).toBe(0);
      await sqlExec(tx, sql`insert into wt_rows (note) values ('outer after')`);
    });
    expect([await note('outer'), await note('inner'), await note('outer after')]).toEqual([1, 0, 1]);
  });

  it("answers 503 'unavailable' once every one of PG_TX_ATTEMPTS attempts failed to serialize, keeping nothing", async () => {
    process.env.PG_TX_ATTEMPTS = '3';
    let attempts = 0;
    const error = await writeTransaction(async (tx) => {
      attempts++;
      await sqlExec(tx, sql`insert into wt_rows (note) values ('never')`);
      // What PostgreSQL throws for a serialization failure (SQLSTATE 40001).
      throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
    }).catch((e: unknown) => e);
    expect(attempts).toBe(3);
    expect(isAppError(error) && [error.code, error.status]).toEqual(['unavailable', 503]);
    expect(await note('never')).toBe(0);
  });
});
