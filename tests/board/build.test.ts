/**
 * A big project's first board build (after the migration, or a bulk import) runs in the
 * background in short steps: the read that starts it answers at once with "building, N of M",
 * the event loop is never held for long (the longest stall is a small share of the whole
 * build, measured with monitorEventLoopDelay), and writes made while it runs (a new link that
 * joins two clusters, an outlet renamed, a claim deleted) are on the board once it is built,
 * exactly as a build from scratch would show them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb, writeTransaction } from '@/lib/db/client';
import { annotations } from '@/lib/db/tables';
import { exec, sqlExec, sqlFirst } from '@/lib/db/query';
import { claimBoard, type ClaimBoard } from '@/lib/data/claimBoard';
import { boardBuilt } from '@/lib/data/boardClusters';
import type { Actor } from '@/lib/data/actor';
import { makeProject, makeUser } from '../helpers';
import { buildDesk } from './scaleCorpus';
import { staleBoard } from './fixtures';

const ARTICLES = 300;
const MS = 1e6;

let actor: Actor;
let projectId: number;
let reviewerId: number;

beforeAll(async () => {
  // One after another: concurrent sign-ups collide on PostgreSQL (SERIALIZABLE) and can exhaust their retries.
  const people = [];
  for (let i = 0; i < 4; i++) people.push(await makeUser({ name: `Desk ${i}` }));
  actor = people[0].actor;
  reviewerId = people[1].user.id;
  projectId = (await makeProject(people.map((p, i) => [p.user.id, i === 0 ? 'lead' : 'reviewer']))).id;
  await buildDesk(projectId, people.map((p) => p.user.id), ARTICLES);
}, 120_000);

/** What a reader sees of the board: totals, outlets, edges and the first page in every order. */
async function view(): Promise<unknown> {
  const pages: ClaimBoard[] = [];
  for (const sort of ['contested', 'corroborated', 'newest', 'unreviewed'] as const) pages.push(await claimBoard({ actor, projectId, query: { sort } }));
  const [first] = pages;
  expect(first.building).toBeNull();
  return { totals: first.totals, outlets: first.outlets, edges: first.edges, pages: pages.map((p: ClaimBoard) => [p.items, p.nextCursor]) };
}

describe(`the first board build at ${ARTICLES} articles`, () => {
  it('answers "building" at once, builds in steps that never hold the event loop long, and misses no write made meanwhile', async () => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const first = await claimBoard({ actor, projectId });
    const firstMs = performance.now() - started;
    expect(first.building).toEqual({ done: 0, total: 0 });
    expect(first.items).toEqual([]);

    // Let the build run a while, then write: a conflicting link joining the first and the last
    // claim, a renamed outlet and a deleted claim.
    const seen: Array<{ done: number; total: number }> = [];
    while (seen.length < 3 || seen[seen.length - 1].done === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const b = await claimBoard({ actor, projectId });
      if (!b.building) break;
      seen.push(b.building);
    }
    // Each write in a write transaction of its own, as the app writes (on PostgreSQL a
    // serializable one, which is what keeps a rename from passing a build step unseen).
    const ends = (await sqlFirst<{ a: number; b: number }>(getDb(), sql`select min(id) as a, max(id) as b from annotations
      where project_id = ${projectId} and label = 'claim' and deleted_at is null`))!;
    await writeTransaction((tx) => sqlExec(tx, sql`insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id)
      values (${projectId}, ${ends.a}, ${ends.b}, 'conflicts', ${reviewerId})`));
    await writeTransaction((tx) => sqlExec(tx, sql`update articles set outlet = 'Українська правда 🇺🇦' where project_id = ${projectId} and outlet = 'UNN'`));
    const gone = (await sqlFirst<{ id: number }>(getDb(), sql`select id from annotations where project_id = ${projectId} and label = 'claim'
      and deleted_at is null order by id limit 1 offset 30`))!.id;
    await writeTransaction((tx) => exec(tx.update(annotations).set({ deletedAt: new Date(1) }).where(eq(annotations.id, gone))));
    await boardBuilt(projectId);
    const totalMs = performance.now() - started;
    delay.disable();

    const longestStall = delay.max / MS;
    console.info(`build of ${ARTICLES} articles: first answer in ${firstMs.toFixed(0)} ms, built in ${totalMs.toFixed(0)} ms, ` +
      `longest event-loop stall ${longestStall.toFixed(0)} ms (${((100 * longestStall) / totalMs).toFixed(1)} % of the build); progress seen ${JSON.stringify(seen.slice(-3))}`);
    // In one synchronous step the stall was the whole build (ratio 1).
    expect(longestStall / totalMs).toBeLessThan(0.25);
    expect(seen.some((p) => p.total > 0 && p.done > 0 && p.done < p.total)).toBe(true);

    const built = await view();
    const after = await claimBoard({ actor, projectId });
    expect(after.outlets.map((o) => o.name)).toContain('Українська правда 🇺🇦');
    expect(after.outlets.map((o) => o.name)).not.toContain('UNN');
    const clusterOf = async (id: number) => (await sqlFirst<{ c: number }>(getDb(), sql`select cluster_id as c from board_members where annotation_id = ${id}`))?.c;
    expect(await clusterOf(ends.a)).toBeDefined();
    expect(await clusterOf(ends.a)).toBe(await clusterOf(ends.b));
    expect(await clusterOf(gone)).toBeUndefined();

    // The same board as a build from scratch of the project as it is now.
    await staleBoard(projectId);
    expect((await claimBoard({ actor, projectId })).building).not.toBeNull();
    await boardBuilt(projectId);
    expect(await view()).toEqual(built);
  }, 120_000);

  it('a read while the build runs starts no second build, and a viewer outside the project gets 404 even then', async () => {
    await staleBoard(projectId);
    const a = await claimBoard({ actor, projectId });
    const b = await claimBoard({ actor, projectId });
    expect(a.building).not.toBeNull();
    expect(b.building).not.toBeNull();
    const stranger = (await makeUser()).actor;
    await expect(claimBoard({ actor: stranger, projectId })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await boardBuilt(projectId);
    expect((await claimBoard({ actor, projectId })).building).toBeNull();
  }, 60_000);

  it('a build wanted inside a transaction starts once it has committed, outside it, and none when it rolls back', async () => {
    // Whether a build is running: boardBuilt settles at once when none is.
    const running = async () => {
      let settled = false;
      void boardBuilt(projectId).then(() => (settled = true));
      await new Promise((resolve) => setImmediate(resolve));
      return !settled;
    };
    await staleBoard(projectId);
    await expect(writeTransaction(async () => {
      expect((await claimBoard({ actor, projectId })).building).toEqual({ done: 0, total: 0 });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await running()).toBe(false);

    let insideRunning: boolean | undefined;
    await writeTransaction(async () => {
      expect((await claimBoard({ actor, projectId })).building).toEqual({ done: 0, total: 0 });
      insideRunning = await running();
    });
    expect(insideRunning).toBe(false);
    expect(await running()).toBe(true);
    await boardBuilt(projectId);
    expect((await claimBoard({ actor, projectId })).building).toBeNull();
  }, 60_000);
});
