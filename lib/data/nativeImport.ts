/**
 * Writes a parsed native JSONL export into a project inside the caller's transaction:
 * articles, annotations, reviews, links and verdicts with fresh ids.
 *
 * Who did the work is only taken from a line this server signed (lib/export/signature.ts):
 * there, authors keep their account when the same user (id and name) is a member of the
 * project, otherwise the work is attributed to the importing lead, and a review that would
 * become a self-review after that is left out. A line that is unsigned or does not verify
 * (edited, or from another server) could name anyone, so all of its work is credited to the
 * importer and none of its reviews is imported (they would be forged, or self-reviews); the
 * names it gave are kept as provenance in the `article.import` event. Nor does such a line
 * set any field the server owns: versions start at 1, times are now, prefix and suffix are
 * recomputed from the stored body, attributes pass the API's rules (no `verdict`), and its
 * verdicts are not imported (a final verdict only comes from a lead, here and now). The
 * command-line operator (importer null) restores like a backup: every line is treated as
 * signed. Statuses are re-derived from the reviews that were kept.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { annotations, links, memberships, reviews, users, verdicts } from '../db/tables';
import { unprocessable } from '../errors';
import { deriveStatus } from '../review/status';
import { quoteSelector } from '../anchoring/quote';
import { parseAttributes } from './annotations';
import { importArticleSchema, insertArticle } from './articles';
import { recordEvent } from './events';
import { revisedEntry, reviseByUrl, type RevisedArticle } from './revisions';
import type { NativeArticle, NativeReview } from '../import/native';
import { exec, first } from '../db/query';

export interface NativeOutcome {
  /** `unverified` marks an article whose line was not signed by this server. */
  imported: Array<{ articleId: number; title: string; length: number; annotations: number; unverified?: true }>;
  duplicates: Array<{ title: string; existingArticleId: number; line: number; unchanged?: boolean }>;
  /** Lines at the URL of an article already in the project with another text: its next revision. */
  revised: RevisedArticle[];
  links: number;
  skippedLinks: number;
  reassignedAuthors: number;
  /** Imported articles whose line was not signed by this server: credited to the importer. */
  unverifiedLines: number;
  /** Reviews left out: all of an unverified line's, and those that would be self-reviews. */
  droppedReviews: number;
  /** Verdicts left out: all of an unverified line's. */
  droppedVerdicts: number;
}

type Person = { id: number; name: string };
type MapUser = (person: Person) => Promise<number>;

/** How one line's work is attributed: to its own people (trusted) or all to the importer. */
interface LineRule {
  trusted: boolean;
  mapUser: MapUser;
}

const at = (iso: string | null) => (iso ? new Date(iso) : null);

/** What a line may set of the fields the server owns: all of them when signed, none otherwise. */
function history(rule: LineRule, item: { version: number; createdAt: string; updatedAt: string }) {
  return rule.trusted ? { version: item.version, createdAt: new Date(item.createdAt), updatedAt: new Date(item.updatedAt) } : {};
}

/** Span text and attributes: kept from a signed line, recomputed and checked for any other. */
function spanFields(rule: LineRule, body: string, a: NativeArticle['annotations'][number]) {
  if (rule.trusted) return { exact: a.exact, prefix: a.prefix, suffix: a.suffix, attributes: a.attributes };
  const { verdict: _verdict, ...attributes } = a.attributes;
  return { ...quoteSelector(body, a.start, a.end), attributes: parseAttributes(a.label, attributes) };
}
const MAX_PROVENANCE_NAMES = 100;

/** Maps exported user ids to accounts in this project (see the module comment). */
async function authorMapper(tx: Tx, projectId: number, importerId: number | null) {
  let fallback = importerId;
  if (fallback === null) {
    const lead = await first(tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.projectId, projectId), eq(memberships.role, 'lead'))).orderBy(asc(memberships.createdAt)));
    fallback = lead?.userId ?? null;
  }
  const cache = new Map<number, number>();
  let reassigned = 0;
  const map = async (person: Person): Promise<number> => {
    const known = cache.get(person.id);
    if (known !== undefined) return known;
    const member = await first(tx.select({ id: users.id, name: users.name }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(and(eq(users.id, person.id), eq(memberships.projectId, projectId))));
    const id = member && member.name === person.name ? member.id : fallback;
    if (id === null) throw unprocessable('The import needs a project lead to attribute the annotations to.');
    if (id !== person.id) reassigned++;
    cache.set(person.id, id);
    return id;
  };
  return { map, reassigned: () => reassigned };
}

