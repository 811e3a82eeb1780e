/**
 * The write half of a new article revision, inside the caller's checked transaction: store
 * the revision, re-anchor every live annotation of the current text (lib/anchoring/reanchor.ts),
 * send what moved, changed or was lost back to review, flag links and verbatim quotes, and
 * make the new text the article's body.
 */
import { archivedConflict } from './articleArchive';
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { annotationAnchors, annotations, articleRevisions, articles, links } from '../db/tables';
import { conflict } from '../errors';
import { normalizeArticleText, sha256Hex } from '../anchoring/normalize';
import { quoteSelector } from '../anchoring/quote';
import { countStates, reanchorSpans, type Reanchored, type StateCounts } from '../anchoring/reanchor';
import type { RevisionSource } from '../domain';
import { recordEvent } from './events';
import { reopenForVersion } from './reviewTargets';
import { scheduleSentenceIndex } from './sentenceIndex';
import { all, exec, first } from '../db/query';

type ArticleRow = typeof articles.$inferSelect;
type AnnotationRow = typeof annotations.$inferSelect;
export type RevisionRow = typeof articleRevisions.$inferSelect;
export type RevisionMeta = Omit<RevisionRow, 'body'> & { length: number; current: boolean };

export interface RevisionInput {
  body: string;
  title?: string | null;
  publishedAt?: string | null;
  modifiedAt?: string | null;
  note?: string;
  source: RevisionSource;
}

export interface ReanchoringResult {
  counts: StateCounts;
  annotations: Array<{ id: number; label: string } & Reanchored>;
  /** Links with an end that was edited, moved or orphaned: reopened for review. */
  flaggedLinks: number[];
  /** Verbatim quotes whose text changed. */
  flaggedQuotes: number[];
}

export function revisionMeta(row: RevisionRow, current: number): RevisionMeta {
  const { body, ...meta } = row;
  return { ...meta, length: body.length, current: row.number === current };
}

/** Links touching `annotationId` get a new version and go back to review (what they relate changed). */
async function flagLinks(tx: Tx, actorId: number | null, annotationId: number, revision: number): Promise<number[]> {
  const touching = await all(tx.select().from(links)
    .where(and(isNull(links.deletedAt), or(eq(links.fromAnnotationId, annotationId), eq(links.toAnnotationId, annotationId)))));
  const flagged: number[] = [];
  for (const link of touching) {
    const version = link.version + 1;
    await exec(tx.update(links).set({ version, substanceVersion: version, updatedAt: new Date() }).where(eq(links.id, link.id)));
    const status = await reopenForVersion(tx, { kind: 'link', id: link.id }, version);
    await recordEvent(tx, { projectId: link.projectId, actorId, action: 'link.reopen', entityType: 'link', entityId: link.id, before: link, after: { ...link, version, status, reason: `annotation ${annotationId} re-anchored on revision ${revision}` } });
    flagged.push(link.id);
  }
  return flagged;
}

function isVerbatimQuote(a: AnnotationRow): boolean {
  return a.label === 'quote' && (a.attributes as { quoteKind?: string } | null)?.quoteKind === 'verbatim';
}

/** Applies one re-anchoring result to its annotation; returns the links it flagged. */
async function applyOne(tx: Tx, actorId: number | null, a: AnnotationRow, r: Reanchored, body: string, revision: number): Promise<{ links: number[]; quote: boolean }> {
  const selector = r.state === 'orphaned' ? null : quoteSelector(body, r.start, r.end);
  await exec(tx.insert(annotationAnchors)
    .values({ annotationId: a.id, revision, start: selector ? r.start : null, end: selector ? r.end : null, exact: selector?.exact ?? a.exact, state: r.state, score: r.score })
    .onConflictDoNothing());
  const version = a.version + 1;
  const changed = r.state !== 'kept';
  const quote = changed && r.state !== 'moved' && isVerbatimQuote(a);
  const after = await first(tx.update(annotations)
    .set({
      ...(selector ? { start: r.start, end: r.end, ...selector, revision } : {}),
      anchorState: r.state,
      anchorScore: r.score,
      anchorPending: changed || a.anchorPending,
      ...(quote ? { anchorFlag: 'quote-changed' } : {}),
      version,
      ...(changed ? { substanceVersion: version } : {}),
      updatedAt: new Date(),
    })
    .where(eq(annotations.id, a.id))
    .returning());
  const status = changed ? await reopenForVersion(tx, { kind: 'annotation', id: a.id }, version) : after.status;
  await recordEvent(tx, { projectId: a.projectId, actorId, action: 'annotation.reanchor', entityType: 'annotation', entityId: a.id, before: a, after: { ...after, status, revisionNumber: revision } });
  return { links: changed ? await flagLinks(tx, actorId, a.id, revision) : [], quote };
}

