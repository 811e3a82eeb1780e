/**
 * Annotations: create, edit (author only, If-Match version), delete (tombstone, together with
 * every live link touching it), and undo a delete. Spans follow the offsets contract
 * (lib/anchoring/span.ts); exact/prefix/suffix are always computed here from the stored body.
 */
import { and, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction, type Db, type Tx } from '../db/client';
import { annotations, articles, links, LABELS, users, type Label } from '../db/schema';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors';
import { MAX_NOTE, parseInput, describeIssues } from '../validation';
import { checkSpan } from '../anchoring/span';
import { quoteSelector } from '../anchoring/quote';
import { actorId, projectAccess, type Actor } from './actor';
import { recordEvent } from './events';
import { readableArticle, toViews, type AnnotationRow } from './annotationViews';
import type { AnnotationView } from '@/components/annotator/types';

export { listAnnotations, getAnnotation, annotationsSince, listSpeakers, currentCursor } from './annotationViews';

/** How long after deleting an annotation its author can still undo the delete. */
export const RESTORE_WINDOW_MS = 10 * 60 * 1000;

const SERVER_OWNED = ['id', 'articleId', 'projectId', 'authorId', 'authorName', 'status', 'version', 'createdAt', 'updatedAt',
  'deletedAt', 'startCodePoint', 'endCodePoint', 'prefix', 'suffix', 'links'];

const offset = z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'cannot be negative');
const fields = {
  label: z.enum(LABELS, { message: 'must be claim, quote or context' }),
  start: offset,
  end: offset,
  exact: z.string().optional(),
  note: z.string().max(MAX_NOTE, `must be at most ${MAX_NOTE} characters`),
  attributes: z.record(z.string(), z.unknown(), { message: 'must be an object' }),
};
const createSchema = z.strictObject({ ...fields, note: fields.note.optional().default(''), attributes: fields.attributes.optional().default({}) });
const updateSchema = z.strictObject(fields).partial();

const quoteAttributes = z.strictObject({
  speaker: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  quoteKind: z.enum(['verbatim', 'paraphrase'], { message: 'must be verbatim or paraphrase' }).optional(),
});

/** Refuses ids, author, status, version and the other fields only the server sets. */
function refuseServerOwned(input: unknown): void {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return;
  const owned = Object.keys(input).filter((k) => SERVER_OWNED.includes(k));
  if (owned.length) {
    throw badRequest(`${owned.join(', ')} ${owned.length > 1 ? 'are' : 'is'} set by the server and cannot be sent.`, { fields: owned });
  }
}

/** Validates label-specific attributes from input; a claim's verdict only comes through review. */
function parseAttributes(label: Label, input: Record<string, unknown>): Record<string, unknown> {
  if (label === 'claim' && 'verdict' in input) {
    throw badRequest("attributes.verdict: a claim's verdict is set through review, not when annotating.");
  }
  if (label !== 'quote') {
    if (Object.keys(input).length) throw badRequest(`attributes: a ${label} has no attributes (got ${Object.keys(input).join(', ')}).`);
    return {};
  }
  const parsed = quoteAttributes.safeParse(input);
  if (!parsed.success) throw badRequest(`Invalid input: attributes.${describeIssues(parsed.error)}`);
  const out: Record<string, unknown> = {};
  if (parsed.data.speaker) out.speaker = parsed.data.speaker.normalize('NFC');
  if (parsed.data.quoteKind) out.quoteKind = parsed.data.quoteKind;
  return out;
}

/** Attributes that survive a label change (a claim keeps its verdict, a quote its speaker). */
function carryAttributes(label: Label, stored: Record<string, unknown>): Record<string, unknown> {
  const keep = label === 'quote' ? ['speaker', 'quoteKind'] : label === 'claim' ? ['verdict'] : [];
  return Object.fromEntries(Object.entries(stored).filter(([k]) => keep.includes(k)));
}

function spanOrThrow(body: string, span: { start: unknown; end: unknown; exact?: string }) {
  const problem = checkSpan(body, span);
  if (problem) throw new AppError(problem.status === 400 ? 'bad_request' : 'unprocessable', problem.message, { problem: problem.problem });
  return quoteSelector(body, span.start as number, span.end as number);
}

