/**
 * The claim board of a project, one page at a time: clusters (a claim and the statements
 * linked to it, lib/data/boardClusters.ts) as rows and outlets as columns, filtered and sorted
 * in SQL with a keyset cursor. Every count is an aggregate over the board tables; a page reads
 * only its own clusters' statements. Rejected links are in no cluster and no count; proposed
 * and disputed links are marked on the statement they join. Read-only; members only.
 */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '../db/client';
import { boardClusters as c } from '../db/tables';
import { LABELS, STATUSES, VERDICTS, type Label, type Relation, type Status, type Verdict } from '../domain';
import { badRequest } from '../errors';
import { choice, pageRequest, toPage, type KeyValue, type Page } from '../pagination/cursor';
import { ftsMatch, tsQuery, typedStatementQuery, typedTerms } from '../search/query';
import type { StatementQuery } from '../search/statementQuery';
import { onPostgres } from '../db/engine';
import { projectAccess, type Actor } from './actor';
import { after, orderBy, type SortKey } from './keyset';
import { ensureBoard, type BoardProgress } from './boardClusters';
import { LINK_NOT_ARCHIVED, linkIdNotArchived } from './articleArchive';
import { all, sqlAll, sqlFirst } from '../db/query';

export const BOARD_SORTS = ['contested', 'corroborated', 'newest', 'unreviewed'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];
export const BOARD_FILTERS = ['outlet', 'status', 'verdict', 'label', 'reviewer', 'q'] as const;
export type BoardFilterName = (typeof BOARD_FILTERS)[number];
/**
 * Statements shown per outlet in a cluster; the rest are counted. The head comes last (its words
 * head the row already), so its outlet's cell shows a statement linked to it if there is one.
 * A page holds 50 clusters.
 */
export const STATEMENTS_PER_CELL = 1;
const MAX_TEXT = 90;
const TOP_EDGES = 10;
const TOP_OUTLETS = 60;

/** Raw query values, as the URL has them. */
export type BoardQuery = Partial<Record<'cursor' | 'limit' | 'sort' | BoardFilterName, string | null>>;

export interface BoardFilters {
  outlet?: string;
  status?: Status;
  verdict?: Verdict | 'none';
  label?: Label;
  reviewer?: number;
  q?: string;
}

export interface BoardStatement {
  annotationId: number;
  articleId: number;
  label: Label;
  status: Status;
  exact: string;
  /** How it joins the cluster (its link towards the head); null for the head itself. */
  relation: Relation | null;
  linkId: number | null;
  linkStatus: Status | null;
}

export interface BoardCell {
  outlet: string;
  statements: BoardStatement[];
  /** Statements of this outlet in the cluster, and how they join it. */
  total: number;
  corroborates: number;
  conflicts: number;
  proposedLinks: number;
  disputedLinks: number;
}

export interface BoardCluster {
  id: number;
  claim: { annotationId: number; articleId: number; outlet: string; exact: string; status: Status; authorName: string };
  verdict: Verdict | null;
  size: number;
  outlets: number;
  corroborates: number;
  conflicts: number;
  disagreements: number;
  contested: number;
  unreviewed: number;
  newest: string;
  /** Rejected links touching the cluster: shown as such, counted nowhere. */
  rejectedLinks: number;
  cells: BoardCell[];
}

export interface BoardOutlet {
  name: string;
  statements: number;
  clusters: number;
}

export interface BoardEdge {
  a: string;
  b: string;
  corroborates: number;
  conflicts: number;
}

export interface BoardTotals {
  clusters: number;
  matching: number;
  linkedClusters: number;
  contested: number;
  links: number;
  rejectedLinks: number;
  disagreements: number;
}

export interface ClaimBoard extends Page<BoardCluster> {
  project: { id: number; name: string };
  sort: BoardSort;
  filters: BoardFilters;
  outlets: BoardOutlet[];
  edges: BoardEdge[];
  totals: BoardTotals;
  /** Set while a big project's board is first built in the background: nothing else is filled in yet. */
  building: BoardProgress | null;
}

