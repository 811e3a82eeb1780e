/**
 * A project's publishing settings for ClaimReview: the organization that signs the
 * fact-checks (name, address, logo) and the public address of each fact-check, as a pattern
 * with {claimId}. Search engines only show a ClaimReview that names a publisher and lives at
 * a public URL, so an export without them would be unpublishable; leads set them once here.
 * Any member may read them (they end up in public markup); only leads change them.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction, type Tx } from '../db/client';
import { annotations, publishingSettings } from '../db/tables';
import { unprocessable } from '../errors';
import type { PublishingSettings } from '../export/types';
import { parseInput } from '../validation';
import { actorId, projectAccess, type Actor } from './actor';
import { recordEvent } from './events';
import { all, exec, first } from '../db/query';

/** The placeholders a fact-check URL pattern may hold; {claimId} is required. */
export const URL_PLACEHOLDERS = ['{claimId}', '{articleId}', '{project}'] as const;

const publicUrl = (what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(2000)
    .refine((v) => /^https?:\/\/[^\s/?#]+\.[^\s]*$/i.test(v) && URL.canParse(v), `${what} must be a public http(s) address such as https://desk.example/`);

/** What a lead submits; every field is checked, unknown ones are refused. */
export const publishingInputSchema = z.strictObject({
  organizationName: z.string({ message: 'the organization name is required' }).trim().min(1, 'the organization name is required').max(200),
  organizationUrl: publicUrl('the organization address'),
  logoUrl: z.union([publicUrl('the logo address'), z.literal('').transform(() => null), z.null()]).optional().transform((v) => v ?? null),
  factCheckUrlPattern: publicUrl('the fact-check address pattern')
    .refine((v) => v.includes('{claimId}'), 'the fact-check address pattern must contain {claimId}, so every claim gets its own address')
    .refine((v) => (v.match(/\{[^}]*\}/g) ?? []).every((p) => (URL_PLACEHOLDERS as readonly string[]).includes(p)), `the fact-check address pattern may only use ${URL_PLACEHOLDERS.join(', ')}`)
    .refine((v) => URL.canParse(fillPattern(v, { claimId: 1, articleId: 1, project: 'p' })), 'the fact-check address pattern does not make a valid address'),
  /** Claims whose fact-check lives elsewhere than the pattern says: claim id -> address. */
  claimUrls: z
    .record(z.string(), publicUrl('a claim\'s fact-check address'))
    .refine((urls) => Object.keys(urls).every((id) => /^[1-9]\d{0,14}$/.test(id)), 'claim ids must be numbers')
    .optional()
    .default({}),
});

/** 422 unless every id is a live claim of the project (an address for anything else would never be used). */
async function checkClaims(tx: Tx, projectId: number, claimUrls: Record<string, string>): Promise<void> {
  const ids = Object.keys(claimUrls).map(Number);
  if (!ids.length) return;
  const found = new Set(
    (await all(tx.select({ id: annotations.id }).from(annotations)
      .where(and(eq(annotations.projectId, projectId), eq(annotations.label, 'claim'), isNull(annotations.deletedAt), inArray(annotations.id, ids))))).map((r) => r.id),
  );
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length) throw unprocessable(`No claim ${unknown.join(', ')} in this project: per-claim addresses need the id of a claim of this project.`, { claims: unknown });
}

/** The pattern with one claim's values filled in, percent-encoded as a URL. */
export function fillPattern(pattern: string, values: { claimId: number; articleId: number; project: string }): string {
  return pattern
    .replaceAll('{claimId}', String(values.claimId))
    .replaceAll('{articleId}', String(values.articleId))
    .replaceAll('{project}', encodeURIComponent(values.project));
}

function toSettings(row: typeof publishingSettings.$inferSelect): PublishingSettings {
  return { organizationName: row.organizationName, organizationUrl: row.organizationUrl, logoUrl: row.logoUrl, factCheckUrlPattern: row.factCheckUrlPattern, claimUrls: row.claimUrls };
}

/** The project's settings, or null when a lead has not set them yet (members only). */
export async function getPublishingSettings({ actor, projectId }: { actor: Actor; projectId: number }): Promise<PublishingSettings | null> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  const row = await first(db.select().from(publishingSettings).where(eq(publishingSettings.projectId, projectId)));
  return row ? toSettings(row) : null;
}

/** Saves the settings (leads only), with an audit event of before and after, in one transaction. */
export async function updatePublishingSettings({ actor, projectId, input }: { actor: Actor; projectId: number; input: unknown }): Promise<PublishingSettings> {
  await projectAccess(getDb(), actor, projectId, 'project.export');
  const values = parseInput(publishingInputSchema, input, 'unprocessable');
  return await writeTransaction(async (tx) => {
    await projectAccess(tx, actor, projectId, 'project.export');
    await checkClaims(tx, projectId, values.claimUrls);
    const before = await first(tx.select().from(publishingSettings).where(eq(publishingSettings.projectId, projectId)));
    const row = { ...values, updatedBy: actorId(actor), updatedAt: new Date() };
    await exec(tx.insert(publishingSettings).values({ projectId, ...row }).onConflictDoUpdate({ target: publishingSettings.projectId, set: row }));
    const after: PublishingSettings = { ...values };
    await recordChange(tx, projectId, actor, before ? toSettings(before) : null, after);
    return after;
  });
}

async function recordChange(tx: Tx, projectId: number, actor: Actor, before: PublishingSettings | null, after: PublishingSettings) {
  await recordEvent(tx, { projectId, actorId: actorId(actor), action: 'project.publishing', entityType: 'project', entityId: projectId, before, after });
}

/**
 * The settings a ClaimReview export needs, read with the export's access check already done;
 * 422 naming what is missing and where a lead sets it, so the export never starts without them.
 */
export async function requirePublishingSettings(projectId: number): Promise<PublishingSettings> {
  const row = await first(getDb().select().from(publishingSettings).where(eq(publishingSettings.projectId, projectId)));
  if (!row) {
    throw unprocessable(
      `ClaimReview needs the project's publishing settings: the organization that publishes the fact-checks (name, address, logo) and the public address of each fact-check (a pattern with {claimId}). A lead sets them under Members → Publishing settings (/projects/${projectId}/settings).`,
      { missing: ['organizationName', 'organizationUrl', 'factCheckUrlPattern'] },
    );
  }
  return toSettings(row);
}