function authorName(tx: Tx, id: number): string {
  return tx.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? '';
}

function viewOf(tx: Tx, body: string, row: AnnotationRow): AnnotationView {
  return toViews(tx, body, [{ a: row, authorName: authorName(tx, row.authorId) }])[0];
}

/** Creates an annotation as the acting reviewer or lead (viewers 403, non-members 404). */
export function createAnnotation({ actor, articleId, input }: { actor: Actor; articleId: number; input: unknown }): AnnotationView {
  const { article } = readableArticle(getDb(), actor, articleId);
  projectAccess(getDb(), actor, article.projectId, 'annotation.create');
  refuseServerOwned(input);
  const data = parseInput(createSchema, input);
  const selector = spanOrThrow(article.body, data);
  const attributes = parseAttributes(data.label, data.attributes);
  return writeTransaction((tx) => {
    const { user } = projectAccess(tx, actor, article.projectId, 'annotation.create');
    if (!user) throw forbidden('Annotations need a person as author; the command-line operator cannot create them.');
    const row = tx
      .insert(annotations)
      .values({ projectId: article.projectId, articleId, authorId: user.id, label: data.label, start: data.start, end: data.end, ...selector, note: data.note, attributes })
      .returning()
      .get();
    const view = viewOf(tx, article.body, row);
    recordEvent(tx, { projectId: article.projectId, actorId: user.id, action: 'annotation.create', entityType: 'annotation', entityId: row.id, after: row });
    return view;
  });
}

/** Loads an annotation for a change by its author: 404 (missing or not a member), 403 (not yours), 412 (stale). */
function ownAnnotation(tx: Db | Tx, actor: Actor, annotationId: number, ifMatch: number | null, opts: { deleted?: boolean } = {}) {
  const row = tx.select().from(annotations).where(eq(annotations.id, annotationId)).get();
  if (!row || (!opts.deleted && row.deletedAt)) throw notFound('Annotation');
  const { user } = projectAccess(tx, actor, row.projectId, 'project.read');
  if (!user || user.id !== row.authorId) throw forbidden('Only the author of an annotation can change or delete it.');
  projectAccess(tx, actor, row.projectId, 'annotation.create');
  if (ifMatch !== null && ifMatch !== row.version) {
    throw new AppError('precondition_failed', `This annotation was changed elsewhere (now version ${row.version}, you sent ${ifMatch}). Reload it and try again.`, { currentVersion: row.version });
  }
  const article = tx.select({ body: articles.body }).from(articles).where(eq(articles.id, row.articleId)).get();
  return { row, user, body: article?.body ?? '' };
}

/**
 * Edits label, note, attributes or boundaries of the actor's own annotation. `ifMatch` is the
 * version the client saw: required, and 412 when someone else changed it meanwhile.
 */
export function updateAnnotation({ actor, annotationId, ifMatch, input }: { actor: Actor; annotationId: number; ifMatch: number | null; input: unknown }): AnnotationView {
  ownAnnotation(getDb(), actor, annotationId, null);
  if (ifMatch === null) throw badRequest('Send the version you are editing in an If-Match header (If-Match: "3").');
  refuseServerOwned(input);
  const data = parseInput(updateSchema, input);
  if (Object.keys(data).length === 0) throw badRequest('Nothing to change: send label, note, attributes, start or end.');
  return writeTransaction((tx) => {
    const { row, body } = ownAnnotation(tx, actor, annotationId, ifMatch);
    const label = data.label ?? row.label;
    const start = data.start ?? row.start;
    const end = data.end ?? row.end;
    const selector = spanOrThrow(body, { start, end, exact: data.exact });
    const attributes = data.attributes
      ? { ...parseAttributes(label, data.attributes), ...carryAttributes(label, { verdict: row.attributes?.verdict }) }
      : carryAttributes(label, row.attributes ?? {});
    const after = tx
      .update(annotations)
      .set({ label, start, end, ...selector, note: data.note ?? row.note, attributes, version: row.version + 1, updatedAt: new Date() })
      .where(eq(annotations.id, annotationId))
      .returning()
      .get();
    recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: 'annotation.update', entityType: 'annotation', entityId: row.id, before: row, after });
    return viewOf(tx, body, after);
  });
}

