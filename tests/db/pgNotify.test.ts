/**
 * The event log's NOTIFY channel (drizzle/pg/0010_events_notify.sql) and the listener each
 * instance will run (lib/db/pg/eventNotifications.ts), on a real PostgreSQL: a committed write
 * on another connection wakes the listener with the newest event id within 2 s, one notice per
 * writing statement, none for a rolled-back write, and a listener whose connection is killed
 * comes back and reports the write it missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForEvents, type EventListener } from '@/lib/db/pg/eventNotifications';
import { migratedDatabase, PG_TEST_URL, type TestDatabase } from './pgTestDb';

let db: TestDatabase;
let listener: EventListener | null = null;
const heard: number[] = [];
const errors: string[] = [];

async function appendEvents(count: number): Promise<number> {
  const values = Array.from({ length: count }, (_, i) => `('annotation.create', 'annotation', ${i + 1}, '{"exact":"Зеленський 🇺🇦"}'::jsonb)`).join(', ');
  const rows = await db.rows<{ id: number }>(`insert into events (action, entity_type, entity_id, after) values ${values} returning id`);
  return Math.max(...rows.map((r) => r.id));
}

async function heardWithin(ms: number, predicate: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return predicate();
}

describe.skipIf(!PG_TEST_URL)('PostgreSQL event notifications', () => {
  beforeAll(async () => {
    db = await migratedDatabase('wb_notify');
    listener = await listenForEvents(db.url, (id) => heard.push(id), (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await listener?.close();
    await db?.close();
  });

  it('wake the listener with the newest id once per committed statement, within 2 s', async () => {
    expect(heard).toEqual([]); // an empty log has no head to report
    const started = Date.now();
    const id = await appendEvents(1);
    expect(await heardWithin(2_000, () => heard.includes(id))).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);

    heard.length = 0;
    const newest = await appendEvents(3);
    expect(await heardWithin(2_000, () => heard.includes(newest))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual([newest]);
  });

  it('say nothing for a write that is rolled back', async () => {
    heard.length = 0;
    await db.rows('begin');
    await appendEvents(2);
    await db.rows('rollback');
    await new Promise((r) => setTimeout(r, 400));
    expect(heard).toEqual([]);
  });

  it('come back after the connection is killed and report the write made meanwhile', async () => {
    heard.length = 0;
    const killed = await db.rows<{ ok: boolean }>(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    expect(killed.length).toBeGreaterThan(0);
    expect(await heardWithin(2_000, () => errors.length > 0)).toBe(true);
    const missed = await appendEvents(1);
    expect(await heardWithin(5_000, () => heard.some((id) => id >= missed))).toBe(true);
    // And it listens again: the next write arrives by notification.
    const next = await appendEvents(1);
    expect(await heardWithin(2_000, () => heard.includes(next))).toBe(true);
  });
});
