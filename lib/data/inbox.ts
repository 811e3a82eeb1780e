/**
 * The author's inbox: what colleagues did to my work — reviews of my annotations and links,
 * comments in their threads, replies to my comments, verdicts on my claims — and what was said
 * in the threads of items I reviewed, items I reviewed that changed since (my review no longer
 * counts: they wait for a review of the new version), newest first,
 * with unread marks against the time I last read it. Only projects I still belong to count.
 */
import { and, desc, eq, exists, gt, inArray, isNull, lt, lte, ne, sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import { pageRequest, toPage, type Page } from '../pagination/cursor';
import { getDb, writeTransaction, type Db } from '../db/client';
import { annotations, comments, inboxEntries, inboxState, links, memberships, projects, reviews, users, verdicts, type Decision, type InboxSource, type Label, type Verdict } from '../db/tables';
import { forbidden } from '../errors';
import { loadUser, type Actor } from './actor';
import { ANNOTATION_NOT_ARCHIVED, annotationIdNotArchived, LINK_NOT_ARCHIVED, linkIdNotArchived } from './articleArchive';
import type { TargetKind } from './reviewTargets';
import { all, exec, first } from '../db/query';

/** Items on one page of the inbox unless `limit` asks otherwise. */
export const INBOX_PAGE = 30;
/** Unread items are counted up to one more than this (the badge then reads "99+"). */
export const UNREAD_CAP = 99;

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
  /** A verdict: a lead's final one, or (false) a proposal. */
  final?: boolean;
}

/**
 * The inbox's order, newest first: time, then the kind of row (so that one comment found by two
 * sources has one key), then its id. A cursor is the key of the last row sent.
 */
type InboxKey = [at: number, rank: number, id: number];
const RANK = { review: 0, comment: 1, verdict: 2, changedAnnotation: 3, changedLink: 4 } as const;

/** Which rows a source reads: older than `before`, newer than `since`, at most `limit`. */
interface Window {
  before?: InboxKey;
  since?: number;
  limit: number;
}

type Raw = Omit<InboxItem, 'unread' | 'projectName' | 'articleId' | 'focusAnnotationId' | 'label' | 'exact'> & { focusAnnotationId?: number; sortKey: InboxKey };

/**
 * The WHERE of one source's rows in the window (`at`, `id`: its time and id columns; `rank`: its
 * kind). Times are bound through the column as what it holds (a Date for a timestamp, which
 * PostgreSQL stores as timestamptz; the milliseconds of inbox_entries.created_at as they are).
 */
function inWindow(w: Window, rank: number, at: Column, id: SQLWrapper): SQL | undefined {
  const timeOf = (ms: number) => (at.dataType === 'date' ? new Date(ms) : ms);
  const parts: SQL[] = [];
  if (w.since !== undefined && Number.isFinite(w.since)) parts.push(gt(at, timeOf(w.since)));
  if (w.before) {
    const [t, r, i] = w.before;
    const time = timeOf(t);
    if (rank < r) parts.push(lte(at, time));
    else if (rank > r) parts.push(lt(at, time));
    // `at <= t` first, so the walk of (recipient, time) starts at the cursor instead of the newest row.
    else parts.push(sql`${lte(at, time)} and (${lt(at, time)} or ${id} < ${i})`);
  }
  return parts.length ? and(...parts) : undefined;
}

const isBefore = (a: InboxKey, b: InboxKey) => a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
const newestFirst = (a: Raw, b: Raw) => (isBefore(a.sortKey, b.sortKey) ? 1 : isBefore(b.sortKey, a.sortKey) ? -1 : 0);

async function requireUserId(db: Db, actor: Actor): Promise<number> {
  const user = await loadUser(db, actor);
  if (!user) throw forbidden('The inbox belongs to a person: the command-line operator has none.');
  return user.id;
}

function member(userId: number, projectColumn: SQLWrapper): SQL {
  return and(eq(memberships.projectId, projectColumn), eq(memberships.userId, userId))!;
}

