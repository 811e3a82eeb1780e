/**
 * Links between statements of different articles: corroborates or conflicts. A link is
 * symmetric and stored once, with fromAnnotationId < toAnnotationId. Both ends must be live
 * annotations of one project, in two different articles; one author may not state the same
 * pair twice (nor both relations for one pair). Two authors may disagree: that is shown as a
 * disagreement (lib/data/linkViews.ts), not refused. Every change writes an audit event in
 * its transaction. Deleting an annotation tombstones its links (lib/data/annotations.ts).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeTransaction, type Tx } from '../db/client';
import { placeholders, preparedStatement } from '../db/prepared';
import { annotations, links, RELATIONS, type Relation } from '../db/tables';
import { conflict, forbidden, notFound, unprocessable } from '../errors';
import { MAX_NOTE, parseInput } from '../validation';
import { actorId, projectAccess, type Actor } from './actor';
import { refuseArchived, targetArticleIds } from './articleArchive';
import { recordEvent } from './events';
import { insertSentenceAnnotation, sentenceTargetSchema } from './linkSentence';
import { groupCommitted } from '../db/groupCommit';
import { all, first } from '../db/query';

export type LinkRow = typeof links.$inferSelect;
type AnnotationRow = typeof annotations.$inferSelect;

const annotationIdField = (name: string) =>
  z.number({ message: `must be the id of an annotation` }).int(`${name} must be a whole number`).positive();
const relationField = z.enum(RELATIONS, { message: 'must be "corroborates" or "conflicts"' });
const rationaleField = z
  .string({ message: 'must be text' })
  .max(MAX_NOTE, `must be at most ${MAX_NOTE.toLocaleString('en')} characters`)
  .optional()
  .default('');

export const createLinkSchema = z.strictObject({
  fromAnnotationId: annotationIdField('fromAnnotationId'),
  toAnnotationId: annotationIdField('toAnnotationId'),
  relation: relationField,
  note: rationaleField,
});

export const createLinkToSentenceSchema = z.strictObject({
  fromAnnotationId: annotationIdField('fromAnnotationId'),
  relation: relationField,
  note: rationaleField,
  sentence: sentenceTargetSchema,
});

// Linking is one of the hot writes: its statements are prepared once (lib/db/prepared.ts).
const annotationById = preparedStatement('links.annotationById', (db) => db.select().from(annotations).where(eq(annotations.id, sql.placeholder('id'))).prepare());
const authorsLinksOfPair = preparedStatement('links.authorsLinksOfPair', (db) =>
  db.select({ id: links.id, relation: links.relation }).from(links)
    .where(and(eq(links.authorId, sql.placeholder('authorId')), eq(links.fromAnnotationId, sql.placeholder('lo')), eq(links.toAnnotationId, sql.placeholder('hi')), isNull(links.deletedAt)))
    .prepare(),
);
const insertLinkRow = preparedStatement('links.insert', (db) =>
  db.insert(links).values(placeholders('projectId', 'fromAnnotationId', 'toAnnotationId', 'relation', 'note', 'authorId')).returning().prepare(),
);

/**
 * A live annotation by id, or 404 (a deleted one is gone for linking purposes). `_tx` is the
 * caller's transaction; the statement runs on its connection.
 */
export async function liveAnnotation(_tx: Tx, id: number): Promise<AnnotationRow> {
  const row = await first(annotationById(), { id });
  if (!row || row.deletedAt) throw notFound(`Annotation ${id}`);
  return row;
}

/** Checks the actor may link from `from`, and returns the project's access record. */
async function linkAccess(tx: Tx, actor: Actor, from: AnnotationRow) {
  return await projectAccess(tx, actor, from.projectId, 'link.create', `Annotation ${from.id}`);
}

/** The rules on a pair of ends, after access to `a`'s project was checked. */
function checkEnds(a: AnnotationRow, b: AnnotationRow): void {
  if (a.id === b.id) throw unprocessable('A statement cannot be linked to itself: choose a statement in another article.');
  if (b.projectId !== a.projectId) throw notFound(`Annotation ${b.id}`);
  if (a.articleId === b.articleId) {
    throw unprocessable('Both statements are in the same article: links connect statements of different articles.');
  }
}

/** 409 when this author already linked the pair (with either relation). */
async function checkNotDuplicate(authorId: number | null, lo: number, hi: number, relation: Relation): Promise<void> {
  if (authorId === null) return;
  const existing = await all(authorsLinksOfPair(), { authorId, lo, hi });
  const same = existing.find((l) => l.relation === relation);
  if (same) throw conflict(`You already linked these two statements as "${relation}" (link ${same.id}).`, { linkId: same.id });
  if (existing.length) {
    throw conflict(`You already linked these two statements as "${existing[0].relation}". Delete that link first to change your mind.`, {
      linkId: existing[0].id,
    });
  }
}

