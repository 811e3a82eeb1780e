/**
 * Import by URL and .html upload end to end on real SQLite: the article, its provenance row
 * (raw HTML + sha256, final URL, metadata sources, removed report), the API's {url} form, and
 * nothing stored when a step fails. The only server contacted is the one this test starts on
 * 127.0.0.1, allowed through IMPORT_ALLOWED_HOSTS.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { articles, articleSources, events } from '@/lib/db/tables';
import { importBatch, importWebPage } from '@/lib/data/imports';
import { createToken } from '@/lib/data/tokens';
import { isAppError } from '@/lib/errors';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { makeProject, makeUser } from '../helpers';
import { first } from '@/lib/db/query';

const page = (name: string) => fs.readFileSync(path.join(__dirname, 'pages', name), 'utf8');
let server: http.Server;
let base: string;
let lead: Awaited<ReturnType<typeof makeUser>>;
let viewer: Awaited<ReturnType<typeof makeUser>>;
let projectId: number;
let route: RouteModule;
let hits = 0;

beforeAll(async () => {
  process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1';
  server = http.createServer((req, res) => {
    hits++;
    const name = (req.url ?? '').slice(1);
    if (name === 'old-address') return res.writeHead(301, { location: '/graph-reportage.html' }).end();
    if (name === 'to-private') return res.writeHead(302, { location: 'http://192.168.0.1/' }).end();
    if (name === 'file.pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF');
    if (/^[\w-]+\.html$/.test(name) && fs.existsSync(path.join(__dirname, 'pages', name))) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(name));
    res.writeHead(404, { 'content-type': 'text/html' }).end('<p>Not found.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  lead = await makeUser();
  viewer = await makeUser();
  projectId = (await makeProject([[lead.user.id, 'lead'], [viewer.user.id, 'viewer']])).id;
  route = (await importRoute('/api/projects/:projectId/imports'))!;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const counts = async () => {
  const db = getDb();
  const ns: number[] = [];
  for (const t of [articles, articleSources, events]) ns.push((await first(db.select({ n: count() }).from(t)))!.n);
  return ns;
};

async function refusedUrl(url: string) {
  const before = await counts();
  try {
    await importWebPage({ actor: lead.actor, projectId, url });
  } catch (error) {
    expect(await counts()).toEqual(before);
    if (isAppError(error)) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('imported');
}

describe('importWebPage', () => {
  it('imports the article, keeps the raw HTML with its sha256 and the final URL after a redirect', async () => {
    const result = await importWebPage({ actor: lead.actor, projectId, url: `${base}/old-address` });
    expect(result).toMatchObject({ imported: 1, duplicates: 0 });
    const item = result.files[0].imported[0];
    expect(result.files[0].file).toBe(`${base}/old-address`);
    expect(item.web).toMatchObject({ finalUrl: `${base}/graph-reportage.html`, metadataSources: { title: 'json-ld', author: 'json-ld' }, metadata: { modifiedAt: '2024-10-23T08:00:00Z' } });
    expect(item.web!.excerpt.startsWith('The buses left the central square')).toBe(true);
    const row = (await first(getDb().select().from(articles).where(eq(articles.id, item.articleId))))!;
    expect(row).toMatchObject({ title: 'Inside the evacuation of Kupiansk', author: 'Anna Kravets', outlet: 'Frontline Reports Ltd', publishedAt: '2024-10-22', url: 'https://frontline.example/reports/kupiansk-evacuation/' });
    const source = (await first(getDb().select().from(articleSources).where(eq(articleSources.articleId, item.articleId))))!;
    expect(source).toMatchObject({ kind: 'url', requestedUrl: `${base}/old-address`, finalUrl: `${base}/graph-reportage.html`, contentType: 'text/html; charset=utf-8', rawHtml: page('graph-reportage.html') });
    expect(source.rawSha256).toBe(crypto.createHash('sha256').update(page('graph-reportage.html')).digest('hex'));
    expect(source.metadataSources).toMatchObject({ title: 'json-ld', outlet: 'json-ld' });
    expect((source.removed as { groups: Array<{ kind: string }> }).groups.map((g) => g.kind)).toContain('related links');
  });

  it('reports the same page again as a duplicate and stores nothing new', async () => {
    const before = await counts();
    const again = await importWebPage({ actor: lead.actor, projectId, url: `${base}/graph-reportage.html` });
    expect(again).toMatchObject({ imported: 0, duplicates: 1 });
    expect(await counts()).toEqual(before);
  });

  it('refuses with a clear 4xx and stores nothing: redirect to a private address, not HTML, 404, no article text, unreachable', async () => {
    expect(await refusedUrl(`${base}/to-private`)).toMatchObject({ status: 403, message: expect.stringMatching(/192\.168\.0\.1, a private address/) });
    expect(await refusedUrl(`${base}/file.pdf`)).toMatchObject({ status: 415 });
    expect(await refusedUrl(`${base}/nothing-here`)).toMatchObject({ status: 422, message: expect.stringMatching(/not found \(HTTP 404\)/) });
    expect(await refusedUrl(`${base}/no-article.html`)).toMatchObject({ status: 422, message: expect.stringMatching(/no article text found/) });
    expect(await refusedUrl('http://127.0.0.1:1/story')).toMatchObject({ status: 422, message: expect.stringMatching(/Could not reach/) });
  });

  it('checks the role before fetching anything', async () => {
    const before = hits;
    await expect(importWebPage({ actor: viewer.actor, projectId, url: `${base}/news-jsonld.html` })).rejects.toMatchObject({ status: 403 });
    expect(hits).toBe(before);
  });
});

describe('POST /api/projects/:id/imports with {"url"}', () => {
  const post = (body: unknown, token: string) => callRoute(route, { method: 'POST', url: `/api/projects/${projectId}/imports`, params: { projectId: String(projectId) }, token, body });

  it('imports a page (201) and refuses bad input with 400', async () => {
    const token = (await createToken({ actor: lead.actor, input: { name: 't' } })).token;
    const ok = await post({ url: `${base}/news-jsonld.html` }, token);
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ imported: 1, files: [{ imported: [{ title: 'Zelenskyy: Ukraine will never recognise occupied land as Russian', web: { metadataSources: { title: 'json-ld' } } }] }] });
    expect((await post({ url: '' }, token)).status).toBe(400);
    expect((await post({ url: 'ftp://example.com/x' }, token)).status).toBe(400);
    expect((await post({ url: `${base}/x`, extra: 1 }, token)).status).toBe(400);
  });
});

describe('.html upload keeps its provenance too', () => {
  it('stores the raw file and its sha256 next to the clean article', async () => {
    const html = page('blog-og.html');
    const result = await importBatch({ actor: lead.actor, projectId, files: [{ name: 'blog-og.html', bytes: new TextEncoder().encode(html) }] });
    const item = result.files[0].imported[0];
    expect(item.web?.removed.groups.map((g) => g.kind)).toEqual(['sidebar', 'share buttons', 'comments']);
    const source = (await first(getDb().select().from(articleSources).where(eq(articleSources.articleId, item.articleId))))!;
    expect(source).toMatchObject({ kind: 'html-file', fileName: 'blog-og.html', finalUrl: null, rawHtml: html });
  });
});
