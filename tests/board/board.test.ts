import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimBoard, type BoardQuery, type ClaimBoard } from '@/lib/data/claimBoard';
import { deleteLink } from '@/lib/data/links';
import { reviewAnnotation, reviewLink } from '@/lib/data/reviews';
import { finalizeVerdict } from '@/lib/data/verdicts';
import { updateArticleMetadata } from '@/lib/data/articles';
import { importArticle } from '@/lib/data/articles';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import { makeProject, makeUser } from '../helpers';
import { annotate, markDeleted } from '../links/fixtures';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { sqlAll, sqlExec } from '@/lib/db/query';
import { link, makeDesk, reject, staleBoard, type Desk } from './fixtures';

let lead: Actor, rita: Actor, omar: Actor, viewer: Actor, stranger: Actor;
let leadId: number, ritaId: number, omarId: number, viewerId: number;
let projectId: number;
let desk: Desk;

beforeAll(async () => {
  // One after another: concurrent sign-ups collide on PostgreSQL (SERIALIZABLE) and can exhaust their retries.
  const people = [];
  for (const name of ['Lena Lead', 'Rita Reviewer', 'Omar Other', undefined, undefined]) people.push(await makeUser({ name }));
  [lead, rita, omar, viewer, stranger] = people.map((p) => p.actor);
  [leadId, ritaId, omarId, viewerId] = people.map((p) => p.user.id);
});

beforeEach(async () => {
  projectId = (await makeProject([[leadId, 'lead'], [ritaId, 'reviewer'], [omarId, 'reviewer'], [viewerId, 'viewer']])).id;
  desk = await makeDesk(projectId, ritaId);
});

const board = async (query: BoardQuery = {}, actor: Actor = viewer) => await claimBoard({ actor, projectId, query });
const ids = (b: ClaimBoard) => b.items.map((c) => c.id);
const clusterOf = (b: ClaimBoard, id: number) => b.items.find((c) => c.id === id || c.cells.some((cell) => cell.statements.some((s) => s.annotationId === id)));