/** Inserts a checked link inside `tx` and records the event. */
async function insertLink(tx: Tx, actor: Actor, a: AnnotationRow, b: AnnotationRow, relation: Relation, note: string): Promise<LinkRow> {
  const authorId = actorId(actor);
  if (authorId === null) throw forbidden('Links are made by a person: sign in to link statements.');
  const [lo, hi] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  await checkNotDuplicate(authorId, lo, hi, relation);
  const row = await first(insertLinkRow(), { projectId: a.projectId, fromAnnotationId: lo, toAnnotationId: hi, relation, note, authorId });
  if (!row) throw new Error('The new link was not returned.');
  await recordEvent(tx, { projectId: a.projectId, actorId: authorId, action: 'link.create', entityType: 'link', entityId: row.id, after: row });
  return row;
}

/**
 * Links two existing statements. 404 for a missing, deleted or other-project end (and for
 * non-members), 403 for viewers, 422 for a self-link or two ends in one article, 409 for a
 * duplicate by the same author, 400 for malformed input or a rationale over 10,000 characters.
 */
export const createLink = groupCommitted(async function createLink({ actor, input }: { actor: Actor; input: unknown }): Promise<LinkRow> {
  const data = parseInput(createLinkSchema, input);
  return await writeTransaction(async (tx) => {
    const a = await liveAnnotation(tx, data.fromAnnotationId);
    await linkAccess(tx, actor, a);
    if (data.toAnnotationId === data.fromAnnotationId) checkEnds(a, a);
    const b = await liveAnnotation(tx, data.toAnnotationId);
    checkEnds(a, b);
    await refuseArchived(tx, [a.articleId, b.articleId], 'link');
    return await insertLink(tx, actor, a, b, data.relation, data.note);
  });
});

/**
 * Links a statement to a sentence nobody annotated yet: creates the sentence's annotation
 * (with the label chosen in the picker) and the link in one transaction, so either both
 * exist afterwards or neither does. An identical live annotation (same span and label) is
 * reused instead of duplicated.
 */
export const createLinkToSentence = groupCommitted(async function createLinkToSentence({ actor, input }: { actor: Actor; input: unknown }): Promise<{ link: LinkRow; annotation: AnnotationRow }> {
  const data = parseInput(createLinkToSentenceSchema, input);
  return await writeTransaction(async (tx) => {
    const a = await liveAnnotation(tx, data.fromAnnotationId);
    await linkAccess(tx, actor, a);
    await projectAccess(tx, actor, a.projectId, 'annotation.create', `Annotation ${a.id}`);
    const b = await insertSentenceAnnotation(tx, actor, a.projectId, data.sentence);
    // After the project check inside insertSentenceAnnotation; the throw rolls the new annotation back.
    await refuseArchived(tx, [a.articleId, b.articleId], 'link');
    checkEnds(a, b);
    return { link: await insertLink(tx, actor, a, b, data.relation, data.note), annotation: b };
  });
});

/**
 * Tombstones a link: its author only, and only while their role still allows linking (an
 * author demoted to viewer is refused). 404 when it is missing, deleted or not visible.
 */
export const deleteLink = groupCommitted(async function deleteLink({ actor, linkId }: { actor: Actor; linkId: number }): Promise<LinkRow> {
  return await writeTransaction(async (tx) => {
    const before = await first(tx.select().from(links).where(eq(links.id, linkId)));
    if (!before || before.deletedAt) throw notFound('Link');
    const { user } = await projectAccess(tx, actor, before.projectId, 'link.create', 'Link');
    if (user && before.authorId !== user.id) throw forbidden('Only the author of a link can delete it.');
    await refuseArchived(tx, await targetArticleIds(tx, { kind: 'link', id: linkId }), 'link');
    const after = await first(tx
      .update(links)
      .set({ deletedAt: new Date(), updatedAt: new Date(), version: before.version + 1 })
      .where(eq(links.id, linkId))
      .returning());
    await recordEvent(tx, { projectId: before.projectId, actorId: actorId(actor), action: 'link.delete', entityType: 'link', entityId: linkId, before, after });
    return after;
  });
});

export { getLink, linksForAnnotation, listLinksForProject, linkViewsForAnnotations, findDisagreements } from './linkViews';
export { suggestions } from './linkSuggestions';
export { claimBoard } from './claimBoard';
export { quoteComparison } from './quoteComparison';