const SORT_KEYS: Record<BoardSort, SortKey[]> = {
  contested: [{ expr: c.contested, dir: 'desc' }, { expr: c.corroborates, dir: 'desc' }, { expr: c.clusterId, dir: 'desc' }],
  corroborated: [{ expr: c.corroborates, dir: 'desc' }, { expr: c.contested, dir: 'desc' }, { expr: c.clusterId, dir: 'desc' }],
  newest: [{ expr: c.newest, dir: 'desc' }, { expr: c.clusterId, dir: 'desc' }],
  unreviewed: [{ expr: c.unreviewed, dir: 'desc' }, { expr: c.newest, dir: 'desc' }, { expr: c.clusterId, dir: 'desc' }],
};

const KEY_OF: Record<BoardSort, (r: typeof c.$inferSelect) => KeyValue[]> = {
  contested: (r) => [r.contested, r.corroborates, r.clusterId],
  corroborated: (r) => [r.corroborates, r.contested, r.clusterId],
  newest: (r) => [r.newest, r.clusterId],
  unreviewed: (r) => [r.unreviewed, r.newest, r.clusterId],
};

function text(name: string, value: string | null | undefined, max: number): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (v.length > max) throw badRequest(`${name} is longer than ${max} characters.`);
  return v;
}

/** Reads sort and filters from raw query values; a clear 400 for anything it cannot use. */
export function boardFilters(query: BoardQuery): { sort: BoardSort; filters: BoardFilters } {
  const sort = choice('sort', query.sort, BOARD_SORTS, 'contested');
  const filters: BoardFilters = {};
  filters.outlet = text('outlet', query.outlet, 200);
  filters.q = text('q', query.q, 200);
  if (query.status) filters.status = choice('status', query.status, STATUSES, 'proposed');
  if (query.verdict) filters.verdict = choice('verdict', query.verdict, [...VERDICTS, 'none'] as const, 'none');
  if (query.label) filters.label = choice('label', query.label, LABELS, 'claim');
  if (query.reviewer) {
    if (!/^[1-9]\d{0,9}$/.test(query.reviewer)) throw badRequest('reviewer must be the id of a member (a whole number).');
    filters.reviewer = Number(query.reviewer);
  }
  for (const key of Object.keys(filters) as (keyof BoardFilters)[]) if (filters[key] === undefined) delete filters[key];
  return { sort, filters };
}

function filterWhere(projectId: number, f: BoardFilters): SQL | undefined {
  const parts: SQL[] = [eq(c.projectId, projectId)];
  if (f.status) parts.push(eq(c.headStatus, f.status));
  if (f.verdict) parts.push(f.verdict === 'none' ? isNull(c.headVerdict) : eq(c.headVerdict, f.verdict));
  if (f.outlet) {
    parts.push(sql`${c.clusterId} in (select cluster_id from board_members where project_id = ${projectId} and outlet = ${f.outlet})`);
  }
  if (f.label) {
    parts.push(sql`${c.clusterId} in (select cluster_id from board_members
      where project_id = ${projectId} and label = ${f.label} and annotation_id <> cluster_id)`);
  }
  if (f.reviewer) {
    parts.push(sql`${c.clusterId} in (
      select m.cluster_id from reviews r join board_members m on m.annotation_id = r.annotation_id
        where r.project_id = ${projectId} and r.reviewer_id = ${f.reviewer} and r.superseded_at is null
      union
      select m.cluster_id from reviews r join links l on l.id = r.link_id join board_members m on m.annotation_id = l.from_annotation_id
        where r.project_id = ${projectId} and r.reviewer_id = ${f.reviewer} and r.superseded_at is null)`);
  }
  const query = f.q ? typedStatementQuery(typedTerms(f.q)) : null;
  if (query) parts.push(sql`${c.clusterId} in (${statementsMatching(projectId, query)})`);
  return and(...parts);
}

/**
 * The clusters of the project's live statements that match typed words: FTS5's search_fts on
 * SQLite; on PostgreSQL the GIN index over the same columns (drizzle/pg/0001_search.sql, 0007),
 * through its indexed expression verbatim, the words stemmed by the index's own configuration.
 */
