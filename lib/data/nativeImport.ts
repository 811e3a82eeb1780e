/**
 * Writes a parsed native JSONL export into a project inside the caller's transaction:
 * articles, annotations, reviews, links and verdicts with fresh ids. Authors keep their
 * account when the same user (id and name) is a member of the project, otherwise the work is
 * attributed to the importing lead. Statuses are re-derived from the imported reviews; a review that would
 * become a self-review after that attribution is left out.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { annotations, links, memberships, reviews, users, verdicts } from '../db/schema';
import { unprocessable } from '../errors';
import { deriveStatus } from '../review/status';
import { importArticleSchema, insertArticle } from './articles';
import { recordEvent } from './events';
import type { NativeArticle, NativeReview } from '../import/native';

export interface NativeOutcome {
  imported: Array<{ articleId: number; title: string; length: number; annotations: number }>;
  duplicates: Array<{ title: string; existingArticleId: number; line: number }>;
  links: number;
  skippedLinks: number;
  reassignedAuthors: number;
}

const at = (iso: string | null) => (iso ? new Date(iso) : null);

/** Maps exported user ids to accounts in this project (see the module comment). */
function authorMapper(tx: Tx, projectId: number, importerId: number | null) {
  let fallback = importerId;
  if (fallback === null) {
    const lead = tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.projectId, projectId), eq(memberships.role, 'lead'))).orderBy(asc(memberships.createdAt)).get();
    fallback = lead?.userId ?? null;
  }
  const cache = new Map<number, number>();
  let reassigned = 0;
  const map = (person: { id: number; name: string }): number => {
    const known = cache.get(person.id);
    if (known !== undefined) return known;
    const member = tx.select({ id: users.id, name: users.name }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(and(eq(users.id, person.id), eq(memberships.projectId, projectId))).get();
    let id = member && member.name === person.name ? member.id : fallback;
    if (id === null) throw unprocessable('The import needs a project lead to attribute the annotations to.');
    if (id !== person.id) reassigned++;
    cache.set(person.id, id);
    return id;
  };
  return { map, reassigned: () => reassigned };
}

/** Reviews to keep: one whose reviewer maps to the item's author is dropped (no self-review). */
function reviewsToKeep(list: NativeReview[], authorId: number, mapUser: (p: { id: number; name: string }) => number): NativeReview[] {
  return list.filter((r) => mapUser(r.reviewer) !== authorId);
}

function insertReviews(tx: Tx, projectId: number, target: { annotationId: number } | { linkId: number }, list: NativeReview[], mapUser: (p: { id: number; name: string }) => number): void {
  for (const r of list) {
    tx.insert(reviews).values({ projectId, ...target, reviewerId: mapUser(r.reviewer), decision: r.decision, reason: r.reason, isFinal: r.isFinal, targetVersion: r.targetVersion, createdAt: new Date(r.createdAt), supersededAt: at(r.supersededAt) }).run();
  }
}

const statusOf = (list: NativeReview[]) => deriveStatus(list.map((r) => ({ ...r, supersededAt: at(r.supersededAt) })));

function insertOne(tx: Tx, projectId: number, importerId: number | null, source: NativeArticle, ids: Map<number, number>, mapUser: (p: { id: number; name: string }) => number) {
  const meta = importArticleSchema.parse({ title: source.title, body: source.body, outlet: source.outlet, url: source.url, author: source.author, publishedAt: source.publishedAt });
  const article = insertArticle(tx, projectId, importerId, meta);
  for (const a of source.annotations) {
    const authorId = mapUser(a.author);
    const kept = reviewsToKeep(a.reviews, authorId, mapUser);
    const row = tx.insert(annotations).values({ projectId, articleId: article.id, authorId, label: a.label, start: a.start, end: a.end, exact: a.exact, prefix: a.prefix, suffix: a.suffix, note: a.note, attributes: a.attributes, status: statusOf(kept), version: a.version, createdAt: new Date(a.createdAt), updatedAt: new Date(a.updatedAt) }).returning({ id: annotations.id }).get();
    ids.set(a.id, row.id);
    insertReviews(tx, projectId, { annotationId: row.id }, kept, mapUser);
  }
  recordEvent(tx, { projectId, actorId: importerId, action: 'article.import', entityType: 'article', entityId: article.id, after: { title: article.title, sha256: article.sha256, annotations: source.annotations.length, source: 'native-jsonl' } });
  return article;
}

function insertLinks(tx: Tx, projectId: number, sources: NativeArticle[], ids: Map<number, number>, mapUser: (p: { id: number; name: string }) => number) {
  const linkIds = new Map<number, number>();
  let skipped = 0;
  for (const l of sources.flatMap((s) => s.links)) {
    const a = ids.get(l.fromAnnotationId);
    const b = ids.get(l.toAnnotationId);
    if (a === undefined || b === undefined) {
      skipped++;
      continue;
    }
    const authorId = mapUser(l.author);
    const kept = reviewsToKeep(l.reviews, authorId, mapUser);
    const row = tx.insert(links).values({ projectId, fromAnnotationId: Math.min(a, b), toAnnotationId: Math.max(a, b), relation: l.relation, note: l.note, authorId, status: statusOf(kept), version: l.version, createdAt: new Date(l.createdAt), updatedAt: new Date(l.updatedAt) }).returning({ id: links.id }).get();
    linkIds.set(l.id, row.id);
    insertReviews(tx, projectId, { linkId: row.id }, kept, mapUser);
  }
  return { linkIds, skipped };
}

function insertVerdicts(tx: Tx, projectId: number, sources: NativeArticle[], ids: Map<number, number>, linkIds: Map<number, number>, mapUser: (p: { id: number; name: string }) => number) {
  for (const a of sources.flatMap((s) => s.annotations)) {
    const annotationId = ids.get(a.id);
    if (annotationId === undefined) continue;
    for (const v of a.verdicts) {
      const evidence = v.evidenceLinkIds.map((id) => linkIds.get(id)).filter((id): id is number => id !== undefined);
      tx.insert(verdicts).values({ projectId, annotationId, authorId: mapUser(v.author), verdict: v.verdict, rationale: v.rationale, evidenceLinkIds: evidence, isFinal: v.isFinal, createdAt: new Date(v.createdAt) }).run();
    }
  }
}

/** Imports native export lines; a text already in the project is reported and skipped. */
export function importNative(tx: Tx, projectId: number, importerId: number | null, lines: Array<{ article: NativeArticle; line: number }>): NativeOutcome {
  const mapper = authorMapper(tx, projectId, importerId);
  const ids = new Map<number, number>();
  const outcome: NativeOutcome = { imported: [], duplicates: [], links: 0, skippedLinks: 0, reassignedAuthors: 0 };
  const written: NativeArticle[] = [];
  for (const { article, line } of lines) {
    try {
      const row = insertOne(tx, projectId, importerId, article, ids, mapper.map);
      outcome.imported.push({ articleId: row.id, title: row.title, length: row.body.length, annotations: article.annotations.length });
      written.push(article);
    } catch (error) {
      const existing = (error as { details?: { existingArticleId?: number } }).details?.existingArticleId;
      if (!existing) throw error;
      outcome.duplicates.push({ title: article.title, existingArticleId: existing, line });
    }
  }
  const { linkIds, skipped } = insertLinks(tx, projectId, lines.map((l) => l.article), ids, mapper.map);
  insertVerdicts(tx, projectId, written, ids, linkIds, mapper.map);
  outcome.links = linkIds.size;
  outcome.skippedLinks = skipped;
  outcome.reassignedAuthors = mapper.reassigned();
  return outcome;
}
