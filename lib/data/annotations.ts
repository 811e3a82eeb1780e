/**
 * Annotations: create, edit (author only, If-Match version), delete (tombstone, together with
 * every live link touching it), and undo a delete. Spans follow the offsets contract
 * (lib/anchoring/span.ts); exact/prefix/suffix are always computed here from the stored body.
 */
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeTransaction, type Db, type Tx } from '../db/client';
import { placeholders, preparedStatement } from '../db/prepared';
import { annotations, articles, links, LABELS, type Label } from '../db/tables';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors';
import { MAX_NOTE, parseInput, describeIssues } from '../validation';
import { checkSpan } from '../anchoring/span';
import { quoteSelector } from '../anchoring/quote';
import { actorId, projectAccess, type Actor } from './actor';
import { archivedConflict, refuseArchived } from './articleArchive';
import { recordEvent } from './events';
import { readableArticle, toView, toViews, type AnnotationRow } from './annotationViews';
import { reopenForVersion } from './reviewTargets';
import { utf16ToCodePoints } from '../anchoring/units';
import type { AnnotationView } from '@/lib/domain';
import { groupCommitted } from '../db/groupCommit';
import { all, first } from '../db/query';

export { listAnnotations, listAnnotationPage, annotationPageScope, getAnnotation, annotationsSince, listSpeakers, currentCursor } from './annotationViews';

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

/**
 * Validates label-specific attributes from input; a claim's verdict only comes through review.
 * The one rule for the API and for imports that the server did not sign.
 */
export function parseAttributes(label: Label, input: Record<string, unknown>): Record<string, unknown> {
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

async function viewOf(tx: Tx, body: string, row: AnnotationRow, authorName: string): Promise<AnnotationView> {
  return (await toViews(tx, body, [{ a: row, authorName }]))[0];
}

// Creating and editing annotations are the hot writes: their statements are prepared once.
const SPAN_FIELDS = ['label', 'start', 'end', 'exact', 'prefix', 'suffix', 'note', 'attributes'] as const;
const JUDGED_FIELDS = ['label', 'start', 'end', 'attributes'] as const;
const insertAnnotation = preparedStatement('annotations.insert', (db) =>
  db.insert(annotations).values(placeholders('projectId', 'articleId', 'authorId', 'revision', ...SPAN_FIELDS)).returning().prepare(),
);
// drizzle binds update placeholders through the column's encoder at run time (JSON, Date), but
// its types only admit SQL in .set(); hence the cast.
type AnnotationSet = Partial<typeof annotations.$inferInsert>;
const updateFields = preparedStatement('annotations.update', (db) =>
  db.update(annotations).set(placeholders(...SPAN_FIELDS, 'version', 'substanceVersion', 'updatedAt') as unknown as AnnotationSet).where(eq(annotations.id, sql.placeholder('id'))).returning().prepare(),
);
const annotationById = preparedStatement('annotations.byId', (db) => db.select().from(annotations).where(eq(annotations.id, sql.placeholder('id'))).prepare());
const articleBody = preparedStatement('annotations.articleBody', (db) => db.select({ body: articles.body }).from(articles).where(eq(articles.id, sql.placeholder('id'))).prepare());

/**
 * Creates an annotation as the acting reviewer or lead (viewers 403, non-members 404). Access
 * is checked once, inside the write transaction, before the input is looked at.
 */
export const createAnnotation = groupCommitted(async function createAnnotation({ actor, articleId, input }: { actor: Actor; articleId: number; input: unknown }): Promise<AnnotationView> {
  return await writeTransaction(async (tx) => {
    const { article, access } = await readableArticle(tx, actor, articleId, 'annotation.create');
    if (article.archivedAt) throw archivedConflict('annotate');
    const user = access.user;
    if (!user) throw forbidden('Annotations need a person as author; the command-line operator cannot create them.');
    refuseServerOwned(input);
    const data = parseInput(createSchema, input);
    const selector = spanOrThrow(article.body, data);
    const attributes = parseAttributes(data.label, data.attributes);
    // With the article's current revision given, annotations_revision_ai has nothing to correct.
    const row = await first(insertAnnotation(), { projectId: article.projectId, articleId, authorId: user.id, revision: article.currentRevision, label: data.label, start: data.start, end: data.end, ...selector, note: data.note, attributes });
    if (!row) throw new Error('The new annotation was not returned.');
    await recordEvent(tx, { projectId: article.projectId, actorId: user.id, action: 'annotation.create', entityType: 'annotation', entityId: row.id, after: row });
    const [start, end] = utf16ToCodePoints(article.body, [row.start, row.end]);
    return toView(row, user.name, [start, end], []);
  });
});

/** Key order does not matter: {a, b} and {b, a} are the same attributes. */
function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown) => JSON.stringify(v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v);
  return canonical(a) === canonical(b);
}

