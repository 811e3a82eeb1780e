/**
 * The author's inbox: what colleagues did to my work — reviews of my annotations and links,
 * comments in their threads, replies to my comments, verdicts on my claims — and what was said
 * in the threads of items I reviewed, items I reviewed that changed since (my review no longer
 * counts: they wait for a review of the new version), newest first,
 * with unread marks against the time I last read it. Only projects I still belong to count.
 */
import { and, desc, eq, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, writeTransaction, type Db } from '../db/client';
import { annotations, comments, events, inboxState, links, memberships, projects, reviews, users, verdicts, type Decision, type Label, type Verdict } from '../db/schema';
import { forbidden } from '../errors';
import { loadUser, type Actor } from './actor';
import type { TargetKind } from './reviewTargets';

/** How many of the newest items the inbox shows. */
export const INBOX_LIMIT = 200;

export type InboxType = 'review' | 'settlement' | 'comment' | 'reply' | 'discussion' | 'verdict' | 'changed';

export interface InboxItem {
  key: string;
  type: InboxType;
  at: Date;
  unread: boolean;
  actorName: string;
  projectId: number;
  projectName: string;
  kind: TargetKind;
  targetId: number;
  /** Where to open it: the reader of the annotation (or the link's first end), focused. */
  articleId: number;
  focusAnnotationId: number;
  label: Label;
  exact: string;
  decision?: Decision;
  reason?: string;
  body?: string;
  commentId?: number;
  verdict?: Verdict;
}

type Raw = Omit<InboxItem, 'unread' | 'projectName' | 'articleId' | 'focusAnnotationId' | 'label' | 'exact'> & { focusAnnotationId?: number };

function requireUserId(db: Db, actor: Actor): number {
  const user = loadUser(db, actor);
  if (!user) throw forbidden('The inbox belongs to a person: the command-line operator has none.');
  return user.id;
}

function member(userId: number, projectColumn: typeof reviews.projectId | typeof comments.projectId | typeof verdicts.projectId): SQL {
  return and(eq(memberships.projectId, projectColumn), eq(memberships.userId, userId))!;
}

function reviewsOnMine(db: Db, me: number, kind: TargetKind): Raw[] {
  const target = kind === 'annotation' ? annotations : links;
  const column = kind === 'annotation' ? reviews.annotationId : reviews.linkId;
  return db
    .select({ r: reviews, actorName: users.name })
    .from(reviews)
    .innerJoin(target, eq(target.id, column))
    .innerJoin(memberships, member(me, reviews.projectId))
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(and(eq(target.authorId, me), ne(reviews.reviewerId, me)))
    .orderBy(desc(reviews.id))
    .limit(INBOX_LIMIT)
    .all()
    .map(({ r, actorName }) => ({
      key: `review-${r.id}`,
      type: r.isFinal ? 'settlement' : 'review',
      at: r.createdAt,
      actorName,
      projectId: r.projectId,
      kind,
      targetId: kind === 'annotation' ? r.annotationId! : r.linkId!,
      decision: r.decision,
      reason: r.reason,
    }));
}

/** Items I reviewed that changed in substance since my review: they wait for a new review. */
function changedSinceMyReview(db: Db, me: number, kind: TargetKind): Raw[] {
  const target = kind === 'annotation' ? annotations : links;
  const column = kind === 'annotation' ? reviews.annotationId : reviews.linkId;
  const changedAt = sql<number | null>`(select ${events.createdAt} from ${events} where ${events.entityType} = ${kind} and ${events.entityId} = ${target.id}
    and json_extract(${events.after}, '$.version') = ${target.substanceVersion} order by ${events.id} desc limit 1)`;
  return db
    .selectDistinct({ id: target.id, projectId: target.projectId, version: target.substanceVersion, actorName: users.name, changedAt })
    .from(reviews)
    .innerJoin(target, eq(target.id, column))
    .innerJoin(memberships, member(me, reviews.projectId))
    .innerJoin(users, eq(users.id, target.authorId))
    .where(and(eq(reviews.reviewerId, me), lt(reviews.targetVersion, target.substanceVersion), isNull(target.deletedAt), ne(target.authorId, me)))
    .orderBy(desc(target.id))
    .limit(INBOX_LIMIT)
    .all()
    .map((r) => ({ key: `changed-${kind}-${r.id}-${r.version}`, type: 'changed' as const, at: new Date(r.changedAt ?? 0), actorName: r.actorName, projectId: r.projectId, kind, targetId: r.id }));
}

function commentRaw(c: typeof comments.$inferSelect, actorName: string, type: InboxType): Raw {
  const kind: TargetKind = c.annotationId ? 'annotation' : 'link';
  return { key: `comment-${c.id}`, type, at: c.createdAt, actorName, projectId: c.projectId, kind, targetId: (c.annotationId ?? c.linkId)!, body: c.body, commentId: c.id };
}

function commentsOnMine(db: Db, me: number, kind: TargetKind): Raw[] {
  const target = kind === 'annotation' ? annotations : links;
  const column = kind === 'annotation' ? comments.annotationId : comments.linkId;
  return db
    .select({ c: comments, actorName: users.name })
    .from(comments)
    .innerJoin(target, eq(target.id, column))
    .innerJoin(memberships, member(me, comments.projectId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(target.authorId, me), ne(comments.authorId, me), isNull(comments.deletedAt)))
    .orderBy(desc(comments.id))
    .limit(INBOX_LIMIT)
    .all()
    .map(({ c, actorName }) => commentRaw(c, actorName, c.parentId ? 'reply' : 'comment'));
}