/** The rule for one line: signed by this server (or restored by the operator) or not. */
function ruleFor(article: NativeArticle, importerId: number | null, map: MapUser): LineRule {
  if (importerId === null || article.signed === 'verified') return { trusted: true, mapUser: map };
  return { trusted: false, mapUser: async () => importerId };
}

/** Everyone an unverified line names, for the audit trail (bounded: the file is untrusted). */
function namesIn(article: NativeArticle): string[] {
  const names = new Set<string>();
  for (const a of article.annotations) {
    names.add(a.author.name);
    for (const r of a.reviews) names.add(r.reviewer.name);
    for (const v of a.verdicts) names.add(v.author.name);
  }
  for (const l of article.links) {
    names.add(l.author.name);
    for (const r of l.reviews) names.add(r.reviewer.name);
  }
  return [...names].slice(0, MAX_PROVENANCE_NAMES).map((name) => name.slice(0, 200));
}

/** The reviews of an item that may be kept (see the module comment); counts the others. */
async function keptReviews(list: NativeReview[], authorId: number, rule: LineRule, outcome: NativeOutcome): Promise<NativeReview[]> {
  const kept: NativeReview[] = [];
  if (rule.trusted) for (const r of list) if ((await rule.mapUser(r.reviewer)) !== authorId) kept.push(r);
  outcome.droppedReviews += list.length - kept.length;
  return kept;
}

async function insertReviews(tx: Tx, projectId: number, target: { annotationId: number } | { linkId: number }, list: NativeReview[], mapUser: MapUser): Promise<void> {
  for (const r of list) {
    await exec(tx.insert(reviews).values({ projectId, ...target, reviewerId: await mapUser(r.reviewer), decision: r.decision, reason: r.reason, isFinal: r.isFinal, targetVersion: r.targetVersion, createdAt: new Date(r.createdAt), supersededAt: at(r.supersededAt) }));
  }
}

const statusOf = (list: NativeReview[]) => deriveStatus(list.map((r) => ({ ...r, supersededAt: at(r.supersededAt) })));

async function insertOne(tx: Tx, projectId: number, importerId: number | null, source: NativeArticle, rule: LineRule, ids: Map<number, number>, outcome: NativeOutcome) {
  const meta = importArticleSchema.parse({ title: source.title, body: source.body, outlet: source.outlet, url: source.url, author: source.author, publishedAt: source.publishedAt });
  const article = await insertArticle(tx, projectId, importerId, meta);
  for (const a of source.annotations) {
    const authorId = await rule.mapUser(a.author);
    const kept = await keptReviews(a.reviews, authorId, rule, outcome);
    const row = await first(tx.insert(annotations).values({ projectId, articleId: article.id, authorId, label: a.label, start: a.start, end: a.end, ...spanFields(rule, article.body, a), note: a.note, status: statusOf(kept), ...history(rule, a) }).returning({ id: annotations.id }));
    ids.set(a.id, row.id);
    await insertReviews(tx, projectId, { annotationId: row.id }, kept, rule.mapUser);
  }
  const provenance = rule.trusted ? {} : { unverifiedAuthors: namesIn(source) };
  await recordEvent(tx, { projectId, actorId: importerId, action: 'article.import', entityType: 'article', entityId: article.id, after: { title: article.title, sha256: article.sha256, annotations: source.annotations.length, source: 'native-jsonl', signature: source.signed, ...provenance } });
  return article;
}