/** Whether an edit changed what reviews judge (span, label, attributes), not only the note. */
function changesSubstance(before: AnnotationRow, after: Pick<AnnotationRow, (typeof JUDGED_FIELDS)[number]>): boolean {
  return JUDGED_FIELDS.some((field) => !sameValue(before[field], after[field]));
}

/**
 * After a change in substance of an annotation, the reviews of its live links were for an
 * earlier version too: each link gets a new version of its own, since what it relates changed,
 * and goes back to proposed (lib/data/reviewTargets.ts).
 */
async function reopenLinks(tx: Tx, actor: Actor, row: AnnotationRow): Promise<void> {
  const touching = await all(tx.select().from(links)
    .where(and(isNull(links.deletedAt), or(eq(links.fromAnnotationId, row.id), eq(links.toAnnotationId, row.id)))));
  for (const link of touching) {
    const linkVersion = link.version + 1;
    const after = await first(tx.update(links).set({ version: linkVersion, substanceVersion: linkVersion, updatedAt: new Date() }).where(eq(links.id, link.id)).returning());
    const status = await reopenForVersion(tx, { kind: 'link', id: link.id }, linkVersion);
    await recordEvent(tx, { projectId: link.projectId, actorId: actorId(actor), action: 'link.reopen', entityType: 'link', entityId: link.id, before: link, after: { ...after, status, reason: `annotation ${row.id} changed` } });
  }
}

function checkVersion(row: AnnotationRow, ifMatch: number | null): void {
  if (ifMatch !== null && ifMatch !== row.version) {
    throw new AppError('precondition_failed', `This annotation was changed elsewhere (now version ${row.version}, you sent ${ifMatch}). Reload it and try again.`, { currentVersion: row.version });
  }
}

/** Loads an annotation for a change by its author: 404 (missing or not a member), 403 (not yours), 412 (stale). */
async function ownAnnotation(tx: Db | Tx, actor: Actor, annotationId: number, ifMatch: number | null, opts: { deleted?: boolean } = {}) {
  const row = await first(annotationById(), { id: annotationId });
  if (!row || (!opts.deleted && row.deletedAt)) throw notFound('Annotation');
  const { user } = await projectAccess(tx, actor, row.projectId, 'project.read', 'Annotation');
  if (!user || user.id !== row.authorId) throw forbidden('Only the author of an annotation can change or delete it.');
  await projectAccess(tx, actor, row.projectId, 'annotation.create', 'Annotation');
  await refuseArchived(tx, [row.articleId], 'annotate');
  checkVersion(row, ifMatch);
  return { row, user, body: (await first(articleBody(), { id: row.articleId }))?.body ?? '' };
}

/**
 * Edits label, note, attributes or boundaries of the actor's own annotation. `ifMatch` is the
 * version the client saw: required, and 412 when someone else changed it meanwhile. Checked in
 * this order: access (404/403), If-Match present, the input (400), then the version (412).
 * A change of span, label or attributes makes it a new version for review: it is proposed
 * again, and so are its links; a note alone does not.
 */
export const updateAnnotation = groupCommitted(async function updateAnnotation({ actor, annotationId, ifMatch, input }: { actor: Actor; annotationId: number; ifMatch: number | null; input: unknown }): Promise<AnnotationView> {
  return await writeTransaction(async (tx) => {
    const { row, user, body } = await ownAnnotation(tx, actor, annotationId, null);
    if (ifMatch === null) throw badRequest('Send the version you are editing in an If-Match header (If-Match: "3").');
    refuseServerOwned(input);
    const data = parseInput(updateSchema, input);
    if (Object.keys(data).length === 0) throw badRequest('Nothing to change: send label, note, attributes, start or end.');
    checkVersion(row, ifMatch);
    // Its offsets refer to an older revision's text (docs/revisions.md).
    if (row.anchorState === 'orphaned') throw conflict('This span lost its place in a newer revision of the article: re-select or retire it in the re-anchoring queue.');
    const label = data.label ?? row.label;
    const start = data.start ?? row.start;
    const end = data.end ?? row.end;
    const selector = spanOrThrow(body, { start, end, exact: data.exact });
    const attributes = data.attributes
      ? { ...parseAttributes(label, data.attributes), ...carryAttributes(label, { verdict: row.attributes?.verdict }) }
      : carryAttributes(label, row.attributes ?? {});
    const version = row.version + 1;
    const substantive = changesSubstance(row, { label, start, end, attributes });
    const substanceVersion = substantive ? version : row.substanceVersion;
    const updated = await first(updateFields(), { id: annotationId, label, start, end, ...selector, note: data.note ?? row.note, attributes, version, substanceVersion, updatedAt: new Date() });
    if (!updated) throw notFound('Annotation');
    const after = substantive ? { ...updated, status: await reopenForVersion(tx, { kind: 'annotation', id: row.id }, version) } : updated;
    if (substantive) await reopenLinks(tx, actor, row);
    await recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: 'annotation.update', entityType: 'annotation', entityId: row.id, before: row, after });
    return await viewOf(tx, body, after, user.name);
  });
});

