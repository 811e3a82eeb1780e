/**
 * Reading links: one link, the links of an annotation (the reader's side panel) and of a
 * project (board, export). Only live links between live annotations are ever returned, so
 * a tombstoned end can never show up as a dangling link even before its link is tombstoned.
 */
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, type Db, type Tx } from '../db/client';
import { annotations, articles, links, users, type Label, type Relation, type Status } from '../db/schema';
import { notFound } from '../errors';
import { projectAccess, type Actor } from './actor';
import { findDisagreements, pairKey } from './linkDisagreements';

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

/** Live links matching `where`, with both ends joined, oldest first. */
function selectLinks(db: Db | Tx, where: SQL | undefined) {
  return db
    .select({ link: links, authorName: users.name, from: fromEnd, to: toEnd })
    .from(links)
    .innerJoin(fromA, eq(fromA.id, links.fromAnnotationId))
    .innerJoin(toA, eq(toA.id, links.toAnnotationId))
    .innerJoin(fromR, eq(fromR.id, fromA.articleId))
    .innerJoin(toR, eq(toR.id, toA.articleId))
    .innerJoin(users, eq(users.id, links.authorId))
    .where(and(isNull(links.deletedAt), isNull(fromA.deletedAt), isNull(toA.deletedAt), where))
    .orderBy(asc(links.id))
    .all();
}

type Selected = ReturnType<typeof selectLinks>[number];

function toViews(rows: Selected[]): LinkView[] {
  const disputed = findDisagreements(rows.map((r) => r.link));
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
export function linkViewsForAnnotations(db: Db | Tx, annotationIds: number[]): LinkView[] {
  if (annotationIds.length === 0) return [];
  const pairs = selectLinks(db, or(inArray(links.fromAnnotationId, annotationIds), inArray(links.toAnnotationId, annotationIds)));
  return toViews(pairs);
}

/** Every live link of a project (members only), oldest first. */
export function listLinksForProject({ actor, projectId }: { actor: Actor; projectId: number }): LinkView[] {
  const db = getDb();
  projectAccess(db, actor, projectId, 'project.read');
  return toViews(selectLinks(db, eq(links.projectId, projectId)));
}

/** One live link (members only; 404 otherwise or when it or an end was deleted). */
export function getLink({ actor, linkId }: { actor: Actor; linkId: number }): LinkView {
  const db = getDb();
  const row = db.select().from(links).where(eq(links.id, linkId)).get();
  if (!row) throw notFound('Link');
  projectAccess(db, actor, row.projectId, 'project.read', 'Link');
  const samePair = and(eq(links.fromAnnotationId, row.fromAnnotationId), eq(links.toAnnotationId, row.toAnnotationId));
  const view = toViews(selectLinks(db, samePair)).find((v) => v.id === linkId);
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
export function linksForAnnotation({ actor, annotationId }: { actor: Actor; annotationId: number }): LinkFromAnnotation[] {
  const db = getDb();
  const row = db.select().from(annotations).where(eq(annotations.id, annotationId)).get();
  if (!row || row.deletedAt) throw notFound('Annotation');
  projectAccess(db, actor, row.projectId, 'project.read', 'Annotation');
  return linkViewsForAnnotations(db, [annotationId]).map((v) => ({
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
