/**
 * The claim board's clusters, kept in tables (board_clusters, board_members, board_links,
 * board_outlets and the totals in board_state) so that a page of the board is an indexed keyset
 * query instead of claims x links in memory.
 *
 * A cluster is a connected component of live, non-rejected links between live statements that
 * holds at least one claim; its head (and id) is the claim with the most links, ties to the
 * earliest. Unlinked claims are clusters of one. Components without a claim keep their members
 * under cluster 0: no row shows them, but their links still count in the outlet graph.
 *
 * Never stale: triggers (drizzle migration claim_board) write the statements a write touched
 * into board_dirty in the writer's own transaction. A read that finds any recomputes just the
 * clusters those statements were and are in, inside one write transaction, before it queries;
 * a first read, or an outlet renamed, rebuilds the whole project instead.
 */
import { sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { getSqlite, writeTransaction, type Db, type Tx } from '../db/client';
import type { Label, Relation, Status } from '../domain';
import { sourceName } from '../text/sourceName';
import { sqlFirst } from '../db/query';

interface LinkRow { id: number; f: number; t: number; relation: Relation; status: Status; createdAt: number }
interface NodeRow { id: number; articleId: number; label: Label; status: Status; createdAt: number; deleted: number }
type Article = { id: number; outlet: string | null; title: string; url: string | null };

/** What the board needs of the project's statements and links: bulk-loaded or read as needed. */
interface Graph {
  node(id: number): NodeRow | undefined;
  links(id: number): LinkRow[];
  outlet(articleId: number): string;
  verdict(claimId: number): string | null;
}

/** What a column says for an article: its outlet, else the domain of its address, else a short title. */
export function outletOf(article: Article): string {
  const outlet = article.outlet?.trim();
  if (outlet) return outlet;
  if (article.url) {
    try {
      const host = new URL(article.url).hostname.replace(/^www\./, '');
      if (host) return host;
    } catch {
      // not an address: fall through to the title
    }
  }
  return sourceName({ outlet: null, title: article.title, id: article.id });
}

// A statement in an archived article counts as deleted (lib/data/articleArchive.ts); archiving
// marks the article's statements dirty (trigger articles_board_archive).
const ARCHIVED = (articleId: string) => `exists (select 1 from articles r where r.id = ${articleId} and r.archived_at is not null)`;
const COUNTED = `l.deleted_at is null and l.status <> 'rejected' and fa.deleted_at is null and ta.deleted_at is null
  and not ${ARCHIVED('fa.article_id')} and not ${ARCHIVED('ta.article_id')}`;
const LINK_COLUMNS = 'l.id as id, l.from_annotation_id as f, l.to_annotation_id as t, l.relation as relation, l.status as status, l.created_at as "createdAt"';
const NODE_COLUMNS = `id, article_id as "articleId", label, status, created_at as "createdAt", (deleted_at is not null or ${ARCHIVED('annotations.article_id')}) as deleted`;

/** Rows per read while a full build loads the project's claims and counted links. */
const READ_CHUNK = 5_000;

/** Outlet and final verdict, read through indexes as a write reaches them (fresh in its own transaction). */
function lookups(db: Database.Database): Pick<Graph, 'outlet' | 'verdict'> {
  const article = db.prepare('select id, outlet, title, url from articles where id = ?');
  const verdict = db.prepare('select verdict from verdicts where annotation_id = ? and is_final = 1 and deleted_at is null order by id desc limit 1');
  const outlets = new Map<number, string>();
  return {
    outlet: (articleId) => {
      if (!outlets.has(articleId)) outlets.set(articleId, outletOf(article.get(articleId) as Article));
      return outlets.get(articleId)!;
    },
    verdict: (id) => (verdict.get(id) as { verdict: string } | undefined)?.verdict ?? null,
  };
}

/**
 * The project's claims and counted links, read by keyset in chunks of READ_CHUNK rows (a step
 * yields after each, so a build can let other requests in). The reads need not be one snapshot:
 * whatever changes after the build cleared board_dirty is marked dirty again by the triggers.
 */
function* readGraph(db: Database.Database, projectId: number): Generator<void, { nodes: Map<number, NodeRow>; byNode: Map<number, LinkRow[]> }> {
  const end = (a: string) => `${a}.article_id as ${a}Article, ${a}.label as ${a}Label, ${a}.status as ${a}Status, ${a}.created_at as ${a}Created`;
  type Row = LinkRow & Record<'faArticle' | 'taArticle' | 'faCreated' | 'taCreated', number> & Record<'faLabel' | 'taLabel', Label> & Record<'faStatus' | 'taStatus', Status>;
  const linkPage = db.prepare(`select ${LINK_COLUMNS}, ${end('fa')}, ${end('ta')} from links l join annotations fa on fa.id = l.from_annotation_id
    join annotations ta on ta.id = l.to_annotation_id where l.project_id = ? and l.id > ? and ${COUNTED} order by l.id limit ${READ_CHUNK}`);
  const claimPage = db.prepare(`select ${NODE_COLUMNS} from annotations where project_id = ? and label = 'claim' and deleted_at is null and id > ?
    order by id limit ${READ_CHUNK}`);
  const nodes = new Map<number, NodeRow>();
  for (let last = 0; ;) {
    const page = claimPage.all(projectId, last) as NodeRow[];
    for (const n of page) nodes.set(n.id, n);
    if (page.length < READ_CHUNK) break;
    last = page[page.length - 1].id;
    yield;
  }
  const byNode = new Map<number, LinkRow[]>();
  for (let last = 0; ;) {
    const page = linkPage.all(projectId, last) as Row[];
    for (const l of page) {
      if (!nodes.has(l.f)) nodes.set(l.f, { id: l.f, articleId: l.faArticle, label: l.faLabel, status: l.faStatus, createdAt: l.faCreated, deleted: 0 });
      if (!nodes.has(l.t)) nodes.set(l.t, { id: l.t, articleId: l.taArticle, label: l.taLabel, status: l.taStatus, createdAt: l.taCreated, deleted: 0 });
      const link: LinkRow = { id: l.id, f: l.f, t: l.t, relation: l.relation, status: l.status, createdAt: l.createdAt };
      for (const id of [l.f, l.t]) {
        const list = byNode.get(id);
        if (list) list.push(link);
        else byNode.set(id, [link]);
      }
    }
    if (page.length < READ_CHUNK) break;
    last = page[page.length - 1].id;
    yield;
  }
  return { nodes, byNode };
}

/** The statements around a few dirty ones, read through indexes as the walk reaches them. */
function lazyGraph(db: Database.Database): Graph {
  const node = db.prepare(`select ${NODE_COLUMNS} from annotations where id = ?`);
  const join = 'from links l join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id';
  const from = db.prepare(`select ${LINK_COLUMNS} ${join} where l.from_annotation_id = ? and ${COUNTED}`);
  const to = db.prepare(`select ${LINK_COLUMNS} ${join} where l.to_annotation_id = ? and ${COUNTED}`);
  const linksOf = new Map<number, LinkRow[]>();
  return {
    node: (id) => node.get(id) as NodeRow | undefined,
    links: (id) => {
      if (!linksOf.has(id)) linksOf.set(id, [...(from.all(id) as LinkRow[]), ...(to.all(id) as LinkRow[])]);
      return linksOf.get(id)!;
    },
    ...lookups(db),
  };
}

/** Connected components of counted links reached from `seeds` (deleted statements are in none). */
function componentsOf(graph: Graph, seeds: Iterable<number>, seen: Set<number>): { nodes: NodeRow[]; links: Map<number, LinkRow> }[] {
  const out: { nodes: NodeRow[]; links: Map<number, LinkRow> }[] = [];
  for (const seed of seeds) {
    if (seen.has(seed)) continue;
    seen.add(seed);
    const first = graph.node(seed);
    if (!first || first.deleted) continue;
    const nodes = [first];
    const links = new Map<number, LinkRow>();
    for (let i = 0; i < nodes.length; i++) {
      for (const l of graph.links(nodes[i].id)) {
        links.set(l.id, l);
        const other = l.f === nodes[i].id ? l.t : l.f;
        if (seen.has(other)) continue;
        seen.add(other);
        nodes.push(graph.node(other)!);
      }
    }
    out.push({ nodes, links });
  }
  return out;
}

interface Totals { clusters: number; linked: number; contested: number; links: number; disagreements: number }

/** Writes components and keeps the running deltas of the totals and of the per-outlet counts. */
class Writer {
  totals: Totals = { clusters: 0, linked: 0, contested: 0, links: 0, disagreements: 0 };
  outlets = new Map<string, { statements: number; clusters: number }>();
  private member: Database.Statement;
  private cluster: Database.Statement;
  private link: Database.Statement;

  constructor(private db: Database.Database, private projectId: number, private graph: Graph) {
    this.member = db.prepare(`insert or replace into board_members (annotation_id, project_id, cluster_id, article_id, outlet, label, relation, link_id, link_status)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.cluster = db.prepare(`insert or replace into board_clusters (cluster_id, project_id, head_status, head_verdict, size, outlets, corroborates, conflicts,
      disagreements, contested, unreviewed, newest) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // An upsert, not INSERT OR REPLACE: a replaced row must pass through the update trigger that keeps board_outlet_pairs.
    this.link = db.prepare(`insert into board_links (link_id, project_id, a, b, relation) values (?, ?, ?, ?, ?)
      on conflict (link_id) do update set project_id = excluded.project_id, a = excluded.a, b = excluded.b, relation = excluded.relation`);
  }

  outletDelta(outlet: string, statements: number, clusters: number) {
    const o = this.outlets.get(outlet) ?? { statements: 0, clusters: 0 };
    o.statements += statements;
    o.clusters += clusters;
    this.outlets.set(outlet, o);
  }

  write({ nodes, links }: { nodes: NodeRow[]; links: Map<number, LinkRow> }) {
    const outletOfNode = new Map(nodes.map((n) => [n.id, this.graph.outlet(n.articleId)]));
    for (const l of links.values()) {
      const [a, b] = [outletOfNode.get(l.f)!, outletOfNode.get(l.t)!].sort();
      if (a !== b) this.link.run(l.id, this.projectId, a, b, l.relation);
    }
    const claims = nodes.filter((n) => n.label === 'claim');
    if (claims.length === 0) {
      if (nodes.length > 1) for (const n of nodes) this.member.run(n.id, this.projectId, 0, n.articleId, outletOfNode.get(n.id), n.label, null, null, null);
      return;
    }
    const degree = (n: NodeRow) => this.graph.links(n.id).length;
    const head = claims.reduce((best, n) => {
      const [d, bd] = [degree(n), degree(best)];
      return d > bd || (d === bd && (n.createdAt < best.createdAt || (n.createdAt === best.createdAt && n.id < best.id))) ? n : best;
    });
    const via = treeLinks(head.id, this.graph);
    const pairs = new Map<string, Set<Relation>>();
    let [corroborates, conflicts, proposed, newest] = [0, 0, 0, head.createdAt];
    for (const l of links.values()) {
      if (l.relation === 'corroborates') corroborates++;
      else conflicts++;
      if (l.status === 'proposed') proposed++;
      newest = Math.max(newest, l.createdAt);
      pairs.set(`${l.f}-${l.t}`, (pairs.get(`${l.f}-${l.t}`) ?? new Set()).add(l.relation));
    }
    const disagreements = [...pairs.values()].filter((s) => s.size > 1).length;
    const outlets = new Set(outletOfNode.values());
    this.cluster.run(head.id, this.projectId, head.status, this.graph.verdict(head.id), nodes.length, outlets.size, corroborates, conflicts,
      disagreements, conflicts + disagreements, proposed + (head.status === 'proposed' ? 1 : 0), newest);
    for (const n of nodes) {
      const l = via.get(n.id);
      this.member.run(n.id, this.projectId, head.id, n.articleId, outletOfNode.get(n.id), n.label, l?.relation ?? null, l?.id ?? null, l?.status ?? null);
      this.outletDelta(outletOfNode.get(n.id)!, 1, 0);
    }
    for (const o of outlets) this.outletDelta(o, 0, 1);
    this.add({ clusters: 1, linked: nodes.length > 1 ? 1 : 0, contested: conflicts > 0 ? 1 : 0, links: corroborates + conflicts, disagreements }, 1);
  }

  add(t: Totals, sign: 1 | -1) {
    for (const k of Object.keys(t) as (keyof Totals)[]) this.totals[k] += sign * t[k];
  }

  /** Applies the deltas to board_outlets and board_state. */
  flush() {
    const upsert = this.db.prepare(`insert into board_outlets (project_id, outlet, statements, clusters) values (?, ?, ?, ?)
      on conflict (project_id, outlet) do update set statements = statements + excluded.statements, clusters = clusters + excluded.clusters`);
    for (const [outlet, d] of this.outlets) if (d.statements || d.clusters) upsert.run(this.projectId, outlet, d.statements, d.clusters);
    this.db.prepare('delete from board_outlets where project_id = ? and statements <= 0').run(this.projectId);
    const t = this.totals;
    this.db.prepare(`update board_state set clusters = clusters + ?, linked_clusters = linked_clusters + ?, contested = contested + ?,
      links = links + ?, disagreements = disagreements + ? where project_id = ?`).run(t.clusters, t.linked, t.contested, t.links, t.disagreements, this.projectId);
  }
}

/** Breadth-first from the head: each statement's link towards the head. */
function treeLinks(head: number, graph: Graph): Map<number, LinkRow> {
  const parent = new Map<number, LinkRow>();
  const seen = new Set([head]);
  const queue = [head];
  for (let i = 0; i < queue.length; i++) {
    for (const link of graph.links(queue[i])) {
      const other = link.f === queue[i] ? link.t : link.f;
      if (seen.has(other)) continue;
      seen.add(other);
      parent.set(other, link);
      queue.push(other);
    }
  }
  return parent;
}

/** Old board rows deleted per statement when a build starts over (each row has four index entries). */
const CLEAR_CHUNK = 2_000;
/** Statements written per transaction of a full build; the build yields between transactions. */
const WRITE_CHUNK = 250;

/**
 * A full build as steps, each short (one delete of CLEAR_CHUNK rows, one read of READ_CHUNK, or
 * one transaction writing about WRITE_CHUNK statements); `progress` counts the statements
 * written. The first step marks the board unbuilt, so a process that dies mid-build leaves a
 * board the next read builds again; the last marks it built at the generation it started from
 * (an article deleted meanwhile means another build). Writes made during the build mark their
 * statements dirty, and the next read recomputes them.
 */
async function* buildSteps(db: Database.Database, projectId: number, progress: BoardProgress): AsyncGenerator<void, void> {
  const generation = await writeTransaction(() => {
    db.prepare('insert into board_state (project_id, generation, built_generation) values (?, 1, 0) on conflict (project_id) do nothing').run(projectId);
    db.prepare(`update board_state set built_generation = 0, clusters = 0, linked_clusters = 0, contested = 0, links = 0, disagreements = 0
      where project_id = ?`).run(projectId);
    return (db.prepare('select generation from board_state where project_id = ?').get(projectId) as { generation: number }).generation;
  });
  // The old rows go a chunk at a time. A dirty mark removed here is for a write the reads
  // below see; a write after them marks its statements again.
  for (const table of ['board_dirty', 'board_members', 'board_clusters', 'board_links', 'board_outlets']) {
    const clear = db.prepare(`delete from ${table} where rowid in (select rowid from ${table} where project_id = ? limit ${CLEAR_CHUNK})`);
    while (clear.run(projectId).changes === CLEAR_CHUNK) yield;
  }
  yield;
  const { nodes, byNode } = yield* readGraph(db, projectId);
  const graph: Graph = { node: (id) => nodes.get(id), links: (id) => byNode.get(id) ?? [], outlet: () => '', verdict: () => null };
  const components = componentsOf(graph, nodes.keys(), new Set());
  progress.total = components.reduce((n, c) => n + c.nodes.length, 0);
  yield;
  for (let i = 0; i < components.length; ) {
    await writeTransaction(() => {
      // Outlets and verdicts are read inside the transaction that writes them, so a rename
      // committed before it is seen, and one after it marks the rows it wrote dirty.
      const writer = new Writer(db, projectId, { ...graph, ...lookups(db) });
      for (let written = 0; i < components.length && written < WRITE_CHUNK; i++) {
        writer.write(components[i]);
        written += components[i].nodes.length;
        progress.done += components[i].nodes.length;
      }
      writer.flush();
    });
    yield;
  }
  db.prepare('update board_state set built_generation = ? where project_id = ?').run(generation, projectId);
}

const idList = (ids: number[]) => ids.join(', ');

/** Recomputes the clusters the dirty statements were in and are in now; nothing else is read. */
function incremental(db: Database.Database, projectId: number, dirty: number[]): void {
  db.prepare('delete from board_dirty where project_id = ?').run(projectId);
  const graph = lazyGraph(db);
  const writer = new Writer(db, projectId, graph);
  const oldClusters = new Set<number>();
  const seeds = new Set(dirty);
  let components: Awaited<ReturnType<typeof componentsOf>> = [];
  // Grow the set until every old cluster met on the way is part of it (a restored statement
  // can join clusters no dirty statement was in).
  for (let round = 0; round < 100; round++) {
    const ids = [...seeds];
    const found = db.prepare(`select distinct cluster_id as id from board_members where annotation_id in (${idList(ids)}) and cluster_id <> 0`).all() as { id: number }[];
    const fresh = found.map((r) => r.id).filter((id) => !oldClusters.has(id));
    if (fresh.length) {
      for (const id of fresh) oldClusters.add(id);
      for (const r of db.prepare(`select annotation_id as id from board_members where cluster_id in (${idList(fresh)})`).all() as { id: number }[]) seeds.add(r.id);
    }
    components = componentsOf(graph, seeds, new Set());
    const reached = components.flatMap((c) => c.nodes.map((n) => n.id)).filter((id) => !seeds.has(id));
    if (fresh.length === 0 && reached.length === 0) break;
    for (const id of reached) seeds.add(id);
  }
  const touched = [...seeds];
  const old = oldClusters.size ? idList([...oldClusters]) : '';
  if (old) {
    for (const c of db.prepare(`select size, conflicts, corroborates, disagreements from board_clusters where cluster_id in (${old})`).all() as
      { size: number; conflicts: number; corroborates: number; disagreements: number }[]) {
      writer.add({ clusters: 1, linked: c.size > 1 ? 1 : 0, contested: c.conflicts > 0 ? 1 : 0, links: c.corroborates + c.conflicts, disagreements: c.disagreements }, -1);
    }
    for (const m of db.prepare(`select outlet, count(*) as n from board_members where cluster_id in (${old}) group by cluster_id, outlet`).all() as { outlet: string; n: number }[]) {
      writer.outletDelta(m.outlet, -m.n, -1);
    }
    db.prepare(`delete from board_clusters where cluster_id in (${old})`).run();
  }
  db.prepare(`delete from board_members where annotation_id in (${idList(touched)})`).run();
  db.prepare(`delete from board_links where link_id in (select id from links where from_annotation_id in (${idList(touched)})
    union select id from links where to_annotation_id in (${idList(touched)}))`).run();
  for (const component of components) writer.write(component);
  writer.flush();
}

const STATE = sql`select generation, built_generation as built, exists (select 1 from board_dirty d where d.project_id = board_state.project_id) as dirty
  from board_state where project_id = `;

/** How far a full build of the board has come: statements written of `total` (0 while reading). */
export interface BoardProgress {
  done: number;
  total: number;
}

/** Projects with fewer claims and links than this are built in one go, inside the read. */
const BUILD_INLINE = 2_000;
/** More dirty statements than this (a bulk import into a built board): build afresh, in steps. */
const MAX_INCREMENTAL = 2_000;

interface Build {
  progress: BoardProgress;
  done: Promise<void>;
}

/** Builds in progress in this process, on globalThis so every Next.js bundle sees the same ones. */
const holder = globalThis as unknown as { __workbenchBoardBuilds?: Map<number, Build>; __workbenchBoardEnsuring?: Map<number, Promise<unknown>> };
const builds = (holder.__workbenchBoardBuilds ??= new Map<number, Build>());
/** The ensureBoard call of each project in flight in this process (the latest; each waits for the one before). */
const ensuring = (holder.__workbenchBoardEnsuring ??= new Map<number, Promise<unknown>>());

/** Runs a build's steps, yielding to other work between them; one build per project at a time. */
function startBuild(projectId: number): Build {
  const progress: BoardProgress = { done: 0, total: 0 };
  const steps = buildSteps(getSqlite(), projectId, progress);
  const run = async () => {
    try {
      while (!(await steps.next()).done) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      builds.delete(projectId);
    }
  };
  const build: Build = { progress, done: run() };
  builds.set(projectId, build);
  // A failed build leaves the board unbuilt; the next read starts another.
  build.done.catch((error) => console.error(`board build of project ${projectId} failed`, error));
  return build;
}

/**
 * Brings the project's board tables up to date with every committed write: a no-op (two index
 * probes) when nothing changed since the last read; a few dirty statements are recomputed in
 * place. A project that needs a full build (never built, an article deleted, a bulk import)
 * and is small is built here too; a big one is built in steps in the background, and this
 * answers how far it has come (the caller shows that instead of the board). Callers have
 * checked access.
 */
export async function ensureBoard(db: Db, projectId: number): Promise<BoardProgress | null> {
  // One at a time per project: between its awaits another read of the same board would
  // otherwise find it stale too and start a second build of it beside the first.
  const before = ensuring.get(projectId);
  const mine = (before ?? Promise.resolve()).then(
    () => ensureBoardNow(db, projectId),
    () => ensureBoardNow(db, projectId),
  );
  ensuring.set(projectId, mine);
  try {
    return await mine;
  } finally {
    if (ensuring.get(projectId) === mine) ensuring.delete(projectId);
  }
}

async function ensureBoardNow(db: Db, projectId: number): Promise<BoardProgress | null> {
  const running = builds.get(projectId);
  if (running) return { ...running.progress };
  const state = await sqlFirst<{ generation: number; built: number; dirty: number } | undefined>(db, sql`${STATE}${projectId}`);
  if (state && state.built === state.generation && !state.dirty) return null;
  const sqlite = getSqlite();
  const needed = await writeTransaction(async (tx: Tx) => {
    const now = await sqlFirst<{ generation: number; built: number; dirty: number } | undefined>(tx, sql`${STATE}${projectId}`);
    if (now && now.built === now.generation) {
      const dirty = (sqlite.prepare(`select annotation_id as id from board_dirty where project_id = ? limit ${MAX_INCREMENTAL + 1}`).all(projectId) as { id: number }[]).map((r) => r.id);
      if (dirty.length > MAX_INCREMENTAL) return true;
      if (dirty.length) incremental(sqlite, projectId, dirty);
      return false;
    }
    return true;
  });
  if (!needed) return null;
  const size = sqlite.prepare(`select (select count(*) from annotations where project_id = ? and label = 'claim') + (select count(*) from links where project_id = ?) as n`)
    .get(projectId, projectId) as { n: number };
  if (size.n < BUILD_INLINE) {
    const steps = buildSteps(sqlite, projectId, { done: 0, total: 0 });
    while (!(await steps.next()).done);
    return null;
  }
  return { ...startBuild(projectId).progress };
}

/** Waits for the project's background build, if one is running (tests and benchmarks). */
export async function boardBuilt(projectId: number): Promise<void> {
  await builds.get(projectId)?.done;
}
