/**
 * Re-importing an article already in the project (same URL or canonical URL) with another
 * text makes its next revision and re-anchors, on every import path: a batch of JSON lines,
 * an .html upload, the single-article import and a native export. The same text again is a
 * duplicate marked unchanged, never an error. Real SQLite, called as the right and wrong users.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { makeProject, makeUser } from '../helpers';
import { tag } from '../review/fixtures';
import { importArticle, type ArticleMeta } from '@/lib/data/articles';
import { listRevisions, readRevision } from '@/lib/data/revisions';
import { articlesAsFile, importBatch, importOneArticle } from '@/lib/data/imports';
import { exportProject } from '@/lib/data/exports';
import { getDb } from '@/lib/db/client';
import { annotations, articles } from '@/lib/db/tables';
import { normalizeArticleText } from '@/lib/anchoring/normalize';
import { urlForms } from '@/lib/data/revisionApply';
import { all, first, sqlAll, sqlExec } from '@/lib/db/query';
import { onPostgres } from '@/lib/db/engine';
import { readSnapshot } from '@/lib/db/client';
import { collectText } from '@/lib/export/stream';

const KYIV = normalizeArticleText(readFileSync(path.join(__dirname, '../../seeds/000_b946d1dd13773335.txt'), 'utf8'));
const fix = (body: string) => body
  .replace('this is an absolutely fair position', 'this is an entirely fair position')
  .replace('He added that the Ukrainian team expressed its positions in London together with European colleagues.\n\n', '');
const PAGE = readFileSync(path.join(__dirname, '../import/pages/news-jsonld.html'), 'utf8');
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

type Who = Awaited<ReturnType<typeof makeUser>>;
let lead: Who, reviewer: Who, viewer: Who, outsider: Who;
let projectId: number;

beforeAll(async () => {
  [lead, reviewer, viewer, outsider] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  projectId = (await makeProject([[lead.user.id, 'lead'], [reviewer.user.id, 'reviewer'], [viewer.user.id, 'viewer']])).id;
});

let seq = 0;
/** An article of the seed text at its own address, with three spans: kept, edited and orphaned by `fix`. */
async function tagged(): Promise<{ a: ArticleMeta; url: string; body: string }> {
  const url = `https://news.example/kyiv/${++seq}`;
  const body = `${KYIV}\n\n(copy ${seq}, ✓ é)`;
  const a = await importArticle({ actor: lead.actor, projectId, input: { title: `Kyiv ${seq}`, body, url } });
  await tag(a, reviewer.user.id, 'claim', 'only the Ukrainian people have the right to decide');
  await tag(a, reviewer.user.id, 'claim', 'this is an absolutely fair position');
  await tag(a, reviewer.user.id, 'context', 'the Ukrainian team expressed its positions in London');
  return { a, url, body };
}
const sources = async (id: number) => (await listRevisions({ actor: lead.actor, articleId: id })).items.map((r) => r.source);
const articleCount = async () => (await all(getDb().select({ id: articles.id }).from(articles).where(eq(articles.projectId, projectId)))).length;

async function expectStatus(fn: () => unknown | Promise<unknown>, status: number) {
  let caught: unknown;
  try {
    await fn();
  } catch (error) {
    caught = error;
  }
  expect((caught as { status?: number } | undefined)?.status).toBe(status);
}

describe('urlForms', () => {
  it.each([
    ['https://News.example/a', ['https://news.example/a', 'https://news.example/a/']],
    ['https://news.example/a/', ['https://news.example/a/', 'https://news.example/a']],
    ['https://news.example/a#comments', ['https://news.example/a#comments', 'https://news.example/a', 'https://news.example/a/']],
    ['https://новости.example/статья', ['https://новости.example/статья', 'https://новости.example/статья/']],
  ])('%s', (url, forms) => expect(urlForms([url])).toEqual(forms));
  it('skips empty addresses', () => expect(urlForms([null, undefined, ''])).toEqual([]));
});

