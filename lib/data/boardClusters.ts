/**
 * The claim board's clusters, kept in tables (board_clusters, board_members, board_outlet_edges)
 * so that a page of the board is an indexed keyset query instead of claims x links in memory.
 *
 * A cluster is a connected component of live, non-rejected links between live statements that
 * holds at least one claim; its head (and id) is the claim with the most links, ties to the
 * earliest. Unlinked claims are clusters of one. Components without a claim keep their members
 * under cluster 0, so the outlet graph still counts their links but no row shows them.
 *
 * Never stale: triggers (drizzle/0005_claim_board.sql) bump board_state.generation in the same
 * transaction as every write that can change a cluster (links, claims, deletions, outlets,
 * final verdicts); a read that finds the built generation behind rebuilds the project's tables
 * first, inside one write transaction, so it sees exactly the committed writes.
 */
import { sql } from 'drizzle-orm';
import { getSqlite, writeTransaction, type Db, type Tx } from '../db/client';
import type { Label, Relation, Status } from '../domain';
import { sourceName } from '../text/sourceName';

interface LinkRow {
  id: number;
  f: number;
  t: number;
  relation: Relation;
  status: Status;
  createdAt: number;
  fArticle: number;
  fLabel: Label;
  tArticle: number;
  tLabel: Label;
}

interface ClaimRow {
  id: number;
  articleId: number;
  status: Status;
  createdAt: number;
}

interface Node {
  articleId: number;
  label: Label;
  links: LinkRow[];
}

