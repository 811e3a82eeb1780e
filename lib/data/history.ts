/**
 * The history of an annotation or link, read from the audit log: its own events and those of
 * its reviews, comments and verdicts (and, for an annotation, of the links that touch it),
 * oldest first, with who did it and what changed.
 */
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, type Db } from '../db/client';
import { badRequest } from '../errors';
import { pageRequest, toPage, type Page } from '../pagination/cursor';
import { annotations, articles, comments, events, links, reviews, users, verdicts, type Relation } from '../db/tables';
import { projectAccess, type Actor } from './actor';
import { loadTarget, reviewOf, targetName, type TargetKind } from './reviewTargets';
import { all } from '../db/query';

export interface HistoryEntry {
  id: number;
  at: Date;
  actorName: string;
  action: string;
  entityType: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
  /** Top-level fields whose value differs between before and after (both present). */
  changed: string[];
  /** For an event of a link: the two statements it joins, so the entry can say which. */
  link: LinkJoin | null;
}

/** One end of a link as a person names it: the source and the words. */
export interface JoinedStatement {
  outlet: string | null;
  articleTitle: string;
  exact: string;
}

export interface LinkJoin {
  relation: Relation;
  from: JoinedStatement;
  to: JoinedStatement;
}

const fromA = alias(annotations, 'from_a');
const toA = alias(annotations, 'to_a');
const fromR = alias(articles, 'from_r');
const toR = alias(articles, 'to_r');

/** The statements each link joins, deleted ones included (a history also tells of those). */
async function linkJoins(db: Db, linkIds: number[]): Promise<Map<number, LinkJoin>> {
  if (!linkIds.length) return new Map();
  const rows = await all(db
    .select({
      id: links.id, relation: links.relation,
      from: { outlet: fromR.outlet, articleTitle: fromR.title, exact: fromA.exact },
      to: { outlet: toR.outlet, articleTitle: toR.title, exact: toA.exact },
    })
    .from(links)
    .innerJoin(fromA, eq(fromA.id, links.fromAnnotationId))
    .innerJoin(toA, eq(toA.id, links.toAnnotationId))
    .innerJoin(fromR, eq(fromR.id, fromA.articleId))
    .innerJoin(toR, eq(toR.id, toA.articleId))
    .where(inArray(links.id, linkIds)));
  return new Map(rows.map(({ id, ...join }) => [id, join]));
}

function ids(rows: Array<{ id: number }>): number[] {
  return rows.map((r) => r.id);
}