async function insertLinks(tx: Tx, projectId: number, sources: NativeArticle[], ids: Map<number, number>, ruleOf: (a: NativeArticle) => LineRule, outcome: NativeOutcome) {
  const linkIds = new Map<number, number>();
  for (const source of sources) {
    const rule = ruleOf(source);
    for (const l of source.links) {
      const a = ids.get(l.fromAnnotationId);
      const b = ids.get(l.toAnnotationId);
      if (a === undefined || b === undefined) {
        outcome.skippedLinks++;
        continue;
      }
      const authorId = await rule.mapUser(l.author);
      const kept = await keptReviews(l.reviews, authorId, rule, outcome);
      const row = await first(tx.insert(links).values({ projectId, fromAnnotationId: Math.min(a, b), toAnnotationId: Math.max(a, b), relation: l.relation, note: l.note, authorId, status: statusOf(kept), ...history(rule, l) }).returning({ id: links.id }));
      linkIds.set(l.id, row.id);
      await insertReviews(tx, projectId, { linkId: row.id }, kept, rule.mapUser);
    }
  }
  outcome.links = linkIds.size;
  return linkIds;
}

async function insertVerdicts(tx: Tx, projectId: number, sources: NativeArticle[], ids: Map<number, number>, linkIds: Map<number, number>, ruleOf: (a: NativeArticle) => LineRule, outcome: NativeOutcome) {
  for (const source of sources) {
    const rule = ruleOf(source);
    if (!rule.trusted) {
      outcome.droppedVerdicts += source.annotations.reduce((n, a) => n + a.verdicts.length, 0);
      continue;
    }
    for (const a of source.annotations) {
      const annotationId = ids.get(a.id);
      if (annotationId === undefined) continue;
      for (const v of a.verdicts) {
        const evidence = v.evidenceLinkIds.map((id) => linkIds.get(id)).filter((id): id is number => id !== undefined);
        await exec(tx.insert(verdicts).values({ projectId, annotationId, authorId: await rule.mapUser(v.author), verdict: v.verdict, rationale: v.rationale, evidenceLinkIds: evidence, isFinal: v.isFinal, createdAt: new Date(v.createdAt) }));
      }
    }
  }
}

/** Imports native export lines; a text already in the project is reported and skipped. */
export async function importNative(tx: Tx, projectId: number, importerId: number | null, lines: Array<{ article: NativeArticle; line: number }>): Promise<NativeOutcome> {
  const mapper = await authorMapper(tx, projectId, importerId);
  const ruleOf = (article: NativeArticle) => ruleFor(article, importerId, mapper.map);
  const ids = new Map<number, number>();
  const outcome: NativeOutcome = { imported: [], duplicates: [], revised: [], links: 0, skippedLinks: 0, reassignedAuthors: 0, unverifiedLines: 0, droppedReviews: 0, droppedVerdicts: 0 };
  const written: NativeArticle[] = [];
  for (const { article, line } of lines) {
    const rule = ruleOf(article);
    // The article at this URL is revised in place; its own spans are re-anchored, so the line's
    // annotations (placed on the new text by someone else) are not added on top of them.
    const again = await reviseByUrl(tx, projectId, importerId, { urls: [article.url], body: article.body, title: article.title, publishedAt: article.publishedAt });
    if (again?.kind === 'unchanged') {
      outcome.duplicates.push({ title: article.title, existingArticleId: again.articleId, line, unchanged: true });
      continue;
    }
    if (again) {
      outcome.revised.push(revisedEntry(again.created, article.url, { line, skippedAnnotations: article.annotations.length }));
      continue;
    }
    try {
      const row = await insertOne(tx, projectId, importerId, article, rule, ids, outcome);
      outcome.imported.push({ articleId: row.id, title: row.title, length: row.body.length, annotations: article.annotations.length, ...(rule.trusted ? {} : { unverified: true as const }) });
      if (!rule.trusted) outcome.unverifiedLines++;
      written.push(article);
    } catch (error) {
      const existing = (error as { details?: { existingArticleId?: number } }).details?.existingArticleId;
      if (!existing) throw error;
      outcome.duplicates.push({ title: article.title, existingArticleId: existing, line });
    }
  }
  const linkIds = await insertLinks(tx, projectId, lines.map((l) => l.article), ids, ruleOf, outcome);
  await insertVerdicts(tx, projectId, written, ids, linkIds, ruleOf, outcome);
  outcome.reassignedAuthors = mapper.reassigned();
  return outcome;
}