/** I still belong to the project (a project I left drops out of my inbox, its rows kept). */
function inMyProject(db: Db, me: number, projectColumn: SQLWrapper): SQL {
  return exists(db.select({ one: sql`1` }).from(memberships).where(member(me, projectColumn)));
}

/** Items in archived articles are out of the inbox (lib/data/articleArchive.ts); for sources joined to their target. */
const notArchived = (kind: TargetKind) => (kind === 'annotation' ? ANNOTATION_NOT_ARCHIVED : LINK_NOT_ARCHIVED);
/** The same for sources that only know the comment (its annotation or link id; the other is null). */
const commentNotArchived = and(annotationIdNotArchived(comments.annotationId), linkIdNotArchived(comments.linkId));

/**
 * My rows of one source of inbox_entries (drizzle/0022_inbox_entries.sql) in the window, newest
 * first: a walk of inbox_entries_recipient_idx from (me, source, time) that stops after the page.
 */
function entriesOf(source: InboxSource, me: number, w: Window, rank: number): SQL {
  return and(eq(inboxEntries.recipientId, me), eq(inboxEntries.source, source), inWindow(w, rank, inboxEntries.createdAt, inboxEntries.sourceId))!;
}
const newestEntriesFirst = [desc(inboxEntries.createdAt), desc(inboxEntries.sourceId)];

/**
 * Reviews by others of my annotations and links (in the projects I belong to), newest first:
 * read by the (target author, time) index, so a page or the unread badge costs its own rows,
 * not a sort of every review of my items.
 */
async function reviewsOnMine(db: Db, me: number, w: Window): Promise<Raw[]> {
  return (await all(db
    .select({ r: reviews, actorName: users.name })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(
      and(
        eq(reviews.targetAuthorId, me),
        ne(reviews.reviewerId, me),
        inMyProject(db, me, reviews.projectId),
        annotationIdNotArchived(reviews.annotationId),
        linkIdNotArchived(reviews.linkId),
        inWindow(w, RANK.review, reviews.createdAt, reviews.id),
      ),
    )
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(w.limit)))
    .map(({ r, actorName }) => {
      const kind: TargetKind = r.annotationId ? 'annotation' : 'link';
      return {
        key: `review-${r.id}`,
        sortKey: [r.createdAt.getTime(), RANK.review, r.id] as InboxKey,
        type: r.isFinal ? 'settlement' : 'review',
        at: r.createdAt,
        actorName,
        projectId: r.projectId,
        kind,
        targetId: (r.annotationId ?? r.linkId)!,
        decision: r.decision,
        reason: r.reason,
      };
    });
}

/** Items I reviewed that changed in substance since my review: they wait for a new review. */
async function changedSinceMyReview(db: Db, me: number, kind: TargetKind, w: Window): Promise<Raw[]> {
  const rank = kind === 'annotation' ? RANK.changedAnnotation : RANK.changedLink;
  const target = kind === 'annotation' ? annotations : links;
  return (await all(db
    .select({ id: target.id, projectId: target.projectId, version: target.substanceVersion, actorName: users.name, changedAt: inboxEntries.createdAt })
    .from(inboxEntries)
    .innerJoin(target, eq(target.id, inboxEntries.sourceId))
    .innerJoin(users, eq(users.id, target.authorId))
    .where(and(entriesOf(`changed_${kind}`, me, w, rank), isNull(target.deletedAt), ne(target.authorId, me), inMyProject(db, me, target.projectId), notArchived(kind)))
    .orderBy(...newestEntriesFirst)
    .limit(w.limit)))
    .map((r): Raw => ({ key: `changed-${kind}-${r.id}-${r.version}`, sortKey: [r.changedAt, rank, r.id], type: 'changed' as const, at: new Date(r.changedAt), actorName: r.actorName, projectId: r.projectId, kind, targetId: r.id }));
}

function commentRaw(c: typeof comments.$inferSelect, actorName: string, type: InboxType): Raw {
  const kind: TargetKind = c.annotationId ? 'annotation' : 'link';
  return { key: `comment-${c.id}`, sortKey: [c.createdAt.getTime(), RANK.comment, c.id], type, at: c.createdAt, actorName, projectId: c.projectId, kind, targetId: (c.annotationId ?? c.linkId)!, body: c.body, commentId: c.id };
}

