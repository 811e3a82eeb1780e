/** Articles of a project: listing with counts, reading, importing (leads) and metadata edits. */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction, type Tx } from '../db/client';
import { articles, articleStats } from '../db/tables';
import { AppError, conflict, notFound } from '../errors';
import { MAX_BODY_BYTES, MAX_TITLE, parseInput } from '../validation';
import { normalizeArticleText, sha256Hex } from '../anchoring/normalize';
import { actorId, projectAccess, type Actor } from './actor';
import { recordEvent } from './events';
import { scheduleSentenceIndex } from './sentenceIndex';
import { all, first } from '../db/query';

export type ArticleRow = typeof articles.$inferSelect;
export type ArticleMeta = Omit<ArticleRow, 'body'> & { length: number };

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-04-25')
  // Date.parse rolls 2025-02-30 over to March 2; a real date survives the round trip.
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a real date')
  .nullish()
  .transform((v) => v ?? null);

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), 'must be an http(s) address')
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v || null);

const metadataFields = {
  title: z.string().trim().max(MAX_TITLE, `must be at most ${MAX_TITLE} characters`),
  outlet: optionalText(200),
  url: httpUrl,
  author: optionalText(300),
  publishedAt: isoDate,
};

export const importArticleSchema = z.strictObject({
  ...metadataFields,
  title: metadataFields.title.optional().default(''),
  body: z
    .string({ message: 'is required' })
    .refine((b) => Buffer.byteLength(b, 'utf8') <= MAX_BODY_BYTES, 'is larger than 2 MB')
    // Invisible format characters (zero-width space, joiners, BOM) alone are no article either.
    .refine((b) => /[^\s\p{Cf}]/u.test(b), 'is empty'),
});
export type ImportArticleInput = z.input<typeof importArticleSchema>;

const updateMetadataSchema = z.strictObject(metadataFields).partial();

function toMeta(row: ArticleRow): ArticleMeta {
  const { body, ...meta } = row;
  return { ...meta, length: body.length };
}

/**
 * Every article of a project with per-label counts of live annotations, in import order. The
 * counts are the article_stats counters (kept by triggers), so nothing is counted here. The
 * project page pages through them with listArticlesPage (lib/data/articleList.ts).
 */
export async function listArticles({ actor, projectId }: { actor: Actor; projectId: number }) {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'project.read');
  const rows = await all(db
    .select({
      id: articles.id,
      projectId: articles.projectId,
      title: articles.title,
      outlet: articles.outlet,
      url: articles.url,
      author: articles.author,
      publishedAt: articles.publishedAt,
      sha256: articles.sha256,
      importedAt: articles.importedAt,
      length: articleStats.bodyLength,
      claim: articleStats.claimCount,
      quote: articleStats.quoteCount,
      context: articleStats.contextCount,
      total: articleStats.annotationCount,
    })
    .from(articles)
    .innerJoin(articleStats, eq(articleStats.articleId, articles.id))
    .where(eq(articles.projectId, projectId))
    .orderBy(asc(articles.id)));
  return rows.map(({ claim, quote, context, total, ...row }) => ({ ...row, annotationCounts: { claim, quote, context, total } }));
}

/** One article with its body; 404 unless the actor is a member of its project. */
export async function getArticle({ actor, articleId }: { actor: Actor; articleId: number }) {
  const db = getDb();
  const article = await first(db.select().from(articles).where(eq(articles.id, articleId)));
  if (!article) throw notFound('Article');
  const access = await projectAccess(db, actor, article.projectId, 'project.read', 'Article');
  return { article, role: access.role, project: access.project };
}

/**
 * Inserts one normalized article inside `tx`, with its sentences indexed for link
 * suggestions. An identical text already in the project is reported as a 409 naming the
 * existing article instead of being stored twice.
 */
export async function insertArticle(tx: Tx, projectId: number, importedBy: number | null, input: z.output<typeof importArticleSchema>): Promise<ArticleRow> {
  const body = normalizeArticleText(input.body);
  const sha256 = sha256Hex(body);
  const existing = await first(tx
    .select({ id: articles.id, title: articles.title })
    .from(articles)
    .where(and(eq(articles.projectId, projectId), eq(articles.sha256, sha256))));
  if (existing) {
    throw conflict(`This text is already in the project as article ${existing.id} ("${existing.title || 'untitled'}").`, {
      existingArticleId: existing.id,
    });
  }
  const { body: _raw, ...meta } = input;
  const row = await first(tx
    .insert(articles)
    .values({ ...meta, title: meta.title.normalize('NFC'), projectId, body, sha256, importedBy })
    .returning());
  // Indexed in the background once this transaction has committed (lib/data/sentenceIndex.ts).
  scheduleSentenceIndex(projectId);
  return row;
}

/** Imports one article into a project (leads). */
export async function importArticle({ actor, projectId, input }: { actor: Actor; projectId: number; input: unknown }): Promise<ArticleMeta> {
  await projectAccess(getDb(), actor, projectId, 'article.import');
  const data = parseInput(importArticleSchema, input);
  return await writeTransaction(async (tx) => {
    const { user } = await projectAccess(tx, actor, projectId, 'article.import');
    const row = await insertArticle(tx, projectId, user?.id ?? null, data);
    await recordEvent(tx, { projectId, actorId: actorId(actor), action: 'article.import', entityType: 'article', entityId: row.id, after: toMeta(row) });
    return toMeta(row);
  });
}

/** Edits title, outlet, URL, author or date (leads). The body never changes. */
export async function updateArticleMetadata({ actor, articleId, input }: { actor: Actor; articleId: number; input: unknown }): Promise<ArticleMeta> {
  const data = parseInput(updateMetadataSchema, input);
  if (Object.keys(data).length === 0) throw new AppError('bad_request', 'Nothing to change: give at least one field.');
  return await writeTransaction(async (tx) => {
    const before = await first(tx.select().from(articles).where(eq(articles.id, articleId)));
    if (!before) throw notFound('Article');
    await projectAccess(tx, actor, before.projectId, 'article.edit', 'Article');
    const after = await first(tx
      .update(articles)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(articles.id, articleId))
      .returning());
    await recordEvent(tx, { projectId: before.projectId, actorId: actorId(actor), action: 'article.update', entityType: 'article', entityId: articleId, before: toMeta(before), after: toMeta(after) });
    return toMeta(after);
  });
}