function statementsMatching(projectId: number, query: StatementQuery): SQL {
  if (!onPostgres()) {
    return sql`select m.cluster_id from search_fts s join board_members m on m.annotation_id = s.rowid
      where search_fts match ${ftsMatch(query)} and s.rowid > 0 and m.project_id = ${projectId}`;
  }
  // The matching statements are found first, through the GIN index (offset 0 keeps the
  // planner from folding the subquery into a walk of board_members that computes the vector
  // of every member's text, which it picks when a freshly built board's statistics say
  // board_members is nearly empty), then their clusters through board_members' key.
  return sql`select m.cluster_id from (
      select a.id from annotations a where a.deleted_at is null and a.project_id = ${projectId}
        and statement_search_vector(a.exact || ' ' || a.note || ' ' || coalesce(a.attributes ->> 'speaker', '')) @@ to_tsquery('statement_words', ${tsQuery(query)})
      offset 0) hit
    join board_members m on m.annotation_id = hit.id where m.project_id = ${projectId}`;
}

function shorten(s: string): string {
  if (s.length <= MAX_TEXT) return s;
  return `${s.slice(0, MAX_TEXT).replace(/\s+\S*$/, '')}…`;
}

function idList(ids: number[]): SQL {
  return sql.join(ids.map((id) => sql`${id}`), sql`, `);
}

type ClusterRow = typeof c.$inferSelect;

/** The statements and per-outlet counts of one page of clusters: three small indexed reads. */
async function detailsOf(db: Db, rows: ClusterRow[]): Promise<BoardCluster[]> {
  if (rows.length === 0) return [];
  const ids = idList(rows.map((r) => r.clusterId));
  const heads = new Map(
    (await sqlAll<{ id: number; articleId: number; exact: string; status: Status; authorName: string; outlet: string }>(db, sql`
      select a.id as id, a.article_id as "articleId", a.exact as exact, a.status as status, u.name as "authorName", m.outlet as outlet
      from annotations a join users u on u.id = a.author_id join board_members m on m.annotation_id = a.id
      where a.id in (${ids})`)).map((h) => [h.id, h]),
  );
  const counts = await sqlAll<{ clusterId: number; outlet: string; total: number; corroborates: number; conflicts: number; proposed: number; disputed: number }>(db, sql`
    select cluster_id as "clusterId", outlet, count(*) as total, coalesce(sum(case when relation = 'corroborates' then 1 else 0 end), 0) as corroborates,
      coalesce(sum(case when relation = 'conflicts' then 1 else 0 end), 0) as conflicts, coalesce(sum(case when link_status = 'proposed' then 1 else 0 end), 0) as proposed,
      coalesce(sum(case when link_status = 'disputed' then 1 else 0 end), 0) as disputed
    from board_members where cluster_id in (${ids}) group by cluster_id, outlet order by cluster_id, total desc, outlet`);
  const statements = await sqlAll<BoardStatement & { clusterId: number; outlet: string }>(db, sql`
    select p.cluster_id as "clusterId", p.outlet as outlet, p.annotation_id as "annotationId", p.article_id as "articleId",
      p.label as label, a.status as status, a.exact as exact, p.relation as relation, p.link_id as "linkId", p.link_status as "linkStatus"
    from (
      select m.*, row_number() over (partition by m.cluster_id, m.outlet order by m.annotation_id = m.cluster_id, m.annotation_id) as rn
      from board_members m where m.cluster_id in (${ids})
    ) p join annotations a on a.id = p.annotation_id
    where p.rn <= ${STATEMENTS_PER_CELL} order by p.cluster_id, p.outlet, p.rn`);
  const rejected = new Map(
    (await sqlAll<{ clusterId: number; n: number }>(db, sql`
      select "clusterId", count(distinct "linkId") as n from (
        select m.cluster_id as "clusterId", l.id as "linkId" from board_members m join links l on l.from_annotation_id = m.annotation_id
          where m.cluster_id in (${ids}) and l.status = 'rejected' and l.deleted_at is null and ${linkIdNotArchived(sql.raw('l.id'))}
        union all
        select m.cluster_id, l.id from board_members m join links l on l.to_annotation_id = m.annotation_id
          where m.cluster_id in (${ids}) and l.status = 'rejected' and l.deleted_at is null and ${linkIdNotArchived(sql.raw('l.id'))}
      ) rejected group by "clusterId"`)).map((r) => [r.clusterId, r.n]),
  );
  const cells = new Map<number, BoardCell[]>();
  const cellIndex = new Map<string, BoardCell>();
  for (const k of counts) {
    const cell: BoardCell = {
      outlet: k.outlet, statements: [], total: k.total, corroborates: k.corroborates, conflicts: k.conflicts,
      proposedLinks: k.proposed, disputedLinks: k.disputed,
    };
    cells.set(k.clusterId, [...(cells.get(k.clusterId) ?? []), cell]);
    cellIndex.set(`${k.clusterId}\u0000${k.outlet}`, cell);
  }
  for (const s of statements) {
    const { clusterId, outlet, ...statement } = s;
    cellIndex.get(`${clusterId}\u0000${outlet}`)?.statements.push({ ...statement, exact: shorten(statement.exact) });
  }
  return rows.map((r) => {
    const head = heads.get(r.clusterId)!;
    return {
      id: r.clusterId,
      claim: { annotationId: head.id, articleId: head.articleId, outlet: head.outlet, exact: shorten(head.exact), status: head.status, authorName: head.authorName },
      verdict: (r.headVerdict as Verdict | null) ?? null,
      size: r.size,
      outlets: r.outlets,
      corroborates: r.corroborates,
      conflicts: r.conflicts,
      disagreements: r.disagreements,
      contested: r.contested,
      unreviewed: r.unreviewed,
      newest: new Date(r.newest).toISOString(),
      rejectedLinks: rejected.get(r.clusterId) ?? 0,
      cells: cells.get(r.clusterId) ?? [],
    };
  });
}

