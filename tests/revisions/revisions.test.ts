/** Article revisions in the data layer, on real SQLite, called as the right and the wrong users. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeProject, makeUser } from '../helpers';
import { link, tag } from '../review/fixtures';
import { importArticle, type ArticleMeta } from '@/lib/data/articles';
import { createRevision, listRevisions, readRevision } from '@/lib/data/revisions';
import { reanchorQueue, resolveAnchor } from '@/lib/data/revisionQueue';
import { getAnnotation, listAnnotations, updateAnnotation } from '@/lib/data/annotations';
import { reviewAnnotation } from '@/lib/data/reviews';
import { importBatch, articlesAsFile } from '@/lib/data/imports';
import { exportProject } from '@/lib/data/exports';
import { getDb } from '@/lib/db/client';
import { annotations, links } from '@/lib/db/tables';
import { normalizeArticleText } from '@/lib/anchoring/normalize';
import { exec, first } from '@/lib/db/query';
import { collectText } from '@/lib/export/stream';

const KYIV = normalizeArticleText(readFileSync(path.join(__dirname, '../../seeds/000_b946d1dd13773335.txt'), 'utf8'));
const CORRECTED = KYIV
  .replace('this is an absolutely fair position', 'this is an entirely fair position')
  .replace('He added that the Ukrainian team expressed its positions in London together with European colleagues.\n\n', '')
  .replace('President of Ukraine Volodymyr', 'UPDATE: this article was corrected.\n\nPresident of Ukraine Volodymyr');

type Who = Awaited<ReturnType<typeof makeUser>>;
let lead: Who, author: Who, other: Who, viewer: Who, outsider: Who;
let projectId: number;

beforeAll(async () => {
  [lead, author, other, viewer, outsider] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser(), makeUser()]);
  projectId = (await makeProject([[lead.user.id, 'lead'], [author.user.id, 'reviewer'], [other.user.id, 'reviewer'], [viewer.user.id, 'viewer']])).id;
});

let seq = 0;
async function article(body = KYIV): Promise<ArticleMeta> {
  return await importArticle({ actor: lead.actor, projectId, input: { title: `Kyiv ${++seq}`, body: `${body}\n\n(copy ${seq})`, url: `https://example.test/kyiv-${seq}` } });
}
const bodyOf = async (a: ArticleMeta) => (await readRevision({ actor: lead.actor, articleId: a.id, number: 1 })).revision.body;
const corrected = async (a: ArticleMeta) => CORRECTED + (await bodyOf(a)).slice(KYIV.length);

async function expectError(fn: () => unknown | Promise<unknown>, status: number, message?: RegExp) {
  try {
    await fn();
  } catch (error) {
    expect((error as { status?: number }).status).toBe(status);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected a ${status} error`);
}

describe('createRevision', () => {
  it('stores revision 1 on import and revision 2 on a correction, with counts per state', async () => {
    const a = await article();
    const kept = await tag(a, author.user.id, 'claim', 'only the Ukrainian people have the right to decide');
    const edited = await tag(a, author.user.id, 'claim', 'this is an absolutely fair position');
    const orphan = await tag(a, author.user.id, 'context', 'the Ukrainian team expressed its positions in London');
    const result = await createRevision({ actor: lead.actor, articleId: a.id, input: { body: await corrected(a), note: 'Correction of a quote', modifiedAt: '2025-04-26T10:00:00Z' } });
    expect(result.revision).toMatchObject({ number: 2, source: 'api', note: 'Correction of a quote', current: true });
    expect(result.reanchoring.counts).toEqual({ kept: 1, edited: 1, moved: 0, orphaned: 1 });
    const byId = new Map(result.reanchoring.annotations.map((r) => [r.id, r]));
    expect(byId.get(edited.id)).toMatchObject({ state: 'edited', oldExact: 'this is an absolutely fair position', newExact: 'this is an entirely fair position' });
    const list = await listRevisions({ actor: viewer.actor, articleId: a.id });
    expect(list.items.map((r) => [r.number, r.source, r.current])).toEqual([[1, 'import', false], [2, 'api', true]]);
    // The current text shows kept and edited spans at their new places; the orphan stays on revision 1.
    const now = await listAnnotations({ actor: viewer.actor, articleId: a.id });
    expect(now.map((x) => x.id).sort()).toEqual([kept.id, edited.id].sort());
    const keptView = now.find((x) => x.id === kept.id)!;
    expect(CORRECTED.slice(keptView.start, keptView.end)).toBe('only the Ukrainian people have the right to decide');
    expect(keptView.anchor).toMatchObject({ state: 'kept', score: 1, revision: 2, pending: false });
    const orphanView = await getAnnotation({ actor: viewer.actor, annotationId: orphan.id });
    expect(orphanView.anchor).toMatchObject({ state: 'orphaned', revision: 1, pending: true });
    // Its offsets are revision 1's: an edit on the current text is refused until it is re-selected.
    await expectError(() => updateAnnotation({ actor: author.actor, annotationId: orphan.id, ifMatch: orphanView.version, input: { note: 'x' } }), 409, /re-anchoring queue/);
    // Old revisions stay readable with their spans.
    const old = await readRevision({ actor: viewer.actor, articleId: a.id, number: 1 });
    expect(old.annotations.map((x) => [x.id, old.revision.body.slice(x.start, x.end)])).toEqual(
      expect.arrayContaining([[kept.id, 'only the Ukrainian people have the right to decide'], [orphan.id, 'the Ukrainian team expressed its positions in London']]),
    );
  });

  it('refuses a text identical to the current one with 409, and changes nothing', async () => {
    const a = await article();
    await expectError(async () => await createRevision({ actor: lead.actor, articleId: a.id, input: { body: (await bodyOf(a)).replace(/\n/g, '\r\n') } }), 409, /identical/);
    expect((await listRevisions({ actor: lead.actor, articleId: a.id })).items).toHaveLength(1);
  });

  it('is for leads: 403 for a reviewer and a viewer, 404 for a non-member; 400 for bad input', async () => {
    const a = await article();
    await expectError(async () => await createRevision({ actor: author.actor, articleId: a.id, input: { body: 'New text.' } }), 403);
    await expectError(async () => await createRevision({ actor: viewer.actor, articleId: a.id, input: { body: 'New text.' } }), 403);
    await expectError(async () => await createRevision({ actor: outsider.actor, articleId: a.id, input: { body: 'New text.' } }), 404);
    await expectError(async () => await createRevision({ actor: lead.actor, articleId: a.id, input: { body: '   ' } }), 400, /empty/);
    await expectError(async () => await createRevision({ actor: lead.actor, articleId: a.id, input: { body: 'x', modifiedAt: 'yesterday' } }), 400, /date/);
    await expectError(async () => await readRevision({ actor: lead.actor, articleId: a.id, number: 7 }), 404, /Revision 7/);
  });

  it('derives the status again for edited spans, flags their links and changed verbatim quotes', async () => {
    const a = await article();
    const claim = await tag(a, author.user.id, 'claim', 'this is an absolutely fair position');
    const quote = await tag(a, author.user.id, 'quote', 'this is an absolutely fair position, it is legal');
    await exec(getDb().update(annotations).set({ attributes: { speaker: 'Zelenskyy', quoteKind: 'verbatim' } }).where(eq(annotations.id, quote.id)));
    const steady = await tag(a, author.user.id, 'claim', 'only the Ukrainian people have the right to decide');
    await reviewAnnotation({ actor: other.actor, id: claim.id, input: { decision: 'accept' } });
    await reviewAnnotation({ actor: other.actor, id: steady.id, input: { decision: 'accept' } });
    const l = await link(projectId, author.user.id, claim.id, steady.id);
    const result = await createRevision({ actor: lead.actor, articleId: a.id, input: { body: await corrected(a) } });
    const row = async (id: number) => (await first(getDb().select().from(annotations).where(eq(annotations.id, id))))!;
    expect((await row(claim.id)).status).toBe('proposed');
    expect((await row(steady.id)).status).toBe('accepted');
    expect(result.reanchoring.flaggedLinks).toEqual([l.id]);
    expect((await first(getDb().select().from(links).where(eq(links.id, l.id))))!.version).toBe(2);
    expect(result.reanchoring.flaggedQuotes).toEqual([quote.id]);
    expect((await getAnnotation({ actor: viewer.actor, annotationId: quote.id })).anchor?.flag).toBe('quote-changed');
  });

  it('makes a re-import of the same address with another text a new revision', async () => {
    const a = await article();
    const url = `https://example.test/kyiv-${seq}`;
    const result = await importBatch({ actor: lead.actor, projectId, files: [articlesAsFile('again.jsonl', [{ title: 'Kyiv again', url, body: await corrected(a) }])] });
    expect(result.imported).toBe(0);
    expect(result.files[0].revised).toEqual([expect.objectContaining({ articleId: a.id, revision: 2 })]);
    expect((await listRevisions({ actor: lead.actor, articleId: a.id })).items.map((r) => r.source)).toEqual(['import', 'reimport']);
  });

  it('paginates the revision list with signed cursors', async () => {
    const a = await article();
    await createRevision({ actor: lead.actor, articleId: a.id, input: { body: `${await bodyOf(a)} One.` } });
    await createRevision({ actor: lead.actor, articleId: a.id, input: { body: `${await bodyOf(a)} Two.` } });
    const first = await listRevisions({ actor: lead.actor, articleId: a.id, query: { limit: '2' } });
    expect(first.items.map((r) => r.number)).toEqual([1, 2]);
    const second = await listRevisions({ actor: lead.actor, articleId: a.id, query: { limit: '2', cursor: first.nextCursor } });
    expect(second).toMatchObject({ items: [expect.objectContaining({ number: 3 })], nextCursor: null });
  });
});

describe('the re-anchoring queue', () => {
  it('lists waiting spans and lets a reviewer accept, re-select or retire them', async () => {
    const a = await article();
    const edited = await tag(a, author.user.id, 'claim', 'this is an absolutely fair position');
    const orphan = await tag(a, author.user.id, 'context', 'the Ukrainian team expressed its positions in London');
    const gone = await tag(a, author.user.id, 'context', 'together with European colleagues');
    await createRevision({ actor: lead.actor, articleId: a.id, input: { body: await corrected(a) } });
    const queue = await reanchorQueue({ actor: viewer.actor, projectId, query: { articleId: a.id } });
    expect(queue.items.map((i) => [i.id, i.state])).toEqual([[edited.id, 'edited'], [orphan.id, 'orphaned'], [gone.id, 'orphaned']]);
    expect(queue.items[0]).toMatchObject({ oldExact: 'this is an absolutely fair position', newExact: 'this is an entirely fair position' });
    await expectError(async () => await resolveAnchor({ actor: viewer.actor, annotationId: edited.id, input: { action: 'accept' } }), 403);
    await expectError(async () => await resolveAnchor({ actor: other.actor, annotationId: orphan.id, input: { action: 'accept' } }), 400, /no new place/);
    expect(await resolveAnchor({ actor: other.actor, annotationId: edited.id, input: { action: 'accept' } })).toMatchObject({ action: 'accept' });
    await expectError(async () => await resolveAnchor({ actor: other.actor, annotationId: edited.id, input: { action: 'accept' } }), 409);
    const body = await corrected(a);
    const at = body.indexOf('It seems to me');
    const reselected = await resolveAnchor({ actor: other.actor, annotationId: orphan.id, input: { action: 'reselect', start: at, end: at + 14 } });
    expect(reselected).toMatchObject({ exact: 'It seems to me', state: 'edited' });
    expect((await getAnnotation({ actor: viewer.actor, annotationId: orphan.id })).anchor).toMatchObject({ revision: 2, pending: false });
    expect(await resolveAnchor({ actor: lead.actor, annotationId: gone.id, input: { action: 'retire' } })).toMatchObject({ retired: true });
    expect((await reanchorQueue({ actor: viewer.actor, projectId, query: { articleId: a.id } })).items).toEqual([]);
  });
});

describe('exports', () => {
  it('say which revision (number and sha256) every span refers to', async () => {
    const a = await article();
    await tag(a, author.user.id, 'claim', 'only the Ukrainian people have the right to decide');
    const { revision } = await createRevision({ actor: lead.actor, articleId: a.id, input: { body: await corrected(a) } });
    const read = async (format: string) => {
      const stream = await exportProject({ actor: lead.actor, projectId, request: { format, articles: String(a.id) }, baseUrl: 'http://localhost' });
      return await collectText(stream.chunks);
    };
    const line = JSON.parse((await read('jsonl')).split('\n')[1]);
    expect(line.annotations[0]).toMatchObject({ revision: 2, revisionSha256: revision.sha256, anchor: { state: 'kept', score: 1 } });
    const csv = (await read('csv-raw')).trim().split('\r\n');
    expect(csv[0].endsWith('revision,revision_sha256,anchor_state')).toBe(true);
    expect(csv[1].endsWith(`2,${revision.sha256},kept`)).toBe(true);
  });
});
