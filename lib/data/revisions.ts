/**
 * Article revisions (issue 16): a lead posts a corrected text (or a re-import or a clean-up
 * brings one), every annotation is re-anchored onto it in the same transaction, and every
 * revision stays readable with the spans it had. Members read; leads write.
 */
import { and, asc, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction, type Tx } from '../db/client';
import { annotationAnchors, annotations, articleRevisions, users } from '../db/tables';
import { notFound } from '../errors';
import { MAX_TITLE, parseInput } from '../validation';
import { pageRequest, toPage, type Page } from '../pagination/cursor';
import type { StateCounts } from '../anchoring/reanchor';
import type { WebImportSummary } from './imports';
import { proposeCleanup, type Cleanup } from '../import/boilerplate';
import { normalizeArticleText, sha256Hex } from '../anchoring/normalize';
import type { AnnotationView, RevisionSource } from '../domain';
import { actorId, type Actor } from './actor';
import { importArticleSchema } from './articles';
import { readableArticle, toViews } from './annotationViews';
import { applyRevision, articleAtUrls, revisionMeta, type ReanchoringResult, type RevisionMeta } from './revisionApply';
import { all, first } from '../db/query';

export type { ReanchoringResult, RevisionMeta } from './revisionApply';

const dateOrTime = z
  .string()
  .trim()
  .max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), 'must be a date like 2025-04-25 or 2025-04-25T14:05:00Z')
  .nullish()
  .transform((v) => v ?? null);

const revisionSchema = z.strictObject({
  body: importArticleSchema.shape.body,
  title: z.string().trim().max(MAX_TITLE, `must be at most ${MAX_TITLE} characters`).nullish(),
  publishedAt: dateOrTime,
  modifiedAt: dateOrTime,
  note: z.string().trim().max(2000, 'must be at most 2,000 characters').optional().default(''),
  /** A lead's accepted clean-up (the "Clean up" view) says so; anything else is an API revision. */
  source: z.enum(['api', 'cleanup'], { message: 'must be "api" or "cleanup"' }).optional(),
});

export interface CreatedRevision {
  revision: RevisionMeta;
  reanchoring: ReanchoringResult;
}

/**
 * Posts a new revision of an article (leads: 'article.edit'). 409 when the text is the current
 * one; every live annotation is re-anchored in the same transaction (see revisionApply.ts).
 */
export async function createRevision({ actor, articleId, input, source = 'api' }: { actor: Actor; articleId: number; input: unknown; source?: Exclude<RevisionSource, 'import'> }): Promise<CreatedRevision> {
  await readableArticle(getDb(), actor, articleId, 'article.edit');
  const data = parseInput(revisionSchema, input);
  return await writeTransaction(async (tx) => {
    const { article } = await readableArticle(tx, actor, articleId, 'article.edit');
    return await applyRevision(tx, actorId(actor), article, { ...data, source: data.source ?? source });
  });
}

/** An article a re-import gave a new revision, with how its spans were re-anchored. */
export interface RevisedArticle {
  articleId: number;
  revision: number;
  title: string;
  /** The address it was matched by. */
  url: string | null;
  counts: StateCounts;
  flaggedLinks: number;
  flaggedQuotes: number;
  /** Annotations a native export carried for the new text: not imported (the article's own spans were re-anchored). */
  skippedAnnotations?: number;
  line?: number;
  /** For a web page: its metadata and what was removed, as for an imported one. */
  web?: WebImportSummary;
}

/** A re-import's line of the report, from the revision it made. */
export function revisedEntry(created: CreatedRevision, url: string | null | undefined, extra: Partial<RevisedArticle> = {}): RevisedArticle {
  const { revision, reanchoring } = created;
  return {
    articleId: revision.articleId, revision: revision.number, title: revision.title, url: url ?? null, counts: reanchoring.counts,
    flaggedLinks: reanchoring.flaggedLinks.length, flaggedQuotes: reanchoring.flaggedQuotes.length, ...extra,
  };
}

/** What a re-import of an address already in the project came to. */
export type Reimport =
  | { kind: 'revised'; created: CreatedRevision }
  /** The article at that address already has this text: a duplicate, nothing written. */
  | { kind: 'unchanged'; articleId: number; title: string };

/**
 * A re-import of an address already in the project (the draft's `url`, or the page's
 * canonical or final URL) with another text: a new revision (source `reimport`) of that
 * article instead of a second article, re-anchored like any revision. Runs inside the
 * caller's checked transaction; null when no article has that address (or another article
 * already has this text, which the caller reports as a duplicate).
 */
export async function reviseByUrl(tx: Tx, projectId: number, importerId: number | null, input: { urls: ReadonlyArray<string | null | undefined>; body: string; title?: string; publishedAt?: string | null; modifiedAt?: string | null; note?: string }): Promise<Reimport | null> {
  const article = await articleAtUrls(tx, projectId, input.urls);
  if (!article) return null;
  if (sha256Hex(normalizeArticleText(input.body)) === article.sha256) return { kind: 'unchanged', articleId: article.id, title: article.title };
  try {
    const created = await applyRevision(tx, importerId, article, {
      body: input.body, title: input.title || null, publishedAt: input.publishedAt ?? null, modifiedAt: input.modifiedAt ?? null, source: 'reimport',
      note: input.note ?? `re-import of ${input.urls.find(Boolean)}`,
    });
    return { kind: 'revised', created };
  } catch (error) {
    if ((error as { code?: string }).code === 'conflict') return null;
    throw error;
  }
}