function changedFields(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => k !== 'updatedAt' && JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

/** Replaces the text of a deleted comment in one of its events' before/after. */
function withoutBody(value: unknown): unknown {
  if (!value || typeof value !== 'object' || !('body' in value)) return value;
  return { ...value, body: '' };
}

interface HistoryScope {
  projectId: number;
  where: SQL | undefined;
  hiddenText: Set<number>;
  joins: Map<number, LinkJoin>;
}

/** Checks access and gathers which events belong to the item's history (exported for the query-plan test). */
export async function historyScope(db: Db, actor: Actor, kind: TargetKind, id: number) {
  const target = await loadTarget(db, { kind, id });
  const { project, user, role } = await projectAccess(db, actor, target.projectId, 'project.read', targetName(kind));
  const reviewIds = ids(await all(db.select({ id: reviews.id }).from(reviews).where(reviewOf({ kind, id }))));
  const threadRows = await all(db
    .select({ id: comments.id, authorId: comments.authorId, deletedAt: comments.deletedAt })
    .from(comments)
    .where(kind === 'annotation' ? eq(comments.annotationId, id) : eq(comments.linkId, id)));
  const commentIds = ids(threadRows);
  const hiddenText = new Set(threadRows.filter((c) => c.deletedAt && role !== 'lead' && c.authorId !== user?.id).map((c) => c.id));
  const verdictIds = kind === 'annotation' ? ids(await all(db.select({ id: verdicts.id }).from(verdicts).where(eq(verdicts.annotationId, id)))) : [];
  const linkIds =
    kind === 'annotation' ? ids(await all(db.select({ id: links.id }).from(links).where(or(eq(links.fromAnnotationId, id), eq(links.toAnnotationId, id))))) : [];
  const of = (type: string, list: number[]): SQL | undefined => (list.length ? and(eq(events.entityType, type), inArray(events.entityId, list)) : undefined);
  // The unary + keeps SQLite from walking every event of the project (events_project_idx):
  // the entity conditions below find the item's few events through events_entity_idx.
  const where = and(
    sql`+${events.projectId} = ${target.projectId}`,
    or(and(eq(events.entityType, kind), eq(events.entityId, id)), of('review', reviewIds), of('comment', commentIds), of('verdict', verdictIds), of('link', linkIds)),
  );
  const joins = await linkJoins(db, kind === 'link' ? [id] : linkIds);
  const scope: HistoryScope = { projectId: target.projectId, where, hiddenText, joins };
  return { project, target, scope, joins: kind === 'link' ? (joins.get(id) ?? null) : null };
}

/** The events of a history (exported for the query-plan test); `order` by id. */
export function historyQuery(db: Db, where: SQL | undefined, order: 'asc' | 'desc', limit?: number) {
  const q = db
    .select({ event: events, actorName: users.name })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(where)
    .orderBy(order === 'asc' ? asc(events.id) : desc(events.id));
  return limit === undefined ? q : q.limit(limit);
}

type EventRow = { event: typeof events.$inferSelect; actorName: string | null };

function toEntry(scope: HistoryScope, { event, actorName }: EventRow): HistoryEntry {
  const hidden = event.entityType === 'comment' && event.entityId !== null && scope.hiddenText.has(event.entityId);
  const before = hidden ? withoutBody(event.before) : event.before;
  const after = hidden ? withoutBody(event.after) : event.after;
  return {
    id: event.id,
    at: event.createdAt,
    actorName: actorName ?? (event.actorId === null ? 'Operator (command line)' : 'Unknown user'),
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before,
    after,
    changed: changedFields(before, after),
    link: event.entityType === 'link' && event.entityId !== null ? (scope.joins.get(event.entityId) ?? null) : null,
  };
}

/**
 * Who did what to an annotation or link and when, with before and after, oldest first;
 * members only. The text of a deleted comment stays readable only to its author and the
 * project's leads: for everyone else its events carry an empty body, as the thread does.
 * Pages and the API read it newest first, a page at a time, with historyPage.
 */
export async function historyOf({ actor, kind, id }: { actor: Actor; kind: TargetKind; id: number }) {
  const db = getDb();
  const { project, target, scope } = await historyScope(db, actor, kind, id);
  const entries = (await all(historyQuery(db, scope.where, 'asc'))).map((row) => toEntry(scope, row));
  return { project: { id: project.id, name: project.name }, target, entries };
}

export const HISTORY_PAGE = 50;

/**
 * One page of the same history, newest first (members only; the same hidden comment text).
 * `query` holds the raw cursor and limit; `nextCursor` leads to older entries.
 */
export async function historyPage({ actor, kind, id, query }: { actor: Actor; kind: TargetKind; id: number; query: { cursor?: string | null; limit?: string | null } }) {
  const db = getDb();
  const { project, target, scope, joins } = await historyScope(db, actor, kind, id);
  const unknown = Object.keys(query).filter((key) => key !== 'cursor' && key !== 'limit');
  if (unknown.length) throw badRequest(`Unknown parameter ${unknown.join(', ')}: a history takes cursor and limit.`);
  const cursorScope = { list: `history:${kind}:${id}` };
  const request = pageRequest(cursorScope, query, 1, { limit: HISTORY_PAGE });
  const olderThan = request.after?.[0];
  if (olderThan !== undefined && typeof olderThan !== 'number') throw badRequest('That page cursor is not valid for this list. Start again from the first page.');
  const rows = await all(historyQuery(db, and(scope.where, olderThan === undefined ? undefined : lt(events.id, olderThan)), 'desc', request.limit + 1));
  const page: Page<HistoryEntry> = toPage(cursorScope, rows, request.limit, (row) => [row.event.id], (row) => toEntry(scope, row));
  return { project: { id: project.id, name: project.name }, target, joins, ...page };
}