/** What a column says for an article: its outlet, else the domain of its address, else a short title. */
export function outletOf(article: { id: number; outlet: string | null; title: string; url: string | null }): string {
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

function find(parent: Map<number, number>, x: number): number {
  let root = x;
  while (parent.get(root) !== root) root = parent.get(root)!;
  for (let n = x; n !== root; ) {
    const next = parent.get(n)!;
    parent.set(n, root);
    n = next;
  }
  return root;
}

function readProject(tx: Tx, projectId: number) {
  const linkRows = tx.all<LinkRow>(sql`
    select l.id as id, l.from_annotation_id as f, l.to_annotation_id as t, l.relation as relation, l.status as status,
      l.created_at as createdAt, fa.article_id as fArticle, fa.label as fLabel, ta.article_id as tArticle, ta.label as tLabel
    from links l
      join annotations fa on fa.id = l.from_annotation_id
      join annotations ta on ta.id = l.to_annotation_id
    where l.project_id = ${projectId} and l.deleted_at is null and l.status <> 'rejected'
      and fa.deleted_at is null and ta.deleted_at is null
    order by l.id`);
  const claims = tx.all<ClaimRow>(sql`
    select id, article_id as articleId, status, created_at as createdAt from annotations
    where project_id = ${projectId} and label = 'claim' and deleted_at is null`);
  const verdicts = tx.all<{ annotationId: number; verdict: string }>(sql`
    select annotation_id as annotationId, verdict from verdicts
    where project_id = ${projectId} and is_final = 1 and deleted_at is null order by id`);
  const articles = tx.all<{ id: number; outlet: string | null; title: string; url: string | null }>(sql`
    select id, outlet, title, url from articles where project_id = ${projectId}`);
  return { linkRows, claims, verdicts, articles };
}

/** The head of a component: most links, then earliest, then lowest id. */
function headOf(claimIds: number[], nodes: Map<number, Node>, claims: Map<number, ClaimRow>): number {
  let best = claimIds[0];
  for (const id of claimIds) {
    const [d, bd] = [nodes.get(id)?.links.length ?? 0, nodes.get(best)?.links.length ?? 0];
    const [c, bc] = [claims.get(id)!.createdAt, claims.get(best)!.createdAt];
    if (d > bd || (d === bd && (c < bc || (c === bc && id < best)))) best = id;
  }
  return best;
}

/** Breadth-first from the head: each statement's link towards the head. */
function treeLinks(head: number, nodes: Map<number, Node>): Map<number, LinkRow> {
  const parent = new Map<number, LinkRow>();
  const seen = new Set([head]);
  const queue = [head];
  for (let i = 0; i < queue.length; i++) {
    for (const link of nodes.get(queue[i])?.links ?? []) {
      const other = link.f === queue[i] ? link.t : link.f;
      if (seen.has(other)) continue;
      seen.add(other);
      parent.set(other, link);
      queue.push(other);
    }
  }
  return parent;
}

function rebuild(tx: Tx, projectId: number): void {
  const { linkRows, claims, verdicts, articles } = readProject(tx, projectId);
  const outletOfArticle = new Map(articles.map((a) => [a.id, outletOf(a)]));
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const verdictOf = new Map(verdicts.map((v) => [v.annotationId, v.verdict]));
  const nodes = new Map<number, Node>();
  const parent = new Map<number, number>();
  const node = (id: number, articleId: number, label: Label) => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = { articleId, label, links: [] }));
    if (!parent.has(id)) parent.set(id, id);
    return n;
  };
  for (const c of claims) node(c.id, c.articleId, 'claim');
  for (const l of linkRows) {
    node(l.f, l.fArticle, l.fLabel).links.push(l);
    node(l.t, l.tArticle, l.tLabel).links.push(l);
    const [a, b] = [find(parent, l.f), find(parent, l.t)];
    if (a !== b) parent.set(a, b);
  }
  const components = new Map<number, number[]>();
  for (const id of nodes.keys()) {
    const root = find(parent, id);
    const list = components.get(root);
    if (list) list.push(id);
    else components.set(root, [id]);
  }

  const sqlite = getSqlite();
  sqlite.prepare('delete from board_members where project_id = ?').run(projectId);
  sqlite.prepare('delete from board_clusters where project_id = ?').run(projectId);
  sqlite.prepare('delete from board_outlet_edges where project_id = ?').run(projectId);
  const insertMember = sqlite.prepare(
    'insert into board_members (annotation_id, project_id, cluster_id, article_id, outlet, label, relation, link_id, link_status) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertCluster = sqlite.prepare(
    `insert into board_clusters (cluster_id, project_id, head_status, head_verdict, size, outlets, corroborates, conflicts,
      disagreements, contested, unreviewed, newest) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const members of components.values()) {
    const claimIds = members.filter((id) => claimById.has(id));
    const outletFor = (id: number) => outletOfArticle.get(nodes.get(id)!.articleId) ?? '';
    if (claimIds.length === 0) {
      for (const id of members) insertMember.run(id, projectId, 0, nodes.get(id)!.articleId, outletFor(id), nodes.get(id)!.label, null, null, null);
      continue;
    }
    const head = headOf(claimIds, nodes, claimById);
    const tree = treeLinks(head, nodes);
    const links = new Map<number, LinkRow>();
    for (const id of members) for (const l of nodes.get(id)!.links) links.set(l.id, l);
    const relationsOfPair = new Map<string, Set<Relation>>();
    let [corroborates, conflicts, proposed, newest] = [0, 0, 0, claimById.get(head)!.createdAt];
    for (const l of links.values()) {
      if (l.relation === 'corroborates') corroborates++;
      else conflicts++;
      if (l.status === 'proposed') proposed++;
      newest = Math.max(newest, l.createdAt);
      const pair = `${l.f}-${l.t}`;
      relationsOfPair.set(pair, (relationsOfPair.get(pair) ?? new Set()).add(l.relation));
    }
    const disagreements = [...relationsOfPair.values()].filter((s) => s.size > 1).length;
    const outlets = new Set(members.map(outletFor));
    const headStatus = claimById.get(head)!.status;
    insertCluster.run(head, projectId, headStatus, verdictOf.get(head) ?? null, members.length, outlets.size, corroborates, conflicts,
      disagreements, conflicts + disagreements, proposed + (headStatus === 'proposed' ? 1 : 0), newest);
    for (const id of members) {
      const via = tree.get(id);
      insertMember.run(id, projectId, head, nodes.get(id)!.articleId, outletFor(id), nodes.get(id)!.label, via?.relation ?? null, via?.id ?? null, via?.status ?? null);
    }
  }
  // The outlet graph: one GROUP BY over the project's live, non-rejected links.
  sqlite.prepare(`
    insert into board_outlet_edges (project_id, a, b, corroborates, conflicts)
    select ?, min(mf.outlet, mt.outlet), max(mf.outlet, mt.outlet),
      sum(l.relation = 'corroborates'), sum(l.relation = 'conflicts')
    from links l
      join board_members mf on mf.annotation_id = l.from_annotation_id
      join board_members mt on mt.annotation_id = l.to_annotation_id
    where l.project_id = ? and l.deleted_at is null and l.status <> 'rejected' and mf.outlet <> mt.outlet
    group by 2, 3`).run(projectId, projectId);
}

/**
 * Brings the project's board tables up to date with every committed write; a no-op (one
 * primary-key read) when nothing changed since the last build. Callers have checked access.
 */
export function ensureBoard(db: Db, projectId: number): void {
  const state = db.get<{ generation: number; built: number } | undefined>(
    sql`select generation, built_generation as built from board_state where project_id = ${projectId}`,
  );
  if (state && state.built === state.generation) return;
  writeTransaction((tx) => {
    const now = tx.get<{ generation: number; built: number } | undefined>(
      sql`select generation, built_generation as built from board_state where project_id = ${projectId}`,
    );
    if (now && now.built === now.generation) return;
    if (!now) tx.run(sql`insert into board_state (project_id, generation, built_generation) values (${projectId}, 1, 0)`);
    rebuild(tx, projectId);
    tx.run(sql`update board_state set built_generation = ${now?.generation ?? 1} where project_id = ${projectId}`);
  });
}
