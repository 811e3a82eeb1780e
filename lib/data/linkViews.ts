/**
 * Reading links: one link, the links of an annotation (the reader's side panel) and of a
 * project (board, export). Only live links between live annotations are ever returned, so
 * a tombstoned end can never show up as a dangling link even before its link is tombstoned.
 */
import { and, asc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, type Db, type Tx } from '../db/client';
import { annotations, articles, links, users, type Label, type Relation, type Status } from '../db/tables';
import { badRequest, notFound } from '../errors';
import { encodeCursor, pageRequest, type Page } from '../pagination/cursor';
import { projectAccess, type Actor } from './actor';
import { findDisagreements, pairKey } from './linkDisagreements';
import { all, first } from '../db/query';

export { findDisagreements } from './linkDisagreements';

export interface LinkEnd {
  annotationId: number;
  articleId: number;
  outlet: string | null;
  title: string;
  label: Label;
  exact: string;
  start: number;
  end: number;
}

export interface LinkView {
  id: number;
  projectId: number;
  relation: Relation;
  note: string;
  authorId: number;
  authorName: string;
  status: Status;
  version: number;
  createdAt: string;
  from: LinkEnd;
  to: LinkEnd;
  /** Another reviewer linked the same pair with the opposite relation. */
  disputedByOthers: boolean;
}

const fromA = alias(annotations, 'from_a');
const toA = alias(annotations, 'to_a');
const fromR = alias(articles, 'from_r');
const toR = alias(articles, 'to_r');

const fromEnd = {
  annotationId: fromA.id, articleId: fromA.articleId, outlet: fromR.outlet, title: fromR.title,
  label: fromA.label, exact: fromA.exact, start: fromA.start, end: fromA.end,
};
const toEnd = {
  annotationId: toA.id, articleId: toA.articleId, outlet: toR.outlet, title: toR.title,
  label: toA.label, exact: toA.exact, start: toA.start, end: toA.end,
};

/** The query of live links matching `where`, with both ends joined, oldest first. */
function linksQuery(db: Db | Tx, where: SQL | undefined) {
  return db
    .select({ link: links, authorName: users.name, from: fromEnd, to: toEnd })
    .from(links)
    .innerJoin(fromA, eq(fromA.id, links.fromAnnotationId))
    .innerJoin(toA, eq(toA.id, links.toAnnotationId))
    .innerJoin(fromR, eq(fromR.id, fromA.articleId))
    .innerJoin(toR, eq(toR.id, toA.articleId))
    .innerJoin(users, eq(users.id, links.authorId))
    .where(and(isNull(links.deletedAt), isNull(fromA.deletedAt), isNull(toA.deletedAt), where))
    .orderBy(asc(links.id));
}

async function selectLinks(db: Db | Tx, where: SQL | undefined) {
  return await all(linksQuery(db, where));
}

type Selected = Awaited<ReturnType<typeof selectLinks>>[number];

/** `rows` as views; `pairLinks` are the live links to judge disagreement by (default: `rows`). */
function toViews(rows: Selected[], pairLinks: Array<Parameters<typeof pairKey>[0] & { relation: Relation }> = rows.map((r) => r.link)): LinkView[] {
  const disputed = findDisagreements(pairLinks);
  return rows.map(({ link, authorName, from, to }) => ({
    id: link.id,
    projectId: link.projectId,
    relation: link.relation,
    note: link.note,
    authorId: link.authorId,
    authorName,
    status: link.status,
    version: link.version,
    createdAt: link.createdAt.toISOString(),
    from,
    to,
    disputedByOthers: disputed.has(pairKey(link)),
  }));
}

/** Live links touching any of `annotationIds`; callers have checked access to their project. */
export async function linkViewsForAnnotations(db: Db | Tx, annotationIds: number[]): Promise<LinkView[]> {
  if (annotationIds.length === 0) return [];
  const pairs = await selectLinks(db, or(inArray(links.fromAnnotationId, annotationIds), inArray(links.toAnnotationId, annotationIds)));
  return toViews(pairs);
}

/** Every live link of a project (members only), oldest first. */
export async function listLinksForProject({ actor, projectId }: { actor: Actor; projectId: number }): Promise<LinkView[]> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  return toViews(await selectLinks(db, eq(links.projectId, projectId)));
}