describe('clusters', () => {
  it('groups a claim linked from three outlets into one row with one cell per outlet', async () => {
    const claim = await desk.statement('Kyiv Independent', 'Ukraine will not legally recognize any occupied territories');
    const unn = await desk.statement('UNN', 'Ukraine will never recognize the occupied territories as Russian', 'quote');
    const zamin = await desk.statement('Zamin.uz', 'Украина никогда не признает оккупированные территории', 'quote');
    const reuters = await desk.statement('Reuters', 'the occupied territories could be recognized in a deal');
    const lone = await desk.statement('Meduza', 'Prices rose by 12 % in Crimea');
    await link(rita, claim, unn);
    await link(rita, claim, zamin);
    await link(rita, claim, reuters, 'conflicts');
    const b = await board();
    expect(ids(b).sort()).toEqual([claim, lone].sort());
    const row = clusterOf(b, claim)!;
    expect(row).toMatchObject({ id: claim, size: 4, outlets: 4, corroborates: 2, conflicts: 1, contested: 1 });
    expect(row.claim).toMatchObject({ annotationId: claim, outlet: 'Kyiv Independent', status: 'proposed' });
    expect(Object.fromEntries(row.cells.map((c) => [c.outlet, [c.total, c.corroborates, c.conflicts]]))).toEqual({
      'Kyiv Independent': [1, 0, 0], UNN: [1, 1, 0], 'Zamin.uz': [1, 1, 0], Reuters: [1, 0, 1],
    });
    expect(row.cells.find((c) => c.outlet === 'Zamin.uz')!.statements[0]).toMatchObject({
      annotationId: zamin, label: 'quote', relation: 'corroborates', linkStatus: 'proposed', exact: 'Украина никогда не признает оккупированные территории',
    });
    expect(b.totals).toMatchObject({ clusters: 2, matching: 2, linkedClusters: 1, contested: 1, links: 3, rejectedLinks: 0 });
    expect(b.outlets.map((o) => o.name)).toContain('Zamin.uz');
    expect(b.edges).toContainEqual({ a: 'Kyiv Independent', b: 'Reuters', corroborates: 0, conflicts: 1 });
  });

  it('follows chains across outlets, and heads the cluster with the claim most others link to', async () => {
    const first = await desk.statement('Kyiv Independent', 'Ukraine will not legally recognize any occupied territories');
    const unn = await desk.statement('UNN', 'Ukraine will never recognize the occupied territories as Russian', 'quote');
    const zamin = await desk.statement('Zamin.uz', 'Украина никогда не признает оккупированные территории', 'context');
    const hub = await desk.statement('Reuters', 'the occupied territories could be recognized in a deal');
    const meduza = await desk.statement('Meduza', 'the territories are already Russian', 'quote');
    await link(rita, first, unn);
    await link(rita, unn, zamin);
    await link(rita, zamin, hub, 'conflicts');
    expect(ids(await board())).toEqual([first]); // one chain; a tie of one link each goes to the earliest claim
    await link(rita, hub, meduza);
    const b = await board();
    expect(ids(b)).toEqual([hub]);
    expect(b.items[0]).toMatchObject({ size: 5, outlets: 5, corroborates: 3, conflicts: 1 });
    const via = Object.fromEntries(b.items[0].cells.map((c) => [c.outlet, c.statements[0].relation]));
    expect(via).toEqual({ Reuters: null, 'Zamin.uz': 'conflicts', UNN: 'corroborates', 'Kyiv Independent': 'corroborates', Meduza: 'corroborates' });
  });

  it('a rejected link splits nothing and counts nothing; proposed and disputed links are marked', async () => {
    const claim = await desk.statement('Kyiv Independent', 'Ukraine will not legally recognize any occupied territories');
    const unn = await desk.statement('UNN', 'Ukraine will never recognize the occupied territories as Russian', 'quote');
    const zamin = await desk.statement('Zamin.uz', 'Украина никогда не признает оккупированные территории', 'quote');
    const reuters = await desk.statement('Reuters', 'the occupied territories could be recognized in a deal');
    await link(rita, claim, unn);
    const disputed = await link(rita, claim, zamin);
    const wrong = await link(rita, claim, reuters, 'conflicts');
    expect((await board()).totals.contested).toBe(1);
    await reject(omar, wrong);
    await reviewLink({ actor: lead, id: disputed, input: { decision: 'accept' } });
    await reject(omar, disputed);
    const b = await board();
    expect(ids(b).sort()).toEqual([claim, reuters].sort());
    const row = clusterOf(b, claim)!;
    expect(row).toMatchObject({ size: 3, corroborates: 2, conflicts: 0, contested: 0, rejectedLinks: 1 });
    expect(row.cells.find((c) => c.outlet === 'Zamin.uz')).toMatchObject({ disputedLinks: 1, proposedLinks: 0 });
    expect(row.cells.find((c) => c.outlet === 'UNN')).toMatchObject({ disputedLinks: 0, proposedLinks: 1 });
    expect(clusterOf(b, reuters)).toMatchObject({ size: 1, conflicts: 0, rejectedLinks: 1 });
    expect(b.totals).toMatchObject({ contested: 0, links: 2, rejectedLinks: 1, linkedClusters: 1 });
    expect(b.edges.some((e) => e.conflicts > 0)).toBe(false);
  });

  it('is never stale: a deleted link, a deleted statement and a renamed outlet show at once', async () => {
    const claim = await desk.statement('Kyiv Independent', 'Ukraine will not legally recognize any occupied territories');
    const unn = await desk.statement('UNN', 'Ukraine will never recognize the occupied territories as Russian', 'quote');
    const reuters = await desk.statement('Reuters', 'the occupied territories could be recognized in a deal');
    const gone = await link(rita, claim, reuters, 'conflicts');
    await link(rita, claim, unn);
    expect((await board()).items[0]).toMatchObject({ id: claim, conflicts: 1 });
    await deleteLink({ actor: rita, linkId: gone });
    expect(clusterOf(await board(), claim)).toMatchObject({ conflicts: 0, size: 2 });
    await updateArticleMetadata({ actor: lead, articleId: desk.articles.UNN, input: { outlet: 'Ukrinform' } });
    expect(clusterOf(await board(), claim)!.cells.map((c) => c.outlet).sort()).toEqual(['Kyiv Independent', 'Ukrinform']);
  });

  it('names an article without an outlet by its domain, else a short title', async () => {
    const withUrl = await importArticle({ actor: SYSTEM, projectId, input: { title: 'A long report on the talks in Geneva and what comes next', body: 'Talks resumed in Geneva on Monday, officials said.', url: 'https://www.pravda.com.ua/eng/news/1/' } });
    const untitled = await importArticle({ actor: SYSTEM, projectId, input: { title: 'Zelensky: We will not trade land for peace, says the president', body: 'We will not trade land for peace, the president said.' } });
    await annotate(withUrl.id, ritaId, 'Talks resumed in Geneva');
    await annotate(untitled.id, ritaId, 'We will not trade land for peace');
    const names = (await board()).items.map((c) => c.claim.outlet).sort();
    expect(names).toEqual(['Zelensky: We will not trade…', 'pravda.com.ua']);
  });
});

