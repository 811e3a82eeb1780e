/**
 * The project-wide re-anchoring queue: every waiting span of the project, article by article in
 * text order, paginated with signed keyset cursors, with a total and the count for the project
 * navigation; a stretch of the current text around each span. Real SQLite, right and wrong users.
 */
import { onPostgres } from '@/lib/db/engine';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { tag } from '../review/fixtures';
import { importArticle } from '@/lib/data/articles';
import { createRevision } from '@/lib/data/revisions';
import { contextWindow, projectReanchorQueue, reanchorQueue, reanchorQueueCount, resolveAnchor } from '@/lib/data/revisionQueue';
import { currentConnection } from '@/lib/db/client';
import { normalizeArticleText } from '@/lib/anchoring/normalize';

const KYIV = normalizeArticleText(readFileSync(path.join(__dirname, '../../seeds/000_b946d1dd13773335.txt'), 'utf8'));
const fix = (body: string) => body
  .replace('this is an absolutely fair position', 'this is an entirely fair position')
  .replace('He added that the Ukrainian team expressed its positions in London together with European colleagues.\n\n', '');

type Who = Awaited<ReturnType<typeof makeUser>>;
let lead: Who, reviewer: Who, viewer: Who, outsider: Who;
let projectId: number;
const articleIds: number[] = [];

beforeAll(async () => {
  [lead, reviewer, viewer, outsider] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  projectId = (await makeProject([[lead.user.id, 'lead'], [reviewer.user.id, 'reviewer'], [viewer.user.id, 'viewer']])).id;
  // Three corrected articles, each leaving one edited and one orphaned span (and one kept).
  for (let n = 0; n < 3; n++) {
    const body = `${KYIV}\n\n(copy ${n} — «Київ» 🇺🇦)`;
    const a = await importArticle({ actor: lead.actor, projectId, input: { title: `Kyiv ${n}`, body } });
    await tag(a, reviewer.user.id, 'context', 'the Ukrainian team expressed its positions in London');
    await tag(a, reviewer.user.id, 'claim', 'this is an absolutely fair position');
    await tag(a, reviewer.user.id, 'claim', 'only the Ukrainian people have the right to decide');
    await createRevision({ actor: lead.actor, articleId: a.id, input: { body: fix(body) } });
    articleIds.push(a.id);
  }
});

describe('reanchorQueue for a project', () => {
  it('lists every waiting span article by article in text order, two at a time', async () => {
    const seen: Array<[number, string]> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof reanchorQueue>> = await reanchorQueue({ actor: viewer.actor, projectId, query: { limit: '2', cursor } });
      expect(page.total).toBe(6);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i): [number, string] => [i.articleId, i.state]));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    // Within an article, text order: the edited claim stands before the orphaned context's old place.
    expect(seen).toEqual(articleIds.flatMap((id) => [[id, 'edited'], [id, 'orphaned']]));
  });

  it('counts the waiting spans, and a decided one leaves the queue and the count', async () => {
    expect(await reanchorQueueCount({ actor: viewer.actor, projectId })).toBe(6);
    const first = (await reanchorQueue({ actor: reviewer.actor, projectId, query: { limit: '1' } })).items[0];
    await resolveAnchor({ actor: reviewer.actor, annotationId: first.id, input: { action: 'accept', expectedVersion: first.version } });
    expect(await reanchorQueueCount({ actor: viewer.actor, projectId })).toBe(5);
    expect((await reanchorQueue({ actor: viewer.actor, projectId })).items.map((i) => i.id)).not.toContain(first.id);
  });

  it('refuses a cursor of another list and a bad limit with 400', async () => {
    const other = (await reanchorQueue({ actor: viewer.actor, projectId, query: { limit: '1', articleId: articleIds[1] } })).nextCursor!;
    await expect(reanchorQueue({ actor: viewer.actor, projectId, query: { cursor: other } })).rejects.toThrow(expect.objectContaining({ status: 400 }));
    await expect(reanchorQueue({ actor: viewer.actor, projectId, query: { limit: '0' } })).rejects.toThrow(expect.objectContaining({ status: 400 }));
    await expect(reanchorQueue({ actor: viewer.actor, projectId, query: { cursor: 'forged' } })).rejects.toThrow(expect.objectContaining({ status: 400 }));
  });

  it('is a 404 for someone outside the project', async () => {
    await expect(reanchorQueue({ actor: outsider.actor, projectId })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await expect(reanchorQueueCount({ actor: outsider.actor, projectId })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await expect(projectReanchorQueue({ actor: outsider.actor, projectId })).rejects.toThrow(expect.objectContaining({ status: 404 }));
  });

  it('gives each span a stretch of its article’s current text that holds it', async () => {
    const page = await projectReanchorQueue({ actor: viewer.actor, projectId });
    for (const item of page.items.filter((i) => i.state !== 'orphaned')) {
      const { text, base } = page.contexts[item.id];
      expect(text.slice(item.start - base, item.end - base)).toBe(item.newExact);
    }
  });

  // SQLite's INDEXED BY hint and the statements it prepares; PostgreSQL plans without hints.
  it.skipIf(onPostgres())('reads a page of the queue and its count through the partial index, without a sort', async () => {
    const seen: string[] = [];
    const sqlite = currentConnection();
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = (q: string) => {
      seen.push(q);
      return prepare(q);
    };
    try {
      await reanchorQueue({ actor: viewer.actor, projectId, query: { limit: '2' } });
    } finally {
      sqlite.prepare = prepare;
    }
    const reads = seen.filter((q) => /indexed by annotations_reanchor_pending_idx/.test(q));
    expect(reads).toHaveLength(2);
    for (const q of reads) {
      const params = (q.match(/\?/g) ?? []).map(() => projectId);
      const plan = (prepare(`EXPLAIN QUERY PLAN ${q}`) as { all: (...p: unknown[]) => Array<{ detail: string }> }).all(...params);
      const text = plan.map((r) => r.detail).join(' | ');
      expect(text).toMatch(/annotations USING (COVERING )?INDEX annotations_reanchor_pending_idx/);
      expect(text).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe('contextWindow', () => {
  const body = 'Line one.\nLine two «Київ» 🇺🇦.\nLine three.\nLine four.';
  it.each([
    // [start, end, chars] -> the stretch, widened to whole lines
    [10, 14, 3, 'Line one.\nLine two «Київ» 🇺🇦.'],
    [12, 14, 1, 'Line two «Київ» 🇺🇦.'],
    [0, 4, 2, 'Line one.'],
    [body.length - 5, body.length, 1, 'Line four.'],
    [10, 14, 1000, body],
    [10, 14, 0, 'Line two «Київ» 🇺🇦.'],
  ])('[%i, %i) ±%i', (start, end, chars, expected) => {
    const { from, to } = contextWindow(body, start, end, chars);
    expect(body.slice(from, to)).toBe(expected);
  });
});