/**
 * Deletes the actor's own annotation (a tombstone) and, in the same transaction, every live
 * link touching it, so no link is left dangling. `ifMatch`, when given, must be current.
 */
export function deleteAnnotation({ actor, annotationId, ifMatch = null }: { actor: Actor; annotationId: number; ifMatch?: number | null }) {
  return writeTransaction((tx) => {
    const { row } = ownAnnotation(tx, actor, annotationId, ifMatch);
    const at = new Date();
    const after = tx.update(annotations).set({ deletedAt: at, updatedAt: at, version: row.version + 1 }).where(eq(annotations.id, row.id)).returning().get();
    const touching = tx.select().from(links)
      .where(and(isNull(links.deletedAt), or(eq(links.fromAnnotationId, row.id), eq(links.toAnnotationId, row.id))))
      .all();
    for (const link of touching) {
      const gone = tx.update(links).set({ deletedAt: at, updatedAt: at, version: link.version + 1 }).where(eq(links.id, link.id)).returning().get();
      recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: 'link.delete', entityType: 'link', entityId: link.id, before: link, after: { ...gone, reason: `annotation ${row.id} deleted` } });
    }
    recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: 'annotation.delete', entityType: 'annotation', entityId: row.id, before: row, after: { ...after, linksDeleted: touching.map((l) => l.id) } });
    return { id: row.id, deletedAt: at.toISOString(), version: after.version, linksDeleted: touching.map((l) => l.id) };
  });
}

/**
 * Undoes the actor's own delete within RESTORE_WINDOW_MS: the annotation comes back with the
 * links deleted together with it (those whose other end still exists).
 */
export function restoreAnnotation({ actor, annotationId }: { actor: Actor; annotationId: number }): AnnotationView {
  return writeTransaction((tx) => {
    const { row, body } = ownAnnotation(tx, actor, annotationId, null, { deleted: true });
    if (!row.deletedAt) throw conflict('This annotation is not deleted.');
    if (Date.now() - row.deletedAt.getTime() > RESTORE_WINDOW_MS) {
      throw conflict('A delete can only be undone within 10 minutes. Create the annotation again instead.');
    }
    const now = new Date();
    const after = tx.update(annotations).set({ deletedAt: null, updatedAt: now, version: row.version + 1 }).where(eq(annotations.id, row.id)).returning().get();
    const together = tx.select().from(links)
      .where(and(eq(links.deletedAt, row.deletedAt), or(eq(links.fromAnnotationId, row.id), eq(links.toAnnotationId, row.id))))
      .all();
    for (const link of together) restoreLink(tx, actor, row.id, link, now);
    recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: 'annotation.restore', entityType: 'annotation', entityId: row.id, before: row, after });
    return viewOf(tx, body, after);
  });
}

function restoreLink(tx: Tx, actor: Actor, annotationId: number, link: typeof links.$inferSelect, now: Date): void {
  const otherId = link.fromAnnotationId === annotationId ? link.toAnnotationId : link.fromAnnotationId;
  const other = tx.select({ deletedAt: annotations.deletedAt }).from(annotations).where(eq(annotations.id, otherId)).get();
  if (!other || other.deletedAt) return;
  const duplicate = tx.select({ id: links.id }).from(links)
    .where(and(isNull(links.deletedAt), eq(links.authorId, link.authorId), eq(links.fromAnnotationId, link.fromAnnotationId), eq(links.toAnnotationId, link.toAnnotationId), eq(links.relation, link.relation)))
    .get();
  if (duplicate) return;
  const after = tx.update(links).set({ deletedAt: null, updatedAt: now, version: link.version + 1 }).where(eq(links.id, link.id)).returning().get();
  recordEvent(tx, { projectId: link.projectId, actorId: actorId(actor), action: 'link.restore', entityType: 'link', entityId: link.id, before: link, after });
}