/**
 * Stores `input` as the next revision of `article` and re-anchors. 409 when the text is the
 * current one, or another article of the project already has it.
 */
export async function applyRevision(tx: Tx, actorId: number | null, article: ArticleRow, input: RevisionInput): Promise<{ revision: RevisionMeta; reanchoring: ReanchoringResult }> {
  // A re-import of an archived article's address makes a new article instead (reviseByUrl).
  if (article.archivedAt) throw archivedConflict('correct it');
  const body = normalizeArticleText(input.body);
  const sha256 = sha256Hex(body);
  if (sha256 === article.sha256) throw conflict(`This text is identical to the current revision (${article.currentRevision}); nothing was changed.`, { currentRevision: article.currentRevision });
  const other = await first(tx.select({ id: articles.id }).from(articles)
    .where(and(eq(articles.projectId, article.projectId), eq(articles.sha256, sha256), ne(articles.id, article.id))));
  if (other) throw conflict(`This text is already in the project as article ${other.id}.`, { existingArticleId: other.id });
  const number = article.currentRevision + 1;
  const title = input.title ? input.title.normalize('NFC') : article.title;
  const revision = await first(tx.insert(articleRevisions)
    .values({
      articleId: article.id, projectId: article.projectId, number, body, sha256, source: input.source, note: input.note ?? '',
      title, publishedAt: input.publishedAt ?? article.publishedAt, modifiedAt: input.modifiedAt ?? null, createdBy: actorId,
    })
    .returning());
  const live = await all(tx.select().from(annotations)
    .where(and(eq(annotations.articleId, article.id), isNull(annotations.deletedAt), eq(annotations.revision, article.currentRevision))));
  // The revision left behind keeps every span where it was.
  for (const a of live) {
    await exec(tx.insert(annotationAnchors)
      .values({ annotationId: a.id, revision: article.currentRevision, start: a.start, end: a.end, exact: a.exact, state: a.anchorState, score: a.anchorScore })
      // Its author may have moved the span since it was re-anchored onto this revision.
      .onConflictDoUpdate({ target: [annotationAnchors.annotationId, annotationAnchors.revision], set: { start: a.start, end: a.end, exact: a.exact } }));
  }
  const results = reanchorSpans(article.body, body, live.map((a) => ({ start: a.start, end: a.end, prefix: a.prefix, suffix: a.suffix })));
  await exec(tx.update(articles)
    .set({ body, sha256, currentRevision: number, title, publishedAt: revision.publishedAt, updatedAt: new Date() })
    .where(eq(articles.id, article.id)));
  const flaggedLinks = new Set<number>();
  const flaggedQuotes: number[] = [];
  for (const [i, a] of live.entries()) {
    const applied = await applyOne(tx, actorId, a, results[i], body, number);
    applied.links.forEach((id) => flaggedLinks.add(id));
    if (applied.quote) flaggedQuotes.push(a.id);
  }
  const reanchoring: ReanchoringResult = {
    counts: countStates(results),
    annotations: live.map((a, i) => ({ id: a.id, label: a.label, ...results[i] })),
    flaggedLinks: [...flaggedLinks],
    flaggedQuotes,
  };
  await recordEvent(tx, {
    projectId: article.projectId, actorId, action: 'article.revise', entityType: 'article', entityId: article.id,
    before: { revision: article.currentRevision, sha256: article.sha256 },
    after: { revision: number, sha256, source: input.source, counts: reanchoring.counts, flaggedLinks: reanchoring.flaggedLinks, flaggedQuotes },
  });
  scheduleSentenceIndex(article.projectId);
  return { revision: revisionMeta(revision, number), reanchoring };
}

/**
 * The address forms a re-import compares, lower-cased: as given, and without a trailing slash
 * or fragment (https://x.test/a/ and https://x.test/a#top are the page https://x.test/a).
 */
export function urlForms(urls: ReadonlyArray<string | null | undefined>): string[] {
  const forms = new Set<string>();
  for (const url of urls) {
    if (!url) continue;
    const lower = url.trim().toLowerCase();
    const bare = lower.replace(/#.*$/, '').replace(/\/+$/, '');
    for (const form of [lower, bare, `${bare}/`]) if (form) forms.add(form);
  }
  return [...forms];
}

/**
 * The article of the project stored at any of `urls` (its URL or canonical URL), for a
 * re-import; null when none. Served by articles_project_url_idx on (project_id, lower(url)).
 */
export async function articleAtUrls(tx: Tx, projectId: number, urls: ReadonlyArray<string | null | undefined>): Promise<ArticleRow | null> {
  const forms = urlForms(urls);
  if (!forms.length) return null;
  return await first(tx.select().from(articles)
    .where(and(eq(articles.projectId, projectId), inArray(sql`lower(${articles.url})`, forms)))
    .orderBy(articles.id)) ?? null;
}