describe('a batch re-import', () => {
  it('makes the article at the same address its next revision, with the counts in the report', async () => {
    const { a, url, body } = await tagged();
    const before = await articleCount();
    // The address differs in case and by a trailing slash: the same page.
    const result = await importBatch({ actor: lead.actor, projectId, files: [articlesAsFile('again.jsonl', [{ title: 'Kyiv, corrected', url: `${url.toUpperCase().replace('HTTPS', 'https')}/`, body: fix(body) }])] });
    expect(result).toMatchObject({ imported: 0, duplicates: 0, revised: 1 });
    expect(result.files[0].revised).toEqual([expect.objectContaining({
      articleId: a.id, revision: 2, title: 'Kyiv, corrected', counts: { kept: 1, edited: 1, moved: 0, orphaned: 1 }, flaggedLinks: 0, flaggedQuotes: 0, line: 1,
    })]);
    expect(await articleCount()).toBe(before);
    expect(await sources(a.id)).toEqual(['import', 'reimport']);
    expect((await readRevision({ actor: viewer.actor, articleId: a.id, number: 2 })).revision.note).toBe(`re-import of ${url.toUpperCase().replace('HTTPS', 'https')}/`);
  });

  it('reports the same text at the same address as an unchanged duplicate and writes nothing', async () => {
    const { a, url, body } = await tagged();
    const result = await importBatch({ actor: lead.actor, projectId, files: [articlesAsFile('same.jsonl', [{ title: 'Kyiv', url, body }])] });
    expect(result).toMatchObject({ imported: 0, revised: 0, duplicates: 1 });
    expect(result.files[0].duplicates).toEqual([expect.objectContaining({ existingArticleId: a.id, unchanged: true })]);
    expect(await sources(a.id)).toEqual(['import']);
  });

  it('imports another text at a new address as a new article', async () => {
    const result = await importBatch({ actor: lead.actor, projectId, files: [articlesAsFile('new.jsonl', [{ title: 'Other', url: 'https://news.example/other', body: fix(KYIV) }])] });
    expect(result).toMatchObject({ imported: 1, revised: 0, duplicates: 0 });
  });

  it('is refused for a reviewer and an outsider, and nothing changes', async () => {
    const { a, url, body } = await tagged();
    const files = [articlesAsFile('again.jsonl', [{ title: 'x', url, body: fix(body) }])];
    await expectStatus(async () => await importBatch({ actor: reviewer.actor, projectId, files }), 403);
    await expectStatus(async () => await importBatch({ actor: outsider.actor, projectId, files }), 404);
    expect(await sources(a.id)).toEqual(['import']);
  });
});

describe('an .html page uploaded again', () => {
  it('matches by canonical URL and revises the article, with the page summary in the report', async () => {
    const firstUpload = await importBatch({ actor: lead.actor, projectId, files: [file('ledger.html', PAGE)] });
    const articleId = firstUpload.files[0].imported[0].articleId;
    const body = (await first(getDb().select().from(articles).where(eq(articles.id, articleId))))!.body;
    await tag({ id: articleId, projectId }, reviewer.user.id, 'quote', 'This is an absolutely fair position');
    await tag({ id: articleId, projectId }, reviewer.user.id, 'claim', 'Ukraine will not legally recognise any temporarily occupied territories as Russian');
    // The corrected page states another URL in its JSON-LD (an AMP copy); its canonical link is the same.
    const corrected = PAGE
      .replace('This is an absolutely fair position', 'This is a fair position')
      .replace('"url":"https://ledger.example/world/2025/04/25/zelenskyy-occupied-territories"', '"url":"https://ledger.example/amp/zelenskyy-occupied-territories"');
    const again = await importBatch({ actor: lead.actor, projectId, files: [file('ledger-updated.html', corrected)] });
    expect(again).toMatchObject({ imported: 0, revised: 1, duplicates: 0 });
    const revised = again.files[0].revised![0];
    expect(revised).toMatchObject({ articleId, revision: 2, counts: { kept: 1, edited: 1, moved: 0, orphaned: 0 } });
    expect(revised.web?.removed.blocks).toBeGreaterThan(0);
    expect(revised.web?.excerpt).toContain('Ukraine will not legally recognise');
    expect((await readRevision({ actor: viewer.actor, articleId, number: 1 })).revision.body).toBe(body);
    expect(await sources(articleId)).toEqual(['import', 'reimport']);
    // The same corrected page once more is unchanged.
    const third = await importBatch({ actor: lead.actor, projectId, files: [file('ledger-updated.html', corrected)] });
    expect(third.files[0].duplicates).toEqual([expect.objectContaining({ existingArticleId: articleId, unchanged: true })]);
  });
});

