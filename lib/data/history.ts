/**
 * The history of an annotation or link, read from the audit log: its own events and those of
 * its reviews, comments and verdicts (and, for an annotation, of the links that touch it),
 * oldest first, with who did it and what changed.
 */
import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { getDb } from '../db/client';
import { comments, events, links, reviews, users, verdicts } from '../db/schema';
import { projectAccess, type Actor } from './actor';
import { loadTarget, reviewOf, targetName, type TargetKind } from './reviewTargets';

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

/**
 * Who did what to an annotation or link and when, with before and after; members only. The
 * text of a deleted comment stays readable only to its author and the project's leads: for
 * everyone else its events carry an empty body, as the thread does.
 */
export function historyOf({ actor, kind, id }: { actor: Actor; kind: TargetKind; id: number }) {
  const db = getDb();
  const target = loadTarget(db, { kind, id });
  const { project, user, role } = projectAccess(db, actor, target.projectId, 'project.read', targetName(kind));
  const reviewIds = ids(db.select({ id: reviews.id }).from(reviews).where(reviewOf({ kind, id })).all());
  const threadRows = db
    .select({ id: comments.id, authorId: comments.authorId, deletedAt: comments.deletedAt })
    .from(comments)
    .where(kind === 'annotation' ? eq(comments.annotationId, id) : eq(comments.linkId, id))
    .all();
  const commentIds = ids(threadRows);
  const hiddenText = new Set(threadRows.filter((c) => c.deletedAt && role !== 'lead' && c.authorId !== user?.id).map((c) => c.id));
  const verdictIds = kind === 'annotation' ? ids(db.select({ id: verdicts.id }).from(verdicts).where(eq(verdicts.annotationId, id)).all()) : [];
  const linkIds =
    kind === 'annotation' ? ids(db.select({ id: links.id }).from(links).where(or(eq(links.fromAnnotationId, id), eq(links.toAnnotationId, id))).all()) : [];
  const of = (type: string, list: number[]): SQL | undefined => (list.length ? and(eq(events.entityType, type), inArray(events.entityId, list)) : undefined);
  const rows = db
    .select({ event: events, actorName: users.name })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(
      and(
        eq(events.projectId, target.projectId),
        or(and(eq(events.entityType, kind), eq(events.entityId, id)), of('review', reviewIds), of('comment', commentIds), of('verdict', verdictIds), of('link', linkIds)),
      ),
    )
    .orderBy(asc(events.id))
    .all();
  const entries: HistoryEntry[] = rows.map(({ event, actorName }) => {
    const hidden = event.entityType === 'comment' && event.entityId !== null && hiddenText.has(event.entityId);
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
    };
  });
  return { project: { id: project.id, name: project.name }, target, entries };
}