/**
 * Deletes the actor's own annotation (a tombstone) and, in the same transaction, every live
 * link touching it, so no link is left dangling. `ifMatch`, when given, must be current.
 */
export const deleteAnnotation = groupCommitted(async function deleteAnnotation({ actor, annotationId, ifMatch = null }: { actor: Actor; annotationId: number; ifMatch?: number | null }) {
  return await writeTransaction(async (tx) => {
    const { row } = await ownAnnotation(tx, actor, annotationId, ifMatch);
    const at = new Date();
    const after = await first(tx.update(annotations).set({ deletedAt: at, updatedAt: at, version: row.version + 1 }).where(eq(annotations.id, row.id)).returning());
    const touching = await all(tx.select().from(links)
      .where(and(isNull(links.deletedAt), or(eq(links.fromAnnotationId, row.id), eq(links.toAnnotationId, row.id)))));
    for (const link of touching) {
      const gone = await first(tx.update(links).set({ deletedAt: at, updatedAt: at, version: link.version + 1 }).where(eq(links.id, link.id)).returning());
      await recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: 'link.delete', entityType: 'link', entityId: link.id, before: link, after: { ...gone, reason: `annotation ${row.id} deleted` } });
    }
    await recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: 'annotation.delete', entityType: 'annotation', entityId: row.id, before: row, after: { ...after, linksDeleted: touching.map((l) => l.id) } });
    return { id: row.id, deletedAt: at.toISOString(), version: after.version, linksDeleted: touching.map((l) => l.id) };
  });
});

/**
 * Undoes the actor's own delete within RESTORE_WINDOW_MS: the annotation comes back with the
 * links deleted together with it (those whose other end still exists).
 */
export async function restoreAnnotation({ actor, annotationId }: { actor: Actor; annotationId: number }): Promise<AnnotationView> {
  return await writeTransaction(async (tx) => {
    const { row, user, body } = await ownAnnotation(tx, actor, annotationId, null, { deleted: true });
    if (!row.deletedAt) throw conflict('This annotation is not deleted.');
    if (Date.now() - row.deletedAt.getTime() > RESTORE_WINDOW_MS) {
      throw conflict('A delete can only be undone within 10 minutes. Create the annotation again instead.');
    }
    const now = new Date();
    const after = await first(tx.update(annotations).set({ deletedAt: null, updatedAt: now, version: row.version + 1 }).where(eq(annotations.id, row.id)).returning());
    const together = await all(tx.select().from(links)
      .where(and(eq(links.deletedAt, row.deletedAt), or(eq(links.fromAnnotationId, row.id), eq(links.toAnnotationId, row.id)))));
    for (const link of together) await restoreLink(tx, actor, row.id, link, now);
    await recordEvent(tx, { projectId: row.projectId, actorId: actorId(actor), action: 'annotation.restore', entityType: 'annotation', entityId: row.id, before: row, after });
    return await viewOf(tx, body, after, user.name);
  });
}

async function restoreLink(tx: Tx, actor: Actor, annotationId: number, link: typeof links.$inferSelect, now: Date): Promise<void> {
  const otherId = link.fromAnnotationId === annotationId ? link.toAnnotationId : link.fromAnnotationId;
  const other = await first(tx.select({ deletedAt: annotations.deletedAt }).from(annotations).where(eq(annotations.id, otherId)));
  if (!other || other.deletedAt) return;
  const duplicate = await first(tx.select({ id: links.id }).from(links)
    .where(and(isNull(links.deletedAt), eq(links.authorId, link.authorId), eq(links.fromAnnotationId, link.fromAnnotationId), eq(links.toAnnotationId, link.toAnnotationId), eq(links.relation, link.relation))));
  if (duplicate) return;
  const after = await first(tx.update(links).set({ deletedAt: null, updatedAt: now, version: link.version + 1 }).where(eq(links.id, link.id)).returning());
  await recordEvent(tx, { projectId: link.projectId, actorId: actorId(actor), action: 'link.restore', entityType: 'link', entityId: link.id, before: link, after });
}
