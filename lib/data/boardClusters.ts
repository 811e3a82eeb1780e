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
import { sql, type SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { afterCommit, getDb, getSqlite, writeTransaction, type Db, type Tx } from '../db/client';
import { onPostgres } from '../db/engine';
import { inIds, isTrue } from '../db/dialect';
import type { Label, Relation, Status } from '../domain';
import { sourceName } from '../text/sourceName';
import { sqlAll, sqlExec, sqlFirst } from '../db/query';

interface LinkRow { id: number; f: number; t: number; relation: Relation; status: Status; createdAt: number }
interface NodeRow { id: number; articleId: number; label: Label; status: Status; createdAt: number; deleted: number | boolean }
type Article = { id: number; outlet: string | null; title: string; url: string | null };

/** What the board needs of the project's statements and links, loaded before a walk reads it. */
interface Graph {
  node(id: number): NodeRow | undefined;
  links(id: number): LinkRow[];
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

/** A timestamp column as milliseconds since the epoch (SQLite stores them so; PostgreSQL's timestamptz would come back as a Date). */
const ms = (column: string) => (onPostgres() ? `(extract(epoch from ${column}) * 1000)::bigint` : column);

// A statement in an archived article counts as deleted (lib/data/articleArchive.ts); archiving
// marks the article's statements dirty (trigger articles_board_archive).
const ARCHIVED = (articleId: string) => `exists (select 1 from articles r where r.id = ${articleId} and r.archived_at is not null)`;
const COUNTED = sql.raw(`l.deleted_at is null and l.status <> 'rejected' and fa.deleted_at is null and ta.deleted_at is null
  and not ${ARCHIVED('fa.article_id')} and not ${ARCHIVED('ta.article_id')}`);
const LINK_JOIN = sql.raw('from links l join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id');
const linkColumns = () => sql.raw(`l.id as id, l.from_annotation_id as f, l.to_annotation_id as t, l.relation as relation, l.status as status,
  ${ms('l.created_at')} as "createdAt"`);
const nodeColumns = () => sql.raw(`id, article_id as "articleId", label, status, ${ms('created_at')} as "createdAt",
  (deleted_at is not null or ${ARCHIVED('annotations.article_id')}) as deleted`);
const column = (name: string) => sql.raw(name);

/** Rows per read while a full build loads the project's claims and counted links. */
const READ_CHUNK = 5_000;

/**
 * Outlets and final verdicts, read in one query each for the statements a transaction is about
 * to write (inside it, so a rename committed before it is seen, and one after marks the rows
 * it wrote dirty).
 */
class Lookups {
  private outlets = new Map<number, string>();
  private verdicts = new Map<number, string | null>();

  async load(db: Db | Tx, articleIds: Iterable<number>, claimIds: Iterable<number>): Promise<void> {
    const articles = [...new Set(articleIds)].filter((id) => !this.outlets.has(id));
    if (articles.length) {
      for (const a of await sqlAll<Article>(db, sql`select id, outlet, title, url from articles where ${inIds(column('id'), articles)}`)) {
        this.outlets.set(a.id, outletOf(a));
      }
    }
    const claims = [...new Set(claimIds)].filter((id) => !this.verdicts.has(id));
    if (claims.length) {
      const newest = new Map<number, { id: number; verdict: string }>();
      for (const v of await sqlAll<{ id: number; annotationId: number; verdict: string }>(db, sql`
        select id, annotation_id as "annotationId", verdict from verdicts where ${inIds(column('annotation_id'), claims)} and ${isTrue(column('is_final'))} and deleted_at is null`)) {
        const seen = newest.get(v.annotationId);
        if (!seen || seen.id < v.id) newest.set(v.annotationId, v);
      }
      for (const id of claims) this.verdicts.set(id, newest.get(id)?.verdict ?? null);
    }
  }

  has(articleId: number): boolean {
    return this.outlets.has(articleId);
  }

  outlet(articleId: number): string {
    const outlet = this.outlets.get(articleId);
    if (outlet === undefined) throw new Error(`The outlet of article ${articleId} was not loaded.`);
    return outlet;
  }

  verdict(claimId: number): string | null {
    const verdict = this.verdicts.get(claimId);
    if (verdict === undefined) throw new Error(`The verdict of statement ${claimId} was not loaded.`);
    return verdict;
  }
}

/**
 * The project's claims and counted links, read by keyset in chunks of READ_CHUNK rows (a step
 * yields after each, so a build can let other requests in). The reads need not be one snapshot:
 * whatever changes after the build cleared board_dirty is marked dirty again by the triggers.
 */
async function* readGraph(projectId: number): AsyncGenerator<void, { nodes: Map<number, NodeRow>; byNode: Map<number, LinkRow[]> }> {
  const end = (a: string) => `${a}.article_id as "${a}Article", ${a}.label as "${a}Label", ${a}.status as "${a}Status", ${ms(`${a}.created_at`)} as "${a}Created"`;
  type Row = LinkRow & Record<'faArticle' | 'taArticle' | 'faCreated' | 'taCreated', number> & Record<'faLabel' | 'taLabel', Label> & Record<'faStatus' | 'taStatus', Status>;
  const ends = sql.raw(`${end('fa')}, ${end('ta')}`);
  const nodes = new Map<number, NodeRow>();
  for (let last = 0; ;) {
    const page = await sqlAll<NodeRow>(getDb(), sql`select ${nodeColumns()} from annotations where project_id = ${projectId} and label = 'claim'
      and deleted_at is null and id > ${last} order by id limit ${READ_CHUNK}`);
    for (const n of page) nodes.set(n.id, n);
    if (page.length < READ_CHUNK) break;
    last = page[page.length - 1].id;
    yield;
  }
  const byNode = new Map<number, LinkRow[]>();
  for (let last = 0; ;) {
    const page = await sqlAll<Row>(getDb(), sql`select ${linkColumns()}, ${ends} ${LINK_JOIN}
      where l.project_id = ${projectId} and l.id > ${last} and ${COUNTED} order by l.id limit ${READ_CHUNK}`);
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

/**
 * The statements around a few dirty ones, read through indexes a ring at a time (reach): the
 * statements, then their counted links, then the statements at their other ends. Each
 * statement's links are in link order, as in a full build's graph.
 */
class LazyGraph implements Graph {
  private nodes = new Map<number, NodeRow | null>();
  private linksOf = new Map<number, LinkRow[]>();

  constructor(private db: Db | Tx) {}

  /** Loads every statement connected to `ids` by counted links, and their links. */
  async reach(ids: Iterable<number>): Promise<void> {
    let ring = [...new Set(ids)].filter((id) => !this.nodes.has(id));
    while (ring.length) {
      for (const id of ring) this.nodes.set(id, null);
      for (const n of await sqlAll<NodeRow>(this.db, sql`select ${nodeColumns()} from annotations where ${inIds(column('id'), ring)}`)) this.nodes.set(n.id, n);
      const live = ring.filter((id) => { const n = this.nodes.get(id); return n && !n.deleted; });
      for (const id of live) this.linksOf.set(id, []);
      const next = new Set<number>();
      if (live.length) {
        const from = await sqlAll<LinkRow>(this.db, sql`select ${linkColumns()} ${LINK_JOIN} where ${inIds(column('l.from_annotation_id'), live)} and ${COUNTED}`);
        const to = await sqlAll<LinkRow>(this.db, sql`select ${linkColumns()} ${LINK_JOIN} where ${inIds(column('l.to_annotation_id'), live)} and ${COUNTED}`);
        for (const l of from) this.linksOf.get(l.f)!.push(l);
        for (const l of to) this.linksOf.get(l.t)!.push(l);
        for (const l of [...from, ...to]) for (const end of [l.f, l.t]) if (!this.nodes.has(end)) next.add(end);
      }
      for (const id of live) this.linksOf.get(id)!.sort((a, b) => a.id - b.id);
      ring = [...next];
    }
  }

  node(id: number): NodeRow | undefined {
    const n = this.nodes.get(id);
    if (n === undefined) throw new Error(`Statement ${id} was not reached.`);
    return n ?? undefined;
  }

  links(id: number): LinkRow[] {
    const links = this.linksOf.get(id);
    if (!links) throw new Error(`The links of statement ${id} were not read.`);
    return links;
  }
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

type Component = { nodes: NodeRow[]; links: Map<number, LinkRow> };

/** The claim a component is headed by: most links, ties to the earliest; none without a claim. */
function headOf(nodes: NodeRow[], graph: Graph): NodeRow | undefined {
  const claims = nodes.filter((n) => n.label === 'claim');
  if (claims.length === 0) return undefined;
  const degree = (n: NodeRow) => graph.links(n.id).length;
  return claims.reduce((best, n) => {
    const [d, bd] = [degree(n), degree(best)];
    return d > bd || (d === bd && (n.createdAt < best.createdAt || (n.createdAt === best.createdAt && n.id < best.id))) ? n : best;
  });
}

/**
 * Rows of one board table written in bulk: on SQLite one cached prepared statement run per row
 * (the fastest way there), on PostgreSQL one INSERT ... SELECT FROM unnest() of a column array
 * each (one round trip). `sqlite` and `conflict` say the same write in each engine's words.
 */
interface BulkWrite {
  table: string;
  columns: string[];
  /** PostgreSQL array types of the columns, in order. */
  types: string[];
  sqlite: string;
  conflict: string;
}

function bulkWrite(table: string, columns: string[], types: string[], sqliteVerb: string, conflict: string): BulkWrite {
  const list = columns.join(', ');
  return { table, columns, types, sqlite: `${sqliteVerb} into ${table} (${list}) values (${columns.map(() => '?').join(', ')})${sqliteVerb === 'insert' ? ` ${conflict}` : ''}`, conflict };
}

const replaceAll = (key: string, columns: string[]) => `on conflict (${key}) do update set ${columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`).join(', ')}`;
const MEMBER_COLUMNS = ['annotation_id', 'project_id', 'cluster_id', 'article_id', 'outlet', 'label', 'relation', 'link_id', 'link_status'];
const CLUSTER_COLUMNS = ['cluster_id', 'project_id', 'head_status', 'head_verdict', 'size', 'outlets', 'corroborates', 'conflicts', 'disagreements', 'contested', 'unreviewed', 'newest'];
const LINK_COLUMNS = ['link_id', 'project_id', 'a', 'b', 'relation'];
const MEMBERS = bulkWrite('board_members', MEMBER_COLUMNS, ['int', 'int', 'int', 'int', 'text', 'text', 'text', 'int', 'text'], 'insert or replace',
  replaceAll('annotation_id', MEMBER_COLUMNS));
const CLUSTERS = bulkWrite('board_clusters', CLUSTER_COLUMNS, ['int', 'int', 'text', 'text', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'bigint'], 'insert or replace',
  replaceAll('cluster_id', CLUSTER_COLUMNS));
// An upsert, not INSERT OR REPLACE: a replaced row must pass through the update trigger that keeps board_outlet_pairs.
const LINKS = bulkWrite('board_links', LINK_COLUMNS, ['int', 'int', 'text', 'text', 'text'], 'insert', replaceAll('link_id', LINK_COLUMNS));
const OUTLETS = bulkWrite('board_outlets', ['project_id', 'outlet', 'statements', 'clusters'], ['int', 'text', 'int', 'int'], 'insert',
  'on conflict (project_id, outlet) do update set statements = board_outlets.statements + excluded.statements, clusters = board_outlets.clusters + excluded.clusters');

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Writes `rows` (each in `write.columns` order) inside the caller's write transaction. */
async function writeRows(db: Db | Tx, write: BulkWrite, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  if (onPostgres()) {
    const arrays = write.columns.map((_, i) => sql`${sql.param(rows.map((r) => r[i]))}::${sql.raw(write.types[i])}[]`);
    await sqlExec(db, sql`insert into ${sql.raw(write.table)} (${sql.raw(write.columns.join(', '))})
      select * from unnest(${sql.join(arrays, sql`, `)}) ${sql.raw(write.conflict)}`);
    return;
  }
  // The writer connection: the caller's transaction is open on it.
  const sqlite = getSqlite();
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(write.sqlite);
  if (!statement) cache.set(write.sqlite, (statement = sqlite.prepare(write.sqlite)));
  for (const row of rows) statement.run(...row);
}

/**
 * Collects the rows of components (write) and the running deltas of the totals and of the
 * per-outlet counts, and writes them all at once (flush). The outlets of every statement and
 * the verdicts of the heads are loaded first (load).
 */
class Writer {
  totals: Totals = { clusters: 0, linked: 0, contested: 0, links: 0, disagreements: 0 };
  outlets = new Map<string, { statements: number; clusters: number }>();
  private members: unknown[][] = [];
  private clusters: unknown[][] = [];
  private links: unknown[][] = [];

  constructor(private projectId: number, private graph: Graph, private lookups = new Lookups()) {}

  /** Reads the outlets and verdicts `write` will need for these components. */
  async load(db: Db | Tx, components: Component[]): Promise<void> {
    const heads = components.map((c) => headOf(c.nodes, this.graph)?.id).filter((id): id is number => id !== undefined);
    await this.lookups.load(db, components.flatMap((c) => c.nodes.map((n) => n.articleId)), heads);
  }

  outletDelta(outlet: string, statements: number, clusters: number) {
    const o = this.outlets.get(outlet) ?? { statements: 0, clusters: 0 };
    o.statements += statements;
    o.clusters += clusters;
    this.outlets.set(outlet, o);
  }

  write({ nodes, links }: Component) {
    const outletOfNode = new Map(nodes.map((n) => [n.id, this.lookups.outlet(n.articleId)]));
    for (const l of links.values()) {
      const [a, b] = [outletOfNode.get(l.f)!, outletOfNode.get(l.t)!].sort();
      if (a !== b) this.links.push([l.id, this.projectId, a, b, l.relation]);
    }
    const head = headOf(nodes, this.graph);
    if (!head) {
      if (nodes.length > 1) for (const n of nodes) this.members.push([n.id, this.projectId, 0, n.articleId, outletOfNode.get(n.id), n.label, null, null, null]);
      return;
    }
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
    this.clusters.push([head.id, this.projectId, head.status, this.lookups.verdict(head.id), nodes.length, outlets.size, corroborates, conflicts,
      disagreements, conflicts + disagreements, proposed + (head.status === 'proposed' ? 1 : 0), newest]);
    for (const n of nodes) {
      const l = via.get(n.id);
      this.members.push([n.id, this.projectId, head.id, n.articleId, outletOfNode.get(n.id), n.label, l?.relation ?? null, l?.id ?? null, l?.status ?? null]);
      this.outletDelta(outletOfNode.get(n.id)!, 1, 0);
    }
    for (const o of outlets) this.outletDelta(o, 0, 1);
    this.add({ clusters: 1, linked: nodes.length > 1 ? 1 : 0, contested: conflicts > 0 ? 1 : 0, links: corroborates + conflicts, disagreements }, 1);
  }

  add(t: Totals, sign: 1 | -1) {
    for (const k of Object.keys(t) as (keyof Totals)[]) this.totals[k] += sign * t[k];
  }

  /** Writes the rows collected and applies the deltas to board_outlets and board_state. */
  async flush(db: Db | Tx) {
    await writeRows(db, LINKS, this.links);
    await writeRows(db, CLUSTERS, this.clusters);
    await writeRows(db, MEMBERS, this.members);
    const outlets = [...this.outlets].filter(([, d]) => d.statements || d.clusters).map(([outlet, d]) => [this.projectId, outlet, d.statements, d.clusters]);
    await writeRows(db, OUTLETS, outlets);
    await sqlExec(db, sql`delete from board_outlets where project_id = ${this.projectId} and statements <= 0`);
    const t = this.totals;
    await sqlExec(db, sql`update board_state set clusters = clusters + ${t.clusters}, linked_clusters = linked_clusters + ${t.linked},
      contested = contested + ${t.contested}, links = links + ${t.links}, disagreements = disagreements + ${t.disagreements} where project_id = ${this.projectId}`);
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

/** Deletes up to CLEAR_CHUNK of the project's rows of a board table (by row address: SQLite's rowid, PostgreSQL's ctid). */
function clearChunk(table: string, projectId: number): SQL {
  const t = sql.raw(table);
  return onPostgres()
    ? sql`delete from ${t} where ctid = any(array(select ctid from ${t} where project_id = ${projectId} limit ${CLEAR_CHUNK}))`
    : sql`delete from ${t} where rowid in (select rowid from ${t} where project_id = ${projectId} limit ${CLEAR_CHUNK})`;
}

/**
 * A full build as steps, each short (one delete of CLEAR_CHUNK rows, one read of READ_CHUNK, or
 * one transaction writing about WRITE_CHUNK statements) and each writing in a write transaction
 * of its own that can run again from its start (PostgreSQL retries one that lost a
 * serialization conflict); `progress` counts the statements written. The first step marks the
 * board unbuilt, so a process that dies mid-build leaves a board the next read builds again;
 * the last marks it built at the generation it started from (an article deleted meanwhile
 * means another build). Writes made during the build mark their statements dirty, and the next
 * read recomputes them.
 */
async function* buildSteps(projectId: number, progress: BoardProgress): AsyncGenerator<void, void> {
  const generation = await writeTransaction(async (tx) => {
    await sqlExec(tx, sql`insert into board_state (project_id, generation, built_generation) values (${projectId}, 1, 0) on conflict (project_id) do nothing`);
    await sqlExec(tx, sql`update board_state set built_generation = 0, clusters = 0, linked_clusters = 0, contested = 0, links = 0, disagreements = 0
      where project_id = ${projectId}`);
    return (await sqlFirst<{ generation: number }>(tx, sql`select generation from board_state where project_id = ${projectId}`))!.generation;
  });
  // The old rows go a chunk at a time. A dirty mark removed here is for a write the reads
  // below see; a write after them marks its statements again.
  for (const table of ['board_dirty', 'board_members', 'board_clusters', 'board_links', 'board_outlets']) {
    while ((await writeTransaction((tx) => sqlExec(tx, clearChunk(table, projectId)))).changes === CLEAR_CHUNK) yield;
  }
  yield;
  const { nodes, byNode } = yield* readGraph(projectId);
  const graph: Graph = { node: (id) => nodes.get(id), links: (id) => byNode.get(id) ?? [] };
  const components = componentsOf(graph, nodes.keys(), new Set());
  progress.total = components.reduce((n, c) => n + c.nodes.length, 0);
  yield;
  for (let i = 0; i < components.length; ) {
    let end = i;
    for (let written = 0; end < components.length && written < WRITE_CHUNK; end++) written += components[end].nodes.length;
    const chunk = components.slice(i, end);
    // SQLite reads outlets and verdicts inside the transaction that writes them, so a rename
    // committed before it is seen, and one after it marks the rows it wrote dirty. PostgreSQL
    // reads them just before: inside, every rename of an outlet in the chunk would be a
    // serialization conflict with it (the rename's trigger reads board_members, which the chunk
    // writes) and lose again to the next chunk on every retry; a rename the chunk misses is
    // caught by the last step.
    const lookups = new Lookups();
    if (onPostgres()) await new Writer(projectId, graph, lookups).load(getDb(), chunk);
    await writeTransaction(async (tx) => {
      // A writer per attempt: a transaction run again starts from nothing it wrote.
      const writer = new Writer(projectId, graph, lookups);
      if (!onPostgres()) await writer.load(tx, chunk);
      for (const component of chunk) writer.write(component);
      await writer.flush(tx);
    });
    for (const component of chunk) progress.done += component.nodes.length;
    i = end;
    yield;
  }
  await writeTransaction(async (tx) => {
    if (onPostgres()) await markRenamedDirty(tx, projectId);
    await sqlExec(tx, sql`update board_state set built_generation = ${generation} where project_id = ${projectId}`);
  });
}

/**
 * After a build on PostgreSQL: the statements written under an outlet their article no longer
 * has (renamed while a chunk was being written, unseen by the rename's trigger) are marked
 * dirty. Every chunk has committed, so a rename after this step's snapshot marks them itself.
 */
async function markRenamedDirty(tx: Tx, projectId: number): Promise<void> {
  const written = await sqlAll<{ articleId: number; outlet: string }>(tx, sql`
    select distinct article_id as "articleId", outlet from board_members where project_id = ${projectId}`);
  if (written.length === 0) return;
  const lookups = new Lookups();
  await lookups.load(tx, written.map((w) => w.articleId), []);
  const stale = [...new Set(written.filter((w) => !lookups.has(w.articleId) || lookups.outlet(w.articleId) !== w.outlet).map((w) => w.articleId))];
  if (stale.length) {
    await sqlExec(tx, sql`insert into board_dirty (project_id, annotation_id)
      select project_id, annotation_id from board_members where ${inIds(column('article_id'), stale)} on conflict do nothing`);
  }
}

const ids = (list: Iterable<number>) => [...list];

/**
 * Recomputes the clusters the dirty statements were in and are in now; nothing else is read.
 * Runs inside the caller's write transaction and only through it, so it can run again from its start.
 */
async function incremental(tx: Tx, projectId: number, dirty: number[]): Promise<void> {
  await sqlExec(tx, sql`delete from board_dirty where project_id = ${projectId}`);
  const graph = new LazyGraph(tx);
  const writer = new Writer(projectId, graph);
  const oldClusters = new Set<number>();
  const seeds = new Set(dirty);
  let components: Component[] = [];
  // Grow the set until every old cluster met on the way is part of it (a restored statement
  // can join clusters no dirty statement was in).
  for (let round = 0; round < 100; round++) {
    const found = await sqlAll<{ id: number }>(tx, sql`select distinct cluster_id as id from board_members
      where ${inIds(column('annotation_id'), ids(seeds))} and cluster_id <> 0`);
    const fresh = found.map((r) => r.id).filter((id) => !oldClusters.has(id));
    if (fresh.length) {
      for (const id of fresh) oldClusters.add(id);
      for (const r of await sqlAll<{ id: number }>(tx, sql`select annotation_id as id from board_members where ${inIds(column('cluster_id'), fresh)}`)) seeds.add(r.id);
    }
    await graph.reach(seeds);
    components = componentsOf(graph, seeds, new Set());
    const reached = components.flatMap((c) => c.nodes.map((n) => n.id)).filter((id) => !seeds.has(id));
    if (fresh.length === 0 && reached.length === 0) break;
    for (const id of reached) seeds.add(id);
  }
  const touched = ids(seeds);
  if (oldClusters.size) {
    const old = ids(oldClusters);
    for (const c of await sqlAll<{ size: number; conflicts: number; corroborates: number; disagreements: number }>(tx, sql`
      select size, conflicts, corroborates, disagreements from board_clusters where ${inIds(column('cluster_id'), old)}`)) {
      writer.add({ clusters: 1, linked: c.size > 1 ? 1 : 0, contested: c.conflicts > 0 ? 1 : 0, links: c.corroborates + c.conflicts, disagreements: c.disagreements }, -1);
    }
    for (const m of await sqlAll<{ outlet: string; n: number }>(tx, sql`
      select outlet, count(*) as n from board_members where ${inIds(column('cluster_id'), old)} group by cluster_id, outlet`)) {
      writer.outletDelta(m.outlet, -m.n, -1);
    }
    await sqlExec(tx, sql`delete from board_clusters where ${inIds(column('cluster_id'), old)}`);
  }
  await sqlExec(tx, sql`delete from board_members where ${inIds(column('annotation_id'), touched)}`);
  await sqlExec(tx, sql`delete from board_links where link_id in (select id from links where ${inIds(column('from_annotation_id'), touched)}
    union select id from links where ${inIds(column('to_annotation_id'), touched)})`);
  await writer.load(tx, components);
  for (const component of components) writer.write(component);
  await writer.flush(tx);
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
function launchBuild(projectId: number, progress: BoardProgress): Build {
  const steps = buildSteps(projectId, progress);
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
 * Starts a background build once the caller's transaction (if any) has committed, outside it:
 * its steps must never run on that transaction's connection, and a transaction rolled back
 * starts none (the next read does). Answers the progress to show meanwhile.
 */
function startBuild(projectId: number): BoardProgress {
  const progress: BoardProgress = { done: 0, total: 0 };
  afterCommit(() => {
    if (!builds.has(projectId)) launchBuild(projectId, progress);
  });
  return { ...(builds.get(projectId)?.progress ?? progress) };
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
  const state = await sqlFirst<{ generation: number; built: number; dirty: number | boolean } | undefined>(db, sql`${STATE}${projectId}`);
  if (state && state.built === state.generation && !state.dirty) return null;
  const needed = await writeTransaction(async (tx: Tx) => {
    const now = await sqlFirst<{ generation: number; built: number; dirty: number | boolean } | undefined>(tx, sql`${STATE}${projectId}`);
    if (now && now.built === now.generation) {
      const dirty = (await sqlAll<{ id: number }>(tx, sql`select annotation_id as id from board_dirty where project_id = ${projectId} limit ${MAX_INCREMENTAL + 1}`))
        .map((r) => r.id);
      if (dirty.length > MAX_INCREMENTAL) return true;
      if (dirty.length) await incremental(tx, projectId, dirty);
      return false;
    }
    return true;
  });
  if (!needed) return null;
  const size = (await sqlFirst<{ n: number }>(getDb(), sql`select (select count(*) from annotations where project_id = ${projectId} and label = 'claim')
    + (select count(*) from links where project_id = ${projectId}) as n`))!;
  if (size.n < BUILD_INLINE) {
    const steps = buildSteps(projectId, { done: 0, total: 0 });
    while (!(await steps.next()).done);
    return null;
  }
  return startBuild(projectId);
}

/** Waits for the project's background build, if one is running (tests and benchmarks). */
export async function boardBuilt(projectId: number): Promise<void> {
  await builds.get(projectId)?.done;
}