/** The project's board tables, in a stable order, to compare incremental upkeep with a rebuild. */
async function tables() {
  const q = (query: ReturnType<typeof sql>) => sqlAll(getDb(), query);
  return {
    clusters: await q(sql`select * from board_clusters where project_id = ${projectId} order by cluster_id`),
    members: await q(sql`select * from board_members where project_id = ${projectId} order by annotation_id`),
    links: await q(sql`select * from board_links where project_id = ${projectId} order by link_id`),
    pairs: await q(sql`select a, b, corroborates, conflicts, n from board_outlet_pairs where project_id = ${projectId} and n <> 0 order by a, b`),
    pairsCounted: await q(sql`select a, b, sum(case when relation = 'corroborates' then 1 else 0 end) as corroborates,
      sum(case when relation = 'conflicts' then 1 else 0 end) as conflicts, count(*) as n from board_links where project_id = ${projectId} group by a, b order by a, b`),
    outlets: await q(sql`select * from board_outlets where project_id = ${projectId} order by outlet`),
    totals: await q(sql`select clusters, linked_clusters, contested, links, disagreements from board_state where project_id = ${projectId}`),
  };
}

describe('incremental upkeep', () => {
  it('after every kind of write, equals a rebuild from scratch', async () => {
    const s = {
      claim: await desk.statement('Kyiv Independent', 'Ukraine will not legally recognize any occupied territories'),
      unn: await desk.statement('UNN', 'Ukraine will never recognize the occupied territories as Russian', 'quote'),
      zamin: await desk.statement('Zamin.uz', 'Украина никогда не признает оккупированные территории', 'quote'),
      reuters: await desk.statement('Reuters', 'the occupied territories could be recognized in a deal'),
      meduza: await desk.statement('Meduza', 'the territories are already Russian'),
      prices: await desk.statement('Meduza', 'Prices rose by 12 % in Crimea', 'context'),
    };
    const steps: Array<() => unknown> = [
      () => link(rita, s.claim, s.unn),
      () => link(rita, s.unn, s.zamin),
      () => link(rita, s.reuters, s.meduza, 'conflicts'),
      () => link(omar, s.zamin, s.reuters),
      async () => reject(lead, (await link(rita, s.prices, s.claim)) as number),
      async () => await markDeleted(s.unn),
      () => sqlExec(getDb(), sql`update annotations set deleted_at = null where id = ${s.unn}`),
      () => reviewAnnotation({ actor: omar, id: s.reuters, input: { decision: 'reject', reason: 'Not what the source says.' } }),
      async () => await finalizeVerdict({ actor: lead, annotationId: s.meduza, input: { verdict: 'misleading', rationale: 'Annexation is not recognized.' } }),
      () => sqlExec(getDb(), sql`update annotations set label = 'quote' where id = ${s.meduza}`),
      async () => await updateArticleMetadata({ actor: lead, articleId: desk.articles.Reuters, input: { outlet: 'Reuters Kyiv' } }),
      async () => await markDeleted(s.zamin),
    ];
    for (const step of steps) {
      await step();
      await board();
      const kept = await tables();
      // The outlet graph's pair counters equal a GROUP BY over the counted links.
      expect(kept.pairs).toEqual(kept.pairsCounted);
      await staleBoard(projectId);
      await board();
      expect(kept).toEqual(await tables());
    }
  });
});