const LINK_LIST_PARAMS = ['projectId', 'cursor', 'limit'];

/** The SQL of one page of a project's links (exported for the query-plan test). */
export function linkPageQuery(db: Db, projectId: number, afterId: number | undefined, limit: number) {
  return linksQuery(db, and(eq(links.projectId, projectId), afterId === undefined ? undefined : gt(links.id, afterId))).limit(limit + 1);
}

/**
 * One page of a project's live links, oldest first (members only). `query` holds the raw
 * parameters (projectId, cursor, limit); anything else is a 400. Disagreement is judged
 * against every live link of the page's pairs, not only those on the page.
 */
export async function pageLinksForProject({ actor, projectId, query }: { actor: Actor; projectId: number; query: Record<string, string | null | undefined> }): Promise<Page<LinkView>> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  const unknown = Object.keys(query).filter((key) => !LINK_LIST_PARAMS.includes(key));
  if (unknown.length) throw badRequest(`Unknown parameter ${unknown.join(', ')}: the links of a project take cursor and limit.`);
  const scope = { list: `links:${projectId}` };
  const request = pageRequest(scope, { cursor: query.cursor, limit: query.limit }, 1);
  const afterId = request.after?.[0];
  if (afterId !== undefined && typeof afterId !== 'number') throw badRequest('That page cursor is not valid for this list. Start again from the first page.');
  const rows = await all(linkPageQuery(db, projectId, afterId, request.limit));
  const kept = rows.slice(0, request.limit);
  const froms = [...new Set(kept.map((r) => r.link.fromAnnotationId))];
  const pairs = new Set(kept.map((r) => pairKey(r.link)));
  const pairLinks = froms.length
    ? (await all(db
        .select({ fromAnnotationId: links.fromAnnotationId, toAnnotationId: links.toAnnotationId, relation: links.relation })
        .from(links)
        .where(and(inArray(links.fromAnnotationId, froms), isNull(links.deletedAt)))))
        .filter((l) => pairs.has(pairKey(l)))
    : [];
  const items = toViews(kept, pairLinks);
  const last = kept[kept.length - 1];
  return { items, nextCursor: rows.length > request.limit && last ? encodeCursor(scope, [last.link.id]) : null };
}

/** One live link (members only; 404 otherwise or when it or an end was deleted). */
export async function getLink({ actor, linkId }: { actor: Actor; linkId: number }): Promise<LinkView> {
  const db = getDb();
  const row = await first(db.select().from(links).where(eq(links.id, linkId)));
  if (!row) throw notFound('Link');
  await projectAccess(db, actor, row.projectId, 'project.read', 'Link');
  const samePair = and(eq(links.fromAnnotationId, row.fromAnnotationId), eq(links.toAnnotationId, row.toAnnotationId));
  const view = toViews(await selectLinks(db, samePair)).find((v) => v.id === linkId);
  if (!view) throw notFound('Link');
  return view;
}

/** One link seen from one of its ends: the other end and what was said about the pair. */
export interface LinkFromAnnotation {
  id: number;
  relation: Relation;
  note: string;
  authorId: number;
  authorName: string;
  status: Status;
  createdAt: string;
  other: LinkEnd;
  disputedByOthers: boolean;
}

/** The links of one annotation, seen from it (members only; 404 for a missing or deleted one). */
export async function linksForAnnotation({ actor, annotationId }: { actor: Actor; annotationId: number }): Promise<LinkFromAnnotation[]> {
  const db = getDb();
  const row = await first(db.select().from(annotations).where(eq(annotations.id, annotationId)));
  if (!row || row.deletedAt) throw notFound('Annotation');
  await projectAccess(db, actor, row.projectId, 'project.read', 'Annotation');
  return (await linkViewsForAnnotations(db, [annotationId])).map((v) => ({
    id: v.id,
    relation: v.relation,
    note: v.note,
    authorId: v.authorId,
    authorName: v.authorName,
    status: v.status,
    createdAt: v.createdAt,
    other: v.from.annotationId === annotationId ? v.to : v.from,
    disputedByOthers: v.disputedByOthers,
  }));
}
