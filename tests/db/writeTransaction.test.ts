/**
 * writeTransaction (lib/db/client.ts) on the real database: BEGIN IMMEDIATE on its own, a
 * savepoint inside a transaction already open, and rolled back whole when its body throws. A
 * second connection to the same file tells what was committed. Also the connection's pragmas.
 */
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getSqlite, writeTransaction } from '@/lib/db/client';
import { databasePath } from '@/lib/config';

let observer: Database.Database;
const insert = (note: string) => getSqlite().prepare('insert into wt_rows (note) values (?)').run(note);
const committed = (note: string) => (observer.prepare('select count(*) as n from wt_rows where note = ?').get(note) as { n: number }).n;

beforeAll(() => {
  getSqlite().exec('create table wt_rows (id integer primary key, note text not null)');
  observer = new Database(databasePath(), { readonly: true });
});

describe('writeTransaction', () => {
  it('commits what its body wrote, and hands the body the drizzle handle of the one connection', () => {
    const seen = writeTransaction((tx) => {
      insert('kept');
      expect(getSqlite().inTransaction).toBe(true);
      return tx;
    });
    expect(seen).toBe(getDb());
    expect(getSqlite().inTransaction).toBe(false);
    expect(committed('kept')).toBe(1);
  });

  it('rolls back everything its body wrote when the body throws, and rethrows', () => {
    expect(() => writeTransaction(() => {
      insert('thrown away');
      throw new Error('refused');
    })).toThrow('refused');
    expect(getSqlite().inTransaction).toBe(false);
    expect(committed('thrown away')).toBe(0);
  });

  it('nested, it is a savepoint: an inner failure caught by the outer body undoes the inner writes only', () => {
    writeTransaction(() => {
      insert('outer');
      expect(() => writeTransaction(() => {
        insert('inner');
        throw new Error('inner refused');
      })).toThrow('inner refused');
      expect(getSqlite().inTransaction).toBe(true);
    });
    expect(committed('outer')).toBe(1);
    expect(committed('inner')).toBe(0);
  });

  it('refuses a body that returns a promise, keeping none of its writes', () => {
    expect(() => writeTransaction(() => {
      insert('async');
      return Promise.resolve(1);
    })).toThrow();
    expect(getSqlite().inTransaction).toBe(false);
    expect(committed('async')).toBe(0);
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