describe('filters and sorts', () => {
  let cluster: number, lone: number, prices: number;
  beforeEach(async () => {
    cluster = await desk.statement('Kyiv Independent', 'Ukraine will not legally recognize any occupied territories');
    const unn = await desk.statement('UNN', 'Ukraine will never recognize the occupied territories as Russian', 'quote');
    const zamin = await desk.statement('Zamin.uz', 'Украина никогда не признает оккупированные территории', 'quote');
    const reuters = await desk.statement('Reuters', 'the occupied territories could be recognized in a deal');
    lone = await desk.statement('Meduza', 'the territories are already Russian');
    prices = await desk.statement('Meduza', 'Prices rose by 12 % in Crimea');
    await link(rita, cluster, unn);
    await link(rita, cluster, zamin);
    await link(rita, cluster, reuters, 'conflicts');
    await reviewAnnotation({ actor: omar, id: cluster, input: { decision: 'accept' } });
    await finalizeVerdict({ actor: lead, annotationId: lone, input: { verdict: 'false', rationale: 'Annexation is not recognized.' } });
  });

  it('filters by outlet, status, verdict, label, reviewer and text', async () => {
    expect(ids(await board({ outlet: 'UNN' }))).toEqual([cluster]);
    expect(ids(await board({ outlet: 'Meduza' })).sort()).toEqual([lone, prices].sort());
    expect(ids(await board({ status: 'accepted' }))).toEqual([cluster]);
    expect(ids(await board({ status: 'proposed' })).sort()).toEqual([lone, prices].sort());
    expect(ids(await board({ verdict: 'false' }))).toEqual([lone]);
    expect(ids(await board({ verdict: 'none' })).sort()).toEqual([cluster, prices].sort());
    expect(ids(await board({ label: 'quote' }))).toEqual([cluster]);
    expect(ids(await board({ reviewer: String(omarId) }))).toEqual([cluster]);
    expect(ids(await board({ reviewer: String(leadId) }))).toEqual([]);
    expect(ids(await board({ q: 'никогда' }))).toEqual([cluster]);
    expect(ids(await board({ q: 'Russian' })).sort()).toEqual([cluster, lone].sort());
    const b = await board({ outlet: 'UNN', label: 'quote', status: 'accepted' });
    expect(b.totals).toMatchObject({ clusters: 3, matching: 1 });
  });

  it('sorts by most contested, most corroborated, newest and unreviewed first', async () => {
    const kremlin = await desk.statement('Reuters', 'Nobody confirmed it');
    await link(rita, prices, kremlin);
    await link(omar, prices, await desk.statement('UNN', 'Negotiators met on Tuesday', 'context'));
    await link(omar, prices, await desk.statement('Kyiv Independent', 'The statement came after talks in Geneva', 'context'));
    expect(ids(await board({ sort: 'contested' }))).toEqual([cluster, prices, lone]);
    expect(ids(await board({ sort: 'corroborated' }))).toEqual([prices, cluster, lone]);
    expect(ids(await board({ sort: 'newest' }))).toEqual([prices, cluster, lone]);
    expect(ids(await board({ sort: 'unreviewed' }))).toEqual([prices, cluster, lone]);
  });
});

describe('pages', () => {
  it('pages through every cluster once, also when a link is added between pages', async () => {
    const words = ['President Volodymyr Zelenskyy said', 'The statement came after talks in Geneva', 'Negotiators met on Tuesday', 'Nobody confirmed it', 'Prices rose by 12 % in Crimea', 'A Kremlin spokesman said'];
    const outlets = ['Kyiv Independent', 'Kyiv Independent', 'UNN', 'Reuters', 'Meduza', 'Meduza'];
    const claims: number[] = [];
    for (const [i, w] of words.entries()) claims.push(await desk.statement(outlets[i], w));
    const first = await board({ sort: 'newest', limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    // Between pages someone links two of the claims not shown yet.
    const unseen = claims.filter((id) => !ids(first).includes(id));
    await link(rita, unseen[0], unseen[unseen.length - 1]);
    const seen = [...ids(first)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await board({ sort: 'newest', limit: '2', cursor });
      seen.push(...ids(page));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const untouched = unseen.slice(1, -1);
    for (const id of untouched) expect(seen).toContain(id);
  });

  it('answers a clear 400 for a bad cursor, limit, sort or filter', async () => {
    const good = await board({ limit: '1' });
    expect(good.nextCursor).toBeNull(); // nothing on the board yet
    await desk.statement('Meduza', 'Prices rose by 12 % in Crimea');
    await desk.statement('UNN', 'Negotiators met on Tuesday');
    const cursor = (await board({ limit: '1' })).nextCursor!;
    for (const query of [
      { sort: 'evil' }, { limit: '0' }, { limit: '1000000000' }, { limit: 'ten' }, { cursor: 'forged.cursor' },
      { cursor, sort: 'newest' }, { cursor, outlet: 'UNN' }, { status: 'maybe' }, { verdict: 'true-ish' }, { label: 'rumour' },
      { reviewer: 'omar' }, { q: 'x'.repeat(201) },
    ]) {
      await expect(board(query), JSON.stringify(query)).rejects.toThrow(expect.objectContaining({ status: 400 }));
    }
    expect((await board({ limit: '1', cursor })).items).toHaveLength(1);
  });
});

describe('authorization', () => {
  it('answers 404 to non-members and lets every member read', async () => {
    await expect(board({}, stranger)).rejects.toThrow(expect.objectContaining({ status: 404 }));
    for (const actor of [lead, rita, omar, viewer]) expect((await board({}, actor)).items).toEqual([]);
  });
});