/** Comments by others in the threads of items I reviewed (e.g. the author answering my review). */
function commentsOnReviewed(db: Db, me: number, kind: TargetKind): Raw[] {
  const same = kind === 'annotation' ? eq(reviews.annotationId, comments.annotationId) : eq(reviews.linkId, comments.linkId);
  return db
    .selectDistinct({ c: comments, actorName: users.name })
    .from(comments)
    .innerJoin(reviews, and(same, eq(reviews.reviewerId, me), isNull(reviews.supersededAt)))
    .innerJoin(memberships, member(me, comments.projectId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(ne(comments.authorId, me), isNull(comments.deletedAt)))
    .orderBy(desc(comments.id))
    .limit(INBOX_LIMIT)
    .all()
    .map(({ c, actorName }) => commentRaw(c, actorName, 'discussion'));
}

function repliesToMe(db: Db, me: number): Raw[] {
  const parent = alias(comments, 'parent');
  return db
    .select({ c: comments, actorName: users.name })
    .from(comments)
    .innerJoin(parent, eq(parent.id, comments.parentId))
    .innerJoin(memberships, member(me, comments.projectId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(parent.authorId, me), ne(comments.authorId, me), isNull(comments.deletedAt)))
    .orderBy(desc(comments.id))
    .limit(INBOX_LIMIT)
    .all()
    .map(({ c, actorName }) => commentRaw(c, actorName, 'reply'));
}

function verdictsOnMine(db: Db, me: number): Raw[] {
  return db
    .select({ v: verdicts, actorName: users.name })
    .from(verdicts)
    .innerJoin(annotations, eq(annotations.id, verdicts.annotationId))
    .innerJoin(memberships, member(me, verdicts.projectId))
    .innerJoin(users, eq(users.id, verdicts.authorId))
    .where(and(eq(annotations.authorId, me), ne(verdicts.authorId, me)))
    .orderBy(desc(verdicts.id))
    .limit(INBOX_LIMIT)
    .all()
    .map(({ v, actorName }) => ({ key: `verdict-${v.id}`, type: 'verdict', at: v.createdAt, actorName, projectId: v.projectId, kind: 'annotation', targetId: v.annotationId, verdict: v.verdict, reason: v.rationale }));
}

/** Everything for the inbox, newest first, deduplicated, before enrichment. */
function collect(db: Db, me: number): Raw[] {
  const all = [
    ...reviewsOnMine(db, me, 'annotation'),
    ...reviewsOnMine(db, me, 'link'),
    ...commentsOnMine(db, me, 'annotation'),
    ...commentsOnMine(db, me, 'link'),
    ...commentsOnReviewed(db, me, 'annotation'),
    ...commentsOnReviewed(db, me, 'link'),
    ...repliesToMe(db, me),
    ...verdictsOnMine(db, me),
    ...changedSinceMyReview(db, me, 'annotation'),
    ...changedSinceMyReview(db, me, 'link'),
  ];
  const unique = new Map(all.map((item) => [item.key, item]));
  return [...unique.values()].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, INBOX_LIMIT);
}

function lastReadAt(db: Db, me: number): number {
  return db.select().from(inboxState).where(eq(inboxState.userId, me)).get()?.lastReadAt.getTime() ?? 0;
}

/** Names the item each inbox row is about: its article, label and text (a link by its first end). */
function enrich(db: Db, raw: Raw[], readAt: number): InboxItem[] {
  const linkIds = raw.filter((r) => r.kind === 'link').map((r) => r.targetId);
  const linkEnds = new Map(
    (linkIds.length ? db.select({ id: links.id, from: links.fromAnnotationId }).from(links).where(inArray(links.id, linkIds)).all() : []).map((l) => [l.id, l.from]),
  );
  const focus = (r: Raw) => (r.kind === 'link' ? linkEnds.get(r.targetId)! : r.targetId);
  const annotationIds = [...new Set(raw.map(focus))];
  const spans = new Map(
    (annotationIds.length
      ? db.select({ id: annotations.id, articleId: annotations.articleId, label: annotations.label, exact: annotations.exact }).from(annotations).where(inArray(annotations.id, annotationIds)).all()
      : []
    ).map((a) => [a.id, a]),
  );
  const projectNames = new Map(db.select({ id: projects.id, name: projects.name }).from(projects).all().map((p) => [p.id, p.name]));
  return raw.map((r) => {
    const span = spans.get(focus(r))!;
    return { ...r, unread: r.at.getTime() > readAt, projectName: projectNames.get(r.projectId) ?? '', articleId: span.articleId, focusAnnotationId: span.id, label: span.label, exact: span.exact };
  });
}

/** The actor's inbox, newest first, with the number of unread items. */
export function listInbox({ actor }: { actor: Actor }): { items: InboxItem[]; unread: number } {
  const db = getDb();
  const me = requireUserId(db, actor);
  const items = enrich(db, collect(db, me), lastReadAt(db, me));
  return { items, unread: items.filter((i) => i.unread).length };
}

/** How many inbox items are newer than the last time the actor read it (the header badge). */
export function unreadCount({ actor }: { actor: Actor }): number {
  const db = getDb();
  const me = requireUserId(db, actor);
  const readAt = lastReadAt(db, me);
  return collect(db, me).filter((r) => r.at.getTime() > readAt).length;
}

/** Marks everything up to now (or up to `until`) as read. */
export function markInboxRead({ actor, until }: { actor: Actor; until?: Date }): void {
  const at = until ?? new Date();
  writeTransaction((tx) => {
    const user = loadUser(tx, actor);
    if (!user) throw forbidden('The inbox belongs to a person: the command-line operator has none.');
    tx.insert(inboxState).values({ userId: user.id, lastReadAt: at }).onConflictDoUpdate({ target: inboxState.userId, set: { lastReadAt: at } }).run();
  });
}
