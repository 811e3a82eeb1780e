/**
 * An archived article is out of everything (issue 14, item 8): the articles list, the claim
 * board, the review queue and its counts, disputes, exports, link suggestions, agreement, the
 * inbox and the W3C container; annotating, linking, reviewing or commenting in it is a 409
 * that writes nothing, and so is a corrected text. Each read is checked before archiving too, so the test can fail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { annotations, events, links } from '@/lib/db/tables';
import type { Actor } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { archiveArticle, restoreArticle } from '@/lib/data/articleArchive';
import { listArticlesPage, listArticleOutlets } from '@/lib/data/articleList';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { createLink, createLinkToSentence, deleteLink, suggestions } from '@/lib/data/links';
import { claimBoard } from '@/lib/data/claimBoard';
import { disputedItems, reviewAnnotation, reviewLink, reviewQueue, settle } from '@/lib/data/reviews';
import { addComment } from '@/lib/data/comments';
import { proposeVerdict } from '@/lib/data/verdicts';
import { createRevision } from '@/lib/data/revisions';
import { projectAgreement } from '@/lib/data/agreement';
import { listInbox } from '@/lib/data/inbox';
import { readW3cContainer, readW3cItem } from '@/lib/data/w3cContainer';
import { exportText } from '../export/collect';
import { appError, makeProject, makeUser } from '../helpers';
import { first } from '@/lib/db/query';

const KEPT = 'Kyiv • UNN. President Zelenskyy said Ukraine will never recognise the occupied territories as Russian, whatever the talks bring. 🇺🇦';
const GONE = 'Tashkent. This was reported by Zamin.uz. Zelenskyy says Ukraine will never recognise occupied territories as Russian — «никогда». This was reported by Zamin.uz.';
const span = (body: string, text: string) => ({ start: body.indexOf(text), end: body.indexOf(text) + text.length });

let lead: Actor;
let ana: Actor;
let bo: Actor;
let projectId: number;
let kept: number;
let gone: number;
let keptClaim: number;
let goneClaim: number;
let goneQuote: number;
let link: number;
let anaVersion: number;

const eventCount = async () => (await first(getDb().select({ n: count() }).from(events).where(eq(events.projectId, projectId))))!.n;

async function boardStatements(actor: Actor) {
  const board = await claimBoard({ actor, projectId });
  const ids = board.items.flatMap((c) => [c.claim.annotationId, ...c.cells.flatMap((cell) => cell.statements.map((s) => s.annotationId))]);
  return { ids: new Set(ids), outlets: board.outlets.map((o) => o.name), totals: board.totals };
}

beforeAll(async () => {
  const l = await makeUser({ name: 'Olena Lead' });
  const a = await makeUser({ name: 'Ana Reviewer' });
  const b = await makeUser({ name: 'Бо Рецензент' });
  lead = l.actor;
  ana = a.actor;
  bo = b.actor;
  projectId = (await makeProject([[l.user.id, 'lead'], [a.user.id, 'reviewer'], [b.user.id, 'reviewer']])).id;
  kept = (await importArticle({ actor: lead, projectId, input: { title: 'Zelenskyy: no recognition', outlet: 'UNN', body: KEPT } })).id;
  gone = (await importArticle({ actor: lead, projectId, input: { title: 'Zamin.uz: imported by mistake', outlet: 'Zamin.uz', body: GONE } })).id;
  const claimText = 'Ukraine will never recognise the occupied territories as Russian';
  keptClaim = (await createAnnotation({ actor: ana, articleId: kept, input: { label: 'claim', ...span(KEPT, claimText) } })).id;
  const goneText = 'Ukraine will never recognise occupied territories as Russian';
  const goneSpan = span(GONE, goneText);
  const created = await createAnnotation({ actor: ana, articleId: gone, input: { label: 'claim', ...goneSpan } });
  goneClaim = created.id;
  anaVersion = created.version;
  goneQuote = (await createAnnotation({ actor: bo, articleId: gone, input: { label: 'quote', ...goneSpan } })).id;
  link = (await createLink({ actor: ana, input: { fromAnnotationId: keptClaim, toAnnotationId: goneClaim, relation: 'conflicts' } })).id;
  // Disputed: one reviewer accepts, the other rejects.
  await reviewAnnotation({ actor: bo, id: goneClaim, input: { decision: 'accept' } });
  await reviewAnnotation({ actor: lead, id: goneClaim, input: { decision: 'reject', reason: 'wrong article' } });
  await addComment({ actor: bo, target: { kind: 'annotation', id: goneClaim }, input: { body: 'Це з іншої статті? 🤔' } });
});

describe('an archived article', () => {
  it('is in every list before it is archived', async () => {
    expect((await listArticlesPage({ actor: ana, projectId, query: {} })).items.map((a) => a.id)).toContain(gone);
    expect(await listArticleOutlets({ actor: ana, projectId })).toContain('Zamin.uz');
    const board = await boardStatements(ana);
    expect(board.ids).toContain(goneClaim);
    expect(board.outlets).toContain('Zamin.uz');
    expect((await reviewQueue({ actor: lead, projectId })).items.map((i) => i.id)).toContain(goneQuote);
    expect((await reviewQueue({ actor: bo, projectId })).items.some((i) => i.kind === 'link' && i.id === link)).toBe(true);
    expect((await reviewQueue({ actor: lead, projectId })).counts.outlet.map((o) => o.value)).toContain('Zamin.uz');
    expect((await disputedItems({ actor: lead, projectId })).items.map((i) => i.id)).toEqual([goneClaim]);
    expect(await exportText(lead, projectId, { format: 'jsonl' })).toContain('imported by mistake');
    expect((await suggestions({ actor: ana, annotationId: keptClaim })).suggestions.map((s) => s.articleId)).toContain(gone);
    const agreement = await projectAgreement({ actor: lead, projectId });
    expect(agreement.articles.items.map((r) => r.articleId)).toContain(gone);
    expect(agreement.pairs.find((p) => p.articles > 0)).toBeDefined();
    expect((await listInbox({ actor: ana })).items.map((i) => i.targetId)).toContain(goneClaim);
    expect((await readW3cItem({ actor: ana, projectId, key: `annotation-${goneClaim}`, baseUrl: 'https://desk.example.org' })).document).toBeDefined();
  });

  it('leaves every list, count and export once a lead archives it', async () => {
    const w3cBefore = (await readW3cContainer({ actor: ana, projectId, baseUrl: 'https://desk.example.org', view: 'minimal' })).total as number;
    await archiveArticle({ actor: lead, articleId: gone });

    expect((await listArticlesPage({ actor: ana, projectId, query: {} })).items.map((a) => a.id)).toEqual([kept]);
    expect((await listArticlesPage({ actor: ana, projectId, query: {} })).total).toBe(1);
    expect(await listArticleOutlets({ actor: ana, projectId })).toEqual(['UNN']);

    const board = await boardStatements(ana);
    expect(board.ids).not.toContain(goneClaim);
    expect(board.ids).toContain(keptClaim);
    expect(board.outlets).toEqual(['UNN']);
    expect(board.totals).toMatchObject({ clusters: 1, linkedClusters: 0, contested: 0, links: 0, rejectedLinks: 0 });

    for (const actor of [lead, bo]) {
      const queue = await reviewQueue({ actor, projectId });
      expect(queue.items.every((i) => i.span.articleId === kept && (i.kind !== 'link' || i.other.articleId === kept))).toBe(true);
      expect(queue.counts.outlet.map((o) => o.value)).not.toContain('Zamin.uz');
      expect(queue.counts.article.map((o) => Number(o.value))).not.toContain(gone);
      expect(queue.left).toBe(queue.items.length);
    }
    expect((await reviewQueue({ actor: lead, projectId })).left).toBe(1); // Ana's claim in the kept article
    expect(await disputedItems({ actor: lead, projectId })).toMatchObject({ items: [], total: 0 });
    expect((await reviewQueue({ actor: bo, projectId })).counts.label.find((l) => l.value === 'link')).toBeUndefined();

    const jsonl = await exportText(lead, projectId, { format: 'jsonl' });
    expect(jsonl).not.toContain('imported by mistake');
    expect(jsonl).not.toContain('никогда');
    const records = jsonl.trim().split('\n').map((line) => JSON.parse(line) as { id?: number; links?: unknown[] });
    expect(records.filter((r) => r.id !== undefined).map((r) => r.id)).toEqual([kept]);
    const csv = await exportText(lead, projectId, { format: 'csv' });
    expect(csv).not.toContain('Zamin.uz');

    expect((await suggestions({ actor: ana, annotationId: keptClaim })).suggestions.map((s) => s.articleId)).not.toContain(gone);
    expect((await suggestions({ actor: ana, annotationId: keptClaim, q: 'Zamin.uz recognise' })).suggestions.map((s) => s.articleId)).not.toContain(gone);

    const agreement = await projectAgreement({ actor: lead, projectId });
    expect(agreement.articles.items.map((r) => r.articleId)).not.toContain(gone);
    expect(agreement.pairs.every((p) => p.articles === 0)).toBe(true);

    expect((await listInbox({ actor: ana })).items.map((i) => i.targetId)).not.toContain(goneClaim);

    const w3cAfter = (await readW3cContainer({ actor: ana, projectId, baseUrl: 'https://desk.example.org', view: 'minimal' })).total as number;
    // Two spans, a link and their three reviews left with it.
    expect(w3cBefore - w3cAfter).toBe(2 + 1 + 2);
    await expect(readW3cItem({ actor: ana, projectId, key: `annotation-${goneClaim}`, baseUrl: 'https://desk.example.org' })).rejects.toThrow(/not found/i);
  });

  it('takes no annotation, link, review, comment or verdict, and changes nothing', async () => {
    const before = await eventCount();
    const rowsBefore = (await first(getDb().select({ n: count() }).from(annotations).where(eq(annotations.projectId, projectId))))!.n;
    const refusals: Array<[string, () => unknown, RegExp]> = [
      ['a new annotation', () => createAnnotation({ actor: bo, articleId: gone, input: { label: 'context', start: 0, end: 8 } }), /restore it to annotate/],
      ['an edit', () => updateAnnotation({ actor: ana, annotationId: goneClaim, ifMatch: anaVersion, input: { note: 'Примітка' } }), /restore it to annotate/],
      ['a delete', () => deleteAnnotation({ actor: ana, annotationId: goneClaim }), /restore it to annotate/],
      ['a link into it', () => createLink({ actor: bo, input: { fromAnnotationId: keptClaim, toAnnotationId: goneQuote, relation: 'corroborates' } }), /restore it to link/],
      ['a link to one of its sentences', () => createLinkToSentence({ actor: bo, input: { fromAnnotationId: keptClaim, relation: 'corroborates', sentence: { articleId: gone, label: 'claim', exact: 'Tashkent.', ...span(GONE, 'Tashkent.') } } }), /restore it to link/],
      ['deleting its link', () => deleteLink({ actor: ana, linkId: link }), /restore it to link/],
      ['a review', () => reviewAnnotation({ actor: bo, id: goneClaim, input: { decision: 'reject', reason: 'changed my mind' } }), /restore it to review/],
      ['a review of its link', () => reviewLink({ actor: bo, id: link, input: { decision: 'accept' } }), /restore it to review/],
      ['settling its dispute', () => settle({ actor: lead, kind: 'annotation', id: goneClaim, input: { decision: 'accept', reason: 'fine' } }), /restore it to review/],
      ['a comment', () => addComment({ actor: ana, target: { kind: 'annotation', id: goneClaim }, input: { body: 'Так' } }), /restore it to comment/],
      ['a corrected text', async () => await createRevision({ actor: lead, articleId: gone, input: { body: `${GONE} Updated at 18:00.` } }), /restore it to correct it/],
      ['a verdict', async () => await proposeVerdict({ actor: bo, annotationId: goneClaim, input: { verdict: 'false', rationale: 'Because.' } }), /restore it to review/],
    ];
    for (const [what, call, message] of refusals) {
      const error = await appError(call);
      expect(error.status, what).toBe(409);
      expect(error.message, what).toMatch(message);
      expect(error.message, what).toMatch(/^This article is archived; restore it to /);
    }
    expect(await eventCount()).toBe(before);
    expect((await first(getDb().select({ n: count() }).from(annotations).where(eq(annotations.projectId, projectId))))!.n).toBe(rowsBefore);
    expect((await first(getDb().select().from(links).where(eq(links.id, link))))!.deletedAt).toBeNull();
  });

  it('still answers a stranger with 404, not with the archive', async () => {
    const stranger = (await makeUser()).actor;
    const error = await appError(() => createAnnotation({ actor: stranger, articleId: gone, input: { label: 'claim', start: 0, end: 8 } }));
    expect(error.status).toBe(404);
  });

  it('comes back everywhere when restored', async () => {
    await restoreArticle({ actor: lead, articleId: gone });
    expect((await listArticlesPage({ actor: ana, projectId, query: {} })).items.map((a) => a.id).sort()).toEqual([kept, gone].sort());
    const board = await boardStatements(ana);
    expect(board.ids).toContain(goneClaim);
    expect(board.totals.links).toBe(1);
    expect((await reviewQueue({ actor: lead, projectId })).items.map((i) => i.id)).toContain(goneQuote);
    expect((await listInbox({ actor: ana })).items.map((i) => i.targetId)).toContain(goneClaim);
    expect((await createAnnotation({ actor: bo, articleId: gone, input: { label: 'context', ...span(GONE, 'Tashkent') } })).label).toBe('context');
  });
});
