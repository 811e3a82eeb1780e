/**
 * The claim board of a project: one row per live claim, one column per article, and in each
 * cell the statements of that article linked to the claim as corroborating or conflicting.
 * Also the article-to-article totals drawn as the outlet graph. Read-only; members only.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '../db/client';
import { annotations, articles, users, verdicts, type Relation, type Status, type Verdict } from '../db/schema';
import { projectAccess, type Actor } from './actor';
import { listLinksForProject, type LinkEnd, type LinkView } from './linkViews';
import { sourceName } from '../text/sourceName';

export interface BoardArticle {
  id: number;
  outlet: string | null;
  title: string;
  /** What a column header says: the outlet, else the start of the title. */
  heading: string;
}

export interface BoardStatement extends LinkEnd {
  linkId: number;
  relation: Relation;
  authorName: string;
  disputedByOthers: boolean;
}

export interface BoardRow {
  claim: { annotationId: number; articleId: number; exact: string; status: Status; authorName: string };
  verdict: { verdict: Verdict; authorName: string } | null;
  cells: Record<number, { corroborates: BoardStatement[]; conflicts: BoardStatement[] }>;
  corroborates: number;
  conflicts: number;
  disagreements: number;
  /** Conflicting links plus disagreements between reviewers: the sort key "most contested". */
  contested: number;
}

export interface BoardEdge {
  a: number;
  b: number;
  corroborates: number;
  conflicts: number;
}

export interface ClaimBoard {
  project: { id: number; name: string };
  articles: BoardArticle[];
  rows: BoardRow[];
  edges: BoardEdge[];
}

function finalVerdictsOf(claimIds: number[]): Map<number, { verdict: Verdict; authorName: string }> {
  const result = new Map<number, { verdict: Verdict; authorName: string }>();
  if (claimIds.length === 0) return result;
  const rows = getDb()
    .select({ annotationId: verdicts.annotationId, verdict: verdicts.verdict, authorName: users.name })
    .from(verdicts)
    .innerJoin(users, eq(users.id, verdicts.authorId))
    .where(and(inArray(verdicts.annotationId, claimIds), eq(verdicts.isFinal, true), isNull(verdicts.deletedAt)))
    .orderBy(desc(verdicts.id))
    .all();
  for (const r of rows) if (!result.has(r.annotationId)) result.set(r.annotationId, { verdict: r.verdict, authorName: r.authorName });
  return result;
}

function rowFor(claim: BoardRow['claim'], verdict: BoardRow['verdict'], links: LinkView[]): BoardRow {
  const row: BoardRow = { claim, verdict, cells: {}, corroborates: 0, conflicts: 0, disagreements: 0, contested: 0 };
  const disputedPairs = new Set<number>();
  for (const link of links) {
    const other = link.from.annotationId === claim.annotationId ? link.to : link.from;
    if (other.annotationId === claim.annotationId) continue;
    const cell = (row.cells[other.articleId] ??= { corroborates: [], conflicts: [] });
    cell[link.relation].push({ ...other, linkId: link.id, relation: link.relation, authorName: link.authorName, disputedByOthers: link.disputedByOthers });
    row[link.relation]++;
    if (link.disputedByOthers) disputedPairs.add(other.annotationId);
  }
  row.disagreements = disputedPairs.size;
  row.contested = row.conflicts + row.disagreements;
  return row;
}

function edgesOf(links: LinkView[]): BoardEdge[] {
  const edges = new Map<string, BoardEdge>();
  for (const link of links) {
    const [a, b] = [link.from.articleId, link.to.articleId].sort((x, y) => x - y);
    const edge = edges.get(`${a}-${b}`) ?? { a, b, corroborates: 0, conflicts: 0 };
    edge[link.relation]++;
    edges.set(`${a}-${b}`, edge);
  }
  return [...edges.values()];
}

/**
 * Builds the board (members only; 404 for others). Rows come in reading order (article, then
 * position); the page sorts and filters them. Links with a deleted end never appear.
 */
export function claimBoard({ actor, projectId }: { actor: Actor; projectId: number }): ClaimBoard {
  const db = getDb();
  const { project } = projectAccess(db, actor, projectId, 'project.read');
  const cols = db
    .select({ id: articles.id, outlet: articles.outlet, title: articles.title })
    .from(articles)
    .where(eq(articles.projectId, projectId))
    .orderBy(asc(articles.id))
    .all()
    .map((a) => ({ ...a, heading: sourceName(a) }));
  const claims = db
    .select({ annotationId: annotations.id, articleId: annotations.articleId, exact: annotations.exact, status: annotations.status, authorName: users.name })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(eq(annotations.projectId, projectId), eq(annotations.label, 'claim'), isNull(annotations.deletedAt)))
    .orderBy(asc(annotations.articleId), asc(annotations.start))
    .all();
  const links = listLinksForProject({ actor, projectId });
  const verdictsByClaim = finalVerdictsOf(claims.map((c) => c.annotationId));
  const rows = claims.map((claim) => {
    const touching = links.filter((l) => l.from.annotationId === claim.annotationId || l.to.annotationId === claim.annotationId);
    return rowFor(claim, verdictsByClaim.get(claim.annotationId) ?? null, touching);
  });
  return { project: { id: project.id, name: project.name }, articles: cols, rows, edges: edgesOf(links) };
}
