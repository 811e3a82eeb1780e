/**
 * Claim verdicts. Reviewers propose a verdict for a claim with a rationale and the evidence
 * links it rests on (links that touch the claim); a lead sets the final one. A new proposal by
 * the same person replaces their earlier one; a new final verdict replaces the earlier final.
 */
import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction, type Tx } from '../db/client';
import { annotations, links, users, verdicts, VERDICTS } from '../db/tables';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { MAX_NOTE, parseInput } from '../validation';
import { can } from '../auth/can';
import { actorId, projectAccess, type Actor } from './actor';
import { refuseArchived } from './articleArchive';
import { recordEvent } from './events';
import { all, exec, first } from '../db/query';

export type VerdictRow = typeof verdicts.$inferSelect;

export { VERDICT_LABELS } from '../review/verdictLabels';

const verdictSchema = z.strictObject({
  verdict: z.enum(VERDICTS, { message: `must be one of ${VERDICTS.join(', ')}` }),
  rationale: z
    .string({ message: 'is required' })
    .trim()
    .min(1, 'say what the verdict rests on')
    .max(MAX_NOTE, `must be at most ${MAX_NOTE.toLocaleString('en')} characters`),
  evidenceLinkIds: z.array(z.number().int().positive()).max(100).optional().default([]),
});

async function loadClaim(tx: Tx, annotationId: number) {
  const claim = await first(tx.select().from(annotations).where(eq(annotations.id, annotationId)));
  if (!claim) throw notFound('Annotation');
  return claim;
}

/** Live links that touch the claim: the only admissible evidence. */
async function linksOfClaim(db: Tx | Awaited<ReturnType<typeof getDb>>, annotationId: number) {
  return await all(db
    .select({ id: links.id, relation: links.relation, fromAnnotationId: links.fromAnnotationId, toAnnotationId: links.toAnnotationId })
    .from(links)
    .where(and(isNull(links.deletedAt), or(eq(links.fromAnnotationId, annotationId), eq(links.toAnnotationId, annotationId)))));
}

async function writeVerdict(actor: Actor, annotationId: number, input: unknown, isFinal: boolean): Promise<VerdictRow> {
  const data = parseInput(verdictSchema, input);
  return await writeTransaction(async (tx) => {
    const claim = await loadClaim(tx, annotationId);
    const { user } = await projectAccess(tx, actor, claim.projectId, isFinal ? 'verdict.finalize' : 'verdict.propose', 'Annotation');
    if (!user) throw forbidden('Verdicts are signed by a person: the command-line operator cannot give one.');
    if (claim.label !== 'claim') throw badRequest('Only claims get a verdict; this annotation is a ' + claim.label + '.');
    if (claim.deletedAt) throw conflict('This claim was deleted, so it can no longer get a verdict.');
    await refuseArchived(tx, [claim.articleId], 'review');
    if (isFinal && claim.authorId === user.id) {
      throw forbidden('You cannot give the final verdict on your own claim: another lead settles it (see docs/review.md).');
    }
    const allowed = new Set((await linksOfClaim(tx, annotationId)).map((l) => l.id));
    const foreign = data.evidenceLinkIds.filter((id) => !allowed.has(id));
    if (foreign.length) throw badRequest(`evidenceLinkIds: link(s) ${foreign.join(', ')} do not touch this claim.`);
    const replaced = isFinal ? eq(verdicts.isFinal, true) : and(eq(verdicts.authorId, user.id), eq(verdicts.isFinal, false));
    await exec(tx.update(verdicts).set({ deletedAt: new Date() }).where(and(eq(verdicts.annotationId, annotationId), isNull(verdicts.deletedAt), replaced)));
    const row = await first(tx
      .insert(verdicts)
      .values({ projectId: claim.projectId, annotationId, authorId: user.id, verdict: data.verdict, rationale: data.rationale, evidenceLinkIds: [...new Set(data.evidenceLinkIds)], isFinal })
      .returning());
    await recordEvent(tx, { projectId: claim.projectId, actorId: actorId(actor), action: isFinal ? 'verdict.finalize' : 'verdict.propose', entityType: 'verdict', entityId: row.id, after: row });
    return row;
  });
}

/** A reviewer's (or lead's) proposed verdict for a claim; replaces their earlier proposal. */
export async function proposeVerdict({ actor, annotationId, input }: { actor: Actor; annotationId: number; input: unknown }): Promise<VerdictRow> {
  return await writeVerdict(actor, annotationId, input, false);
}

/**
 * The lead's final verdict for a claim; replaces an earlier final verdict. Like settling a
 * dispute, it is never given on one's own claim: no one settles their own item.
 */
export async function finalizeVerdict({ actor, annotationId, input }: { actor: Actor; annotationId: number; input: unknown }): Promise<VerdictRow> {
  return await writeVerdict(actor, annotationId, input, true);
}

/** The final verdict and the live proposals of a claim, with the links that may serve as evidence. */
export async function listVerdicts({ actor, annotationId }: { actor: Actor; annotationId: number }) {
  const db = getDb();
  const claim = await first(db.select().from(annotations).where(eq(annotations.id, annotationId)));
  if (!claim) throw notFound('Annotation');
  const { user, role } = await projectAccess(db, actor, claim.projectId, 'project.read', 'Annotation');
  const rows = (await all(db
    .select({ verdict: verdicts, authorName: users.name })
    .from(verdicts)
    .innerJoin(users, eq(users.id, verdicts.authorId))
    .where(and(eq(verdicts.annotationId, annotationId), isNull(verdicts.deletedAt)))
    .orderBy(desc(verdicts.id))))
    .map(({ verdict, authorName }) => ({ ...verdict, authorName }));
  const open = claim.label === 'claim' && !claim.deletedAt && !!user;
  return {
    final: rows.find((r) => r.isFinal) ?? null,
    proposals: rows.filter((r) => !r.isFinal),
    evidenceLinks: await linksOfClaim(db, annotationId),
    canPropose: open && can(role, 'verdict.propose'),
    canFinalize: open && can(role, 'verdict.finalize') && claim.authorId !== user?.id,
  };
}

/** The final verdict of every claim in a project that has one (for the claim board and exports). */
export async function finalVerdicts({ actor, projectId }: { actor: Actor; projectId: number }): Promise<Map<number, VerdictRow>> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  const rows = await all(db
    .select()
    .from(verdicts)
    .where(and(eq(verdicts.projectId, projectId), eq(verdicts.isFinal, true), isNull(verdicts.deletedAt)))
    .orderBy(asc(verdicts.id)));
  return new Map(rows.map((r) => [r.annotationId, r]));
}

/** Final verdicts of the given claims, for reads that already checked access. */
export async function finalVerdictsOf(annotationIds: number[]): Promise<Map<number, VerdictRow>> {
  if (annotationIds.length === 0) return new Map();
  const rows = await all(getDb()
    .select()
    .from(verdicts)
    .where(and(inArray(verdicts.annotationId, annotationIds), eq(verdicts.isFinal, true), isNull(verdicts.deletedAt))));
  return new Map(rows.map((r) => [r.annotationId, r]));
}
