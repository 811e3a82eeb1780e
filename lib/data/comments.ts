/**
 * Discussion threads on annotations and links. Members with comment rights write; everyone in
 * the project reads; only the author edits or deletes a comment, and a deleted one stays in
 * the thread as "comment deleted" so the replies keep their place.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction, type Tx } from '../db/client';
import { comments, users } from '../db/tables';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { MAX_NOTE, parseInput } from '../validation';
import { can } from '../auth/can';
import { actorId, projectAccess, type Actor, type UserRow } from './actor';
import { refuseArchived, targetArticleIds } from './articleArchive';
import { recordEvent } from './events';
import { loadTarget, targetKeys, targetName, type TargetRef } from './reviewTargets';
import { groupCommitted } from '../db/groupCommit';
import { all, first } from '../db/query';

export type CommentRow = typeof comments.$inferSelect;

const body = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'is empty')
  .max(MAX_NOTE, `must be at most ${MAX_NOTE.toLocaleString('en')} characters`);
const addSchema = z.strictObject({ body, parentId: z.number().int().positive().optional() });
const editSchema = z.strictObject({ body });

export interface CommentView {
  id: number;
  parentId: number | null;
  authorId: number;
  authorName: string;
  /** Empty when deleted: the thread shows "comment deleted". */
  body: string;
  deleted: boolean;
  edited: boolean;
  createdAt: Date;
  updatedAt: Date;
  replies: CommentView[];
}

function commentsOf(ref: TargetRef): SQL {
  return ref.kind === 'annotation' ? eq(comments.annotationId, ref.id) : eq(comments.linkId, ref.id);
}

function requirePerson(user: UserRow | null): UserRow {
  if (!user) throw forbidden('Comments are signed by a person: the command-line operator cannot comment.');
  return user;
}

/** A reply always hangs under the thread's first comment (threads are one level deep). */
async function threadRoot(tx: Tx, target: TargetRef, parentId: number | undefined): Promise<number | null> {
  if (parentId === undefined) return null;
  const parent = await first(tx.select().from(comments).where(and(eq(comments.id, parentId), commentsOf(target))));
  if (!parent) throw badRequest('parentId: that comment is not in this thread.');
  return parent.parentId ?? parent.id;
}

/** Adds a comment (or, with parentId, a reply) to the thread of an annotation or link. */
export const addComment = groupCommitted(async function addComment({ actor, target, input }: { actor: Actor; target: TargetRef; input: unknown }): Promise<CommentRow> {
  const data = parseInput(addSchema, input);
  return await writeTransaction(async (tx) => {
    const item = await loadTarget(tx, target);
    const author = requirePerson((await projectAccess(tx, actor, item.projectId, 'comment.create', targetName(target.kind))).user);
    if (item.deletedAt) throw conflict(`This ${targetName(target.kind).toLowerCase()} was deleted; its thread is closed.`);
    await refuseArchived(tx, await targetArticleIds(tx, target), 'comment');
    const parentId = await threadRoot(tx, target, data.parentId);
    const row = await first(tx
      .insert(comments)
      .values({ ...targetKeys(target), projectId: item.projectId, parentId, authorId: author.id, body: data.body })
      .returning());
    await recordEvent(tx, { projectId: item.projectId, actorId: actorId(actor), action: parentId ? 'comment.reply' : 'comment.create', entityType: 'comment', entityId: row.id, after: { ...row, target: target.kind } });
    return row;
  });
});

/**
 * Loads a comment the actor wrote, still live, for editing or deleting: authorship alone is
 * not enough, the actor's role now must still allow commenting (a demoted author is refused).
 */
async function ownComment(tx: Tx, actor: Actor, commentId: number): Promise<CommentRow> {
  const row = await first(tx.select().from(comments).where(eq(comments.id, commentId)));
  if (!row) throw notFound('Comment');
  const user = requirePerson((await projectAccess(tx, actor, row.projectId, 'comment.create', 'Comment')).user);
  if (row.authorId !== user.id) throw forbidden('Only the author can change or delete a comment.');
  if (row.deletedAt) throw conflict('This comment was deleted.');
  return row;
}

/** Edits the text of one's own comment. */
export async function editComment({ actor, commentId, input }: { actor: Actor; commentId: number; input: unknown }): Promise<CommentRow> {
  const data = parseInput(editSchema, input);
  return await writeTransaction(async (tx) => {
    const before = await ownComment(tx, actor, commentId);
    const after = await first(tx.update(comments).set({ body: data.body, updatedAt: new Date() }).where(eq(comments.id, commentId)).returning());
    await recordEvent(tx, { projectId: before.projectId, actorId: actorId(actor), action: 'comment.update', entityType: 'comment', entityId: commentId, before, after });
    return after;
  });
}

/** Deletes one's own comment: its text is removed and the thread shows "comment deleted". */
export async function deleteComment({ actor, commentId }: { actor: Actor; commentId: number }): Promise<CommentRow> {
  return await writeTransaction(async (tx) => {
    const before = await ownComment(tx, actor, commentId);
    const now = new Date();
    const after = await first(tx.update(comments).set({ body: '', deletedAt: now, updatedAt: now }).where(eq(comments.id, commentId)).returning());
    await recordEvent(tx, { projectId: before.projectId, actorId: actorId(actor), action: 'comment.delete', entityType: 'comment', entityId: commentId, before, after });
    return after;
  });
}

/** The thread of an annotation or link, oldest first, replies under their comment. */
export async function listComments({ actor, target }: { actor: Actor; target: TargetRef }) {
  const db = getDb();
  const item = await loadTarget(db, target);
  const { user, role } = await projectAccess(db, actor, item.projectId, 'project.read', targetName(target.kind));
  const rows = await all(db
    .select({ comment: comments, authorName: users.name })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(commentsOf(target))
    .orderBy(asc(comments.id)));
  const views = new Map<number, CommentView>();
  const thread: CommentView[] = [];
  for (const { comment: c, authorName } of rows) {
    const view: CommentView = {
      id: c.id,
      parentId: c.parentId,
      authorId: c.authorId,
      authorName,
      body: c.deletedAt ? '' : c.body,
      deleted: c.deletedAt !== null,
      edited: !c.deletedAt && c.updatedAt.getTime() - c.createdAt.getTime() > 1000,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      replies: [],
    };
    views.set(c.id, view);
    const parent = c.parentId ? views.get(c.parentId) : undefined;
    (parent ? parent.replies : thread).push(view);
  }
  return { comments: thread, canComment: !!user && !item.deletedAt && can(role, 'comment.create'), currentUserId: user?.id ?? null };
}