/** The revisions of an article, oldest first, a page at a time (?cursor=&limit=). */
export async function listRevisions({ actor, articleId, query = {} }: { actor: Actor; articleId: number; query?: { cursor?: string | null; limit?: string | null } }): Promise<Page<RevisionMeta>> {
  const db = getDb();
  const { article } = await readableArticle(db, actor, articleId);
  const scope = { list: `revisions:${articleId}` };
  const page = pageRequest(scope, query, 1);
  const rows = await all(db.select().from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), page.after ? gt(articleRevisions.number, Number(page.after[0])) : undefined))
    .orderBy(asc(articleRevisions.number))
    .limit(page.limit + 1));
  return toPage(scope, rows, page.limit, (r) => [r.number], (r) => revisionMeta(r, article.currentRevision));
}

export interface RevisionReading {
  revision: RevisionMeta & { body: string };
  /** The live annotations as they were placed on this revision (offsets into its body). */
  annotations: AnnotationView[];
  currentRevision: number;
}

/** One revision with its body and the spans it holds; 404 for a number the article does not have. */
export async function readRevision({ actor, articleId, number }: { actor: Actor; articleId: number; number: number }): Promise<RevisionReading> {
  const db = getDb();
  const { article } = await readableArticle(db, actor, articleId);
  const row = await first(db.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number))));
  if (!row) throw notFound(`Revision ${number} of this article`);
  const live = and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt));
  const own = await all(db.select({ a: annotations, authorName: users.name }).from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(live, eq(annotations.revision, number))));
  const ownIds = new Set(own.map((r) => r.a.id));
  // Spans that have moved on to a later revision: where they were on this one.
  const anchored = (await all(db.select({ a: annotations, authorName: users.name, anchor: annotationAnchors }).from(annotationAnchors)
    .innerJoin(annotations, eq(annotations.id, annotationAnchors.annotationId))
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(live, eq(annotationAnchors.revision, number)))))
    .filter((r) => !ownIds.has(r.a.id) && r.anchor.start !== null && r.anchor.end !== null)
    .map(({ a, authorName, anchor }) => ({
      a: { ...a, start: anchor.start!, end: anchor.end!, exact: anchor.exact, revision: number, anchorState: anchor.state, anchorScore: anchor.score },
      authorName,
    }));
  const rows = [...own, ...anchored].sort((x, y) => x.a.start - y.a.start || x.a.end - y.a.end || x.a.id - y.a.id);
  const ids = rows.map((r) => r.a.id);
  return {
    revision: { ...revisionMeta(row, article.currentRevision), body: row.body },
    annotations: await toViews(db, row.body, rows, ids.length ? db.select({ id: annotations.id }).from(annotations).where(inArray(annotations.id, ids)) : undefined),
    currentRevision: article.currentRevision,
  };
}

/** How each annotation was placed on revision `number` (state and score of that re-anchoring), for the diff view. */
export async function anchorStatesOn({ actor, articleId, number }: { actor: Actor; articleId: number; number: number }) {
  const db = getDb();
  await readableArticle(db, actor, articleId);
  return await all(db.select({ annotationId: annotationAnchors.annotationId, state: annotationAnchors.state, score: annotationAnchors.score, start: annotationAnchors.start, end: annotationAnchors.end, exact: annotationAnchors.exact })
    .from(annotationAnchors)
    .innerJoin(annotations, eq(annotations.id, annotationAnchors.annotationId))
    .where(and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt), eq(annotationAnchors.revision, number))));
}

/**
 * What the reader needs for its revision bar: the revisions (up to 200), how many spans wait
 * in the re-anchoring queue, the revision to show (`requested` when it exists, else the
 * current one) and, for an old one, its text and spans.
 */
export async function readerRevisions({ actor, articleId, requested }: { actor: Actor; articleId: number; requested?: string }) {
  const db = getDb();
  const { article } = await readableArticle(db, actor, articleId);
  const revisions = (await listRevisions({ actor, articleId, query: { limit: '200' } })).items;
  const pending = (await first(db.select({ n: count() }).from(annotations).where(and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt), eq(annotations.anchorPending, true)))))?.n ?? 0;
  const asked = requested && /^\d{1,6}$/.test(requested) ? Number(requested) : article.currentRevision;
  const viewing = revisions.some((r) => r.number === asked) ? asked : article.currentRevision;
  const old = viewing === article.currentRevision ? null : await readRevision({ actor, articleId, number: viewing });
  return { revisions, pending, viewing, old };
}

export interface CleanupProposal extends Cleanup {
  /** The current text the removals refer to (offsets into it) and its revision. */
  body: string;
  revision: number;
}

/**
 * What the lead's "Clean up" view proposes to cut from the current text (leads: 'article.edit';
 * 403 for other members, 404 for others): boilerplate lines and repeated paragraphs, found by
 * lib/import/boilerplate.ts. Accepting is a createRevision with source 'cleanup'.
 */
export async function proposeArticleCleanup({ actor, articleId }: { actor: Actor; articleId: number }): Promise<CleanupProposal> {
  const { article } = await readableArticle(getDb(), actor, articleId, 'article.edit');
  return { ...proposeCleanup(article.body), body: article.body, revision: article.currentRevision };
}
