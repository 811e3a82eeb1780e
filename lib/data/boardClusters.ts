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
const LINK_COLUMNS = 'l.id as id, l.from_annotation_id as f, l.to_annotation_id as t, l.relation as relation, l.status as status, l.created_at as createdAt';
const NODE_COLUMNS = `id, article_id as articleId, label, status, created_at as createdAt, (deleted_at is not null or ${ARCHIVED('annotations.article_id')}) as deleted`;

/** The whole project in a few range reads (a full rebuild). */
function bulkGraph(db: Database.Database, projectId: number): { graph: Graph; nodes: number[] } {
  const end = (a: string) => `${a}.article_id as ${a}Article, ${a}.label as ${a}Label, ${a}.status as ${a}Status, ${a}.created_at as ${a}Created`;
  type Row = LinkRow & Record<'faArticle' | 'taArticle' | 'faCreated' | 'taCreated', number> & Record<'faLabel' | 'taLabel', Label> & Record<'faStatus' | 'taStatus', Status>;
  const links = db.prepare(`select ${LINK_COLUMNS}, ${end('fa')}, ${end('ta')} from links l join annotations fa on fa.id = l.from_annotation_id
    join annotations ta on ta.id = l.to_annotation_id where l.project_id = ? and ${COUNTED} order by l.id`).all(projectId) as Row[];
  const nodes = new Map<number, NodeRow>();
  for (const n of db.prepare(`select ${NODE_COLUMNS} from annotations where project_id = ? and label = 'claim' and deleted_at is null`).all(projectId) as NodeRow[]) nodes.set(n.id, n);
  const byNode = new Map<number, LinkRow[]>();
  for (const l of links) {
    if (!nodes.has(l.f)) nodes.set(l.f, { id: l.f, articleId: l.faArticle, label: l.faLabel, status: l.faStatus, createdAt: l.faCreated, deleted: 0 });
    if (!nodes.has(l.t)) nodes.set(l.t, { id: l.t, articleId: l.taArticle, label: l.taLabel, status: l.taStatus, createdAt: l.taCreated, deleted: 0 });
    for (const id of [l.f, l.t]) {
      const list = byNode.get(id);
      if (list) list.push(l);
      else byNode.set(id, [l]);
    }
  }
  const articles = new Map((db.prepare('select id, outlet, title, url from articles where project_id = ?').all(projectId) as Article[]).map((a) => [a.id, outletOf(a)]));
  const verdicts = new Map((db.prepare(`select annotation_id as id, verdict from verdicts where project_id = ? and is_final = 1 and deleted_at is null order by id`)
    .all(projectId) as { id: number; verdict: string }[]).map((v) => [v.id, v.verdict]));
  const graph: Graph = {
    node: (id) => nodes.get(id),
    links: (id) => byNode.get(id) ?? [],
    outlet: (articleId) => articles.get(articleId) ?? '',
    verdict: (id) => verdicts.get(id) ?? null,
  };
  return { graph, nodes: [...nodes.keys()] };
}

/** The statements around a few dirty ones, read through indexes as the walk reaches them. */
function lazyGraph(db: Database.Database): Graph {
  const node = db.prepare(`select ${NODE_COLUMNS} from annotations where id = ?`);
  const join = 'from links l join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id';
  const from = db.prepare(`select ${LINK_COLUMNS} ${join} where l.from_annotation_id = ? and ${COUNTED}`);
  const to = db.prepare(`select ${LINK_COLUMNS} ${join} where l.to_annotation_id = ? and ${COUNTED}`);
  const article = db.prepare('select id, outlet, title, url from articles where id = ?');
  const verdict = db.prepare('select verdict from verdicts where annotation_id = ? and is_final = 1 and deleted_at is null order by id desc limit 1');
  const outlets = new Map<number, string>();
  const linksOf = new Map<number, LinkRow[]>();
  return {
    node: (id) => node.get(id) as NodeRow | undefined,
    links: (id) => {
      if (!linksOf.has(id)) linksOf.set(id, [...(from.all(id) as LinkRow[]), ...(to.all(id) as LinkRow[])]);
      return linksOf.get(id)!;
    },
    outlet: (articleId) => {
      if (!outlets.has(articleId)) outlets.set(articleId, outletOf(article.get(articleId) as Article));
      return outlets.get(articleId)!;
    },
    verdict: (id) => (verdict.get(id) as { verdict: string } | undefined)?.verdict ?? null,
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
    this.link = db.prepare('insert or replace into board_links (link_id, project_id, a, b, relation) values (?, ?, ?, ?, ?)');
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

function fullRebuild(db: Database.Database, projectId: number): void {
  for (const table of ['board_members', 'board_clusters', 'board_links', 'board_outlets', 'board_dirty']) {
    db.prepare(`delete from ${table} where project_id = ?`).run(projectId);
  }
  db.prepare('update board_state set clusters = 0, linked_clusters = 0, contested = 0, links = 0, disagreements = 0 where project_id = ?').run(projectId);
  const { graph, nodes } = bulkGraph(db, projectId);
  const writer = new Writer(db, projectId, graph);
  for (const component of componentsOf(graph, nodes, new Set())) writer.write(component);
  writer.flush();
}

const idList = (ids: number[]) => ids.join(', ');

/** Recomputes the clusters the dirty statements were in and are in now; nothing else is read. */
function incremental(db: Database.Database, projectId: number, dirty: number[]): void {
  db.prepare('delete from board_dirty where project_id = ?').run(projectId);
  const graph = lazyGraph(db);
  const writer = new Writer(db, projectId, graph);
  const oldClusters = new Set<number>();
  const seeds = new Set(dirty);
  let components: ReturnType<typeof componentsOf> = [];
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

/**
 * Brings the project's board tables up to date with every committed write; a no-op (two index
 * probes) when nothing changed since the last read. Callers have checked access.
 */
export function ensureBoard(db: Db, projectId: number): void {
  const state = db.get<{ generation: number; built: number; dirty: number } | undefined>(sql`${STATE}${projectId}`);
  if (state && state.built === state.generation && !state.dirty) return;
  writeTransaction((tx: Tx) => {
    const now = tx.get<{ generation: number; built: number; dirty: number } | undefined>(sql`${STATE}${projectId}`);
    const sqlite = getSqlite();
    if (now && now.built === now.generation) {
      const dirty = (sqlite.prepare('select annotation_id as id from board_dirty where project_id = ?').all(projectId) as { id: number }[]).map((r) => r.id);
      if (dirty.length) incremental(sqlite, projectId, dirty);
      return;
    }
    if (!now) tx.run(sql`insert into board_state (project_id, generation, built_generation) values (${projectId}, 1, 0)`);
    fullRebuild(sqlite, projectId);
    tx.run(sql`update board_state set built_generation = generation where project_id = ${projectId}`);
  });
}