async function totalsOf(db: Db, projectId: number, where: SQL | undefined, filtered: boolean): Promise<BoardTotals> {
  const all = (await sqlFirst<Omit<BoardTotals, 'matching' | 'rejectedLinks'>>(db, sql`
    select clusters, linked_clusters as "linkedClusters", contested, links, disagreements from board_state where project_id = ${projectId}`))!;
  const matching = filtered ? (await sqlFirst<{ n: number }>(db, sql`select count(*) as n from ${c} where ${where}`))!.n : all.clusters;
  const rejectedLinks = (await sqlFirst<{ n: number }>(db, sql`
    select count(*) as n from links where project_id = ${projectId} and status = 'rejected' and deleted_at is null and ${LINK_NOT_ARCHIVED}`))!.n;
  return { ...all, matching, rejectedLinks };
}

/**
 * One page of the board (members only; 404 for others): `limit` clusters (default 50) in the
 * chosen order after `cursor`, the outlets by number of statements, the strongest outlet pairs
 * and the totals. 400 for a bad cursor, limit, sort or filter value.
 */
export async function claimBoard({ actor, projectId, query = {} }: { actor: Actor; projectId: number; query?: BoardQuery }): Promise<ClaimBoard> {
  const db = getDb();
  const { project } = await projectAccess(db, actor, projectId, 'project.read');
  const { sort, filters } = boardFilters(query);
  const scope = { list: `board:${projectId}`, query: { sort, ...filters } };
  const page = pageRequest(scope, { cursor: query.cursor, limit: query.limit }, SORT_KEYS[sort].length);
  const building = await ensureBoard(db, projectId);
  if (building) {
    const totals = { clusters: 0, matching: 0, linkedClusters: 0, contested: 0, links: 0, rejectedLinks: 0, disagreements: 0 };
    return { project: { id: project.id, name: project.name }, items: [], nextCursor: null, sort, filters, outlets: [], edges: [], totals, building };
  }
  const where = filterWhere(projectId, filters);
  const rows = await all(db
    .select()
    .from(c)
    .where(and(where, after(SORT_KEYS[sort], page.after)))
    .orderBy(...orderBy(SORT_KEYS[sort]))
    .limit(page.limit + 1));
  const { nextCursor } = toPage(scope, rows, page.limit, KEY_OF[sort]);
  const outlets = await sqlAll<BoardOutlet>(db, sql`
    select outlet as name, statements, clusters from board_outlets
    where project_id = ${projectId} order by statements desc, outlet limit ${TOP_OUTLETS}`);
  // The outlet graph: the counted links per outlet pair (kept by triggers), strongest first.
  const edges = await sqlAll<BoardEdge>(db, sql`
    select a, b, corroborates, conflicts from board_outlet_pairs
    where project_id = ${projectId} and n > 0 order by n desc, a, b limit ${TOP_EDGES}`);
  return {
    project: { id: project.id, name: project.name },
    items: await detailsOf(db, rows.slice(0, page.limit)),
    nextCursor,
    sort,
    filters,
    outlets,
    edges,
    totals: await totalsOf(db, projectId, where, Object.keys(filters).length > 0),
    building: null,
  };
}