describe('the single-article import (POST /api/projects/:projectId/articles)', () => {
  it('imports, then revises at the same URL, then reports the same text unchanged', async () => {
    const url = 'https://news.example/single/🇺🇦';
    const first = await importOneArticle({ actor: lead.actor, projectId, input: { title: 'Single', url, body: `${KYIV}\n\nsingle` } });
    expect(first.outcome).toBe('imported');
    await tag(first.article, reviewer.user.id, 'claim', 'this is an absolutely fair position');
    const second = await importOneArticle({ actor: lead.actor, projectId, input: { title: 'Single', url, body: `${fix(KYIV)}\n\nsingle` } });
    expect(second).toMatchObject({ outcome: 'revised', article: { id: first.article.id, currentRevision: 2 }, revised: { revision: 2, counts: { kept: 0, edited: 1, moved: 0, orphaned: 0 } } });
    const third = await importOneArticle({ actor: lead.actor, projectId, input: { title: 'Single', url, body: `${fix(KYIV)}\n\nsingle` } });
    expect(third).toMatchObject({ outcome: 'unchanged', article: { id: first.article.id, currentRevision: 2 } });
    // Without a URL, a text already in the project is still a 409.
    await expect(importOneArticle({ actor: lead.actor, projectId, input: { title: 'Copy', body: `${fix(KYIV)}\n\nsingle` } })).rejects.toThrow(/already in the project/);
  });

  it('refuses a viewer (403), an outsider (404) and a bad body (400), writing nothing', async () => {
    const { a, url, body } = await tagged();
    await expectStatus(async () => await importOneArticle({ actor: viewer.actor, projectId, input: { title: 'x', url, body: fix(body) } }), 403);
    await expectStatus(async () => await importOneArticle({ actor: outsider.actor, projectId, input: { title: 'x', url, body: fix(body) } }), 404);
    await expectStatus(async () => await importOneArticle({ actor: lead.actor, projectId, input: { title: 'x', url, body: '' } }), 400);
    expect(await sources(a.id)).toEqual(['import']);
  });
});

describe('a native export imported into a project that has the article', () => {
  it('revises the article at the same URL and leaves the export’s annotations out', async () => {
    const { a, url, body } = await tagged();
    // Another project holds the corrected text at the same address, with one annotation.
    const other = (await makeProject([[lead.user.id, 'lead']])).id;
    const there = await importArticle({ actor: lead.actor, projectId: other, input: { title: 'Kyiv elsewhere', url, body: fix(body) } });
    await tag(there, lead.user.id, 'claim', 'this is an entirely fair position');
    const stream = await exportProject({ actor: lead.actor, projectId: other, request: { format: 'jsonl' }, baseUrl: 'http://localhost' });
    const jsonl = await collectText(stream.chunks);
    const result = await importBatch({ actor: lead.actor, projectId, files: [file('export.jsonl', jsonl)] });
    expect(result).toMatchObject({ imported: 0, revised: 1 });
    expect(result.files[0].revised).toEqual([expect.objectContaining({ articleId: a.id, revision: 2, skippedAnnotations: 1, counts: { kept: 1, edited: 1, moved: 0, orphaned: 1 } })]);
    const live = await all(getDb().select().from(annotations).where(eq(annotations.articleId, a.id)));
    expect(live).toHaveLength(3);
  });
});

describe('the address lookup', () => {
  it('is served by the (project_id, lower(url)) index', async () => {
    const lookup = `SELECT id FROM articles WHERE project_id = ${projectId} AND lower(url) IN ('https://x.test/a', 'https://x.test/a/') ORDER BY id`;
    if (onPostgres()) {
      // A handful of rows is read faster by a scan: with scans priced out, the index must still serve it.
      const plan = await readSnapshot(async (db) => {
        await sqlExec(db, sql`set local enable_seqscan = off`);
        return await sqlAll<{ 'QUERY PLAN': string }>(db, sql.raw(`EXPLAIN ${lookup}`));
      });
      expect(plan.map((r) => r['QUERY PLAN']).join(' | ')).toMatch(/articles_project_url_idx/);
    } else {
      const plan = await sqlAll<{ detail: string }>(getDb(), sql.raw(`EXPLAIN QUERY PLAN ${lookup}`));
      expect(plan.map((r) => r.detail).join(' | ')).toMatch(/articles_project_url_idx/);
    }
  });
});