/**
 * Comments by others that reach me: `mine`, on my annotations and links; `reviewed`, in the
 * threads of items I have a live review of (e.g. the author answering my review); `reply`,
 * answers to my comments.
 */
async function commentsFor(db: Db, me: number, source: 'mine' | 'reviewed' | 'reply', w: Window): Promise<Raw[]> {
  return (await all(db
    .select({ c: comments, actorName: users.name })
    .from(inboxEntries)
    .innerJoin(comments, eq(comments.id, inboxEntries.sourceId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(entriesOf(source, me, w, RANK.comment), ne(comments.authorId, me), isNull(comments.deletedAt), inMyProject(db, me, comments.projectId), commentNotArchived))
    .orderBy(...newestEntriesFirst)
    .limit(w.limit)))
    .map(({ c, actorName }) => commentRaw(c, actorName, source === 'reviewed' ? 'discussion' : source === 'reply' || c.parentId ? 'reply' : 'comment'));
}

async function verdictsOnMine(db: Db, me: number, w: Window): Promise<Raw[]> {
  return (await all(db
    .select({ v: verdicts, actorName: users.name })
    .from(inboxEntries)
    .innerJoin(verdicts, eq(verdicts.id, inboxEntries.sourceId))
    .innerJoin(annotations, eq(annotations.id, verdicts.annotationId))
    .innerJoin(users, eq(users.id, verdicts.authorId))
    .where(and(entriesOf('verdict', me, w, RANK.verdict), eq(annotations.authorId, me), ne(verdicts.authorId, me), inMyProject(db, me, verdicts.projectId), ANNOTATION_NOT_ARCHIVED))
    .orderBy(...newestEntriesFirst)
    .limit(w.limit)))
    .map(({ v, actorName }) => ({ key: `verdict-${v.id}`, sortKey: [v.createdAt.getTime(), RANK.verdict, v.id] as InboxKey, final: v.isFinal, type: 'verdict', at: v.createdAt, actorName, projectId: v.projectId, kind: 'annotation', targetId: v.annotationId, verdict: v.verdict, reason: v.rationale }));
}

/** Every source of the inbox, cheapest and most plentiful first (the count may stop early). */
const SOURCES: Array<(db: Db, me: number, w: Window) => Promise<Raw[]>> = [
  reviewsOnMine,
  // A comment found by two sources keeps the later one's type: a reply to me, then a discussion.
  async (db, me, w) => await commentsFor(db, me, 'mine', w),
  async (db, me, w) => await commentsFor(db, me, 'reviewed', w),
  async (db, me, w) => await commentsFor(db, me, 'reply', w),
  verdictsOnMine,
  async (db, me, w) => await changedSinceMyReview(db, me, 'annotation', w),
  async (db, me, w) => await changedSinceMyReview(db, me, 'link', w),
];

/**
 * The window's rows of every source, newest first, deduplicated (a comment found by two sources
 * keeps the later source's type, as before), at most `limit + 1` of them (the extra one says
 * there is a next page). Each source reads at most `limit + 1` rows, so the first `limit + 1`
 * distinct rows overall are among them. Once that many are found, later sources read only
 * rows as new as the oldest of them; with `countOnly` they are not read at all (the count is
 * then the cap whatever they hold).
 */
async function collect(db: Db, me: number, window: Window, countOnly = false): Promise<Raw[]> {
  const w = { ...window, limit: window.limit + 1 };
  const unique = new Map<string, Raw>();
  for (const source of SOURCES) {
    for (const item of await source(db, me, w)) unique.set(item.key, item);
    if (unique.size < w.limit) continue;
    if (countOnly) break;
    // Rows older than the limit-th newest found so far cannot make the page: later sources
    // read only from its time on (a millisecond earlier, for rows of the same time).
    const last = [...unique.values()].sort(newestFirst)[w.limit - 1];
    w.since = Math.max(w.since ?? -Infinity, last.sortKey[0] - 1);
  }
  return [...unique.values()].sort(newestFirst).slice(0, w.limit);
}

async function lastReadAt(db: Db, me: number): Promise<number> {
  return (await first(db.select().from(inboxState).where(eq(inboxState.userId, me))))?.lastReadAt.getTime() ?? 0;
}

/** Names the item each inbox row is about: its article, label and text (a link by its first end). */
async function enrich(db: Db, raw: Raw[], readAt: number): Promise<InboxItem[]> {
  const linkIds = raw.filter((r) => r.kind === 'link').map((r) => r.targetId);
  const linkEnds = new Map(
    (linkIds.length ? await all(db.select({ id: links.id, from: links.fromAnnotationId }).from(links).where(inArray(links.id, linkIds))) : []).map((l) => [l.id, l.from]),
  );
  const focus = (r: Raw) => (r.kind === 'link' ? linkEnds.get(r.targetId)! : r.targetId);
  const annotationIds = [...new Set(raw.map(focus))];
  const spans = new Map(
    (annotationIds.length
      ? await all(db.select({ id: annotations.id, articleId: annotations.articleId, label: annotations.label, exact: annotations.exact }).from(annotations).where(inArray(annotations.id, annotationIds)))
      : []
    ).map((a) => [a.id, a]),
  );
  const projectIds = [...new Set(raw.map((r) => r.projectId))];
  const projectNames = new Map((projectIds.length ? await all(db.select({ id: projects.id, name: projects.name }).from(projects).where(inArray(projects.id, projectIds))) : []).map((p) => [p.id, p.name]));
  return raw.map((r) => {
    const span = spans.get(focus(r))!;
    const { sortKey: _key, ...rest } = r;
    return { ...rest, unread: r.at.getTime() > readAt, projectName: projectNames.get(r.projectId) ?? '', articleId: span.articleId, focusAnnotationId: span.id, label: span.label, exact: span.exact };
  });
}

async function countUnread(db: Db, me: number, readAt: number): Promise<number> {
  return (await collect(db, me, { since: readAt, limit: UNREAD_CAP }, true)).length;
}

/**
 * One page of the actor's inbox, newest first (`?cursor=&limit=`; a bad one is a 400), with
 * the number of unread items (counted up to UNREAD_CAP + 1: more reads "99+").
 */
export async function listInbox({ actor, query = {} }: { actor: Actor; query?: { cursor?: string | null; limit?: string | null } }): Promise<Page<InboxItem> & { unread: number }> {
  const db = getDb();
  const me = await requireUserId(db, actor);
  const scope = { list: `inbox:${me}` };
  const { after: before, limit } = pageRequest(scope, query, 3, { limit: INBOX_PAGE, max: 100 });
  const rows = await collect(db, me, { before: before as InboxKey | undefined, limit });
  const readAt = await lastReadAt(db, me);
  const page = toPage(scope, rows, limit, (r) => r.sortKey);
  // The first page holds the newest rows: once it reaches one already read, it holds every unread one.
  const newer = rows.filter((r) => r.at.getTime() > readAt).length;
  const unread = !before && newer < rows.length ? newer : await countUnread(db, me, readAt);
  return { items: await enrich(db, rows.slice(0, limit), readAt), nextCursor: page.nextCursor, unread };
}

/** How many inbox items are newer than the last time the actor read it (the header badge). */
export async function unreadCount({ actor }: { actor: Actor }): Promise<number> {
  const db = getDb();
  const me = await requireUserId(db, actor);
  return await countUnread(db, me, await lastReadAt(db, me));
}

/** Marks everything up to now (or up to `until`) as read. */
export async function markInboxRead({ actor, until }: { actor: Actor; until?: Date }): Promise<void> {
  const at = until ?? new Date();
  await writeTransaction(async (tx) => {
    const user = await loadUser(tx, actor);
    if (!user) throw forbidden('The inbox belongs to a person: the command-line operator has none.');
    await exec(tx.insert(inboxState).values({ userId: user.id, lastReadAt: at }).onConflictDoUpdate({ target: inboxState.userId, set: { lastReadAt: at } }));
  });
}
