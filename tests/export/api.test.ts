/** The export and imports route handlers, called directly with bearer tokens. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from './fixtures';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { createToken } from '@/lib/data/tokens';

let f: Fixture;
let exportRoute: RouteModule;
let importsRoute: RouteModule;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  f = await buildFixture();
  exportRoute = (await importRoute('/api/projects/:projectId/export'))!;
  importsRoute = (await importRoute('/api/projects/:projectId/imports'))!;
  for (const [role, who] of Object.entries({ lead: f.lead, viewer: f.viewer, outsider: f.outsider })) {
    tokens[role] = (await createToken({ actor: who.actor, input: { name: 'test' } })).token;
  }
});

const get = (query: string, token = tokens.lead, projectId = f.project.id) =>
  callRoute(exportRoute, { method: 'GET', url: `/api/projects/${projectId}/export?${query}`, params: { projectId: String(projectId) }, token });

const post = (spec: { form?: FormData; body?: unknown }, token = tokens.lead) =>
  callRoute(importsRoute, { method: 'POST', url: `/api/projects/${f.project.id}/imports`, params: { projectId: String(f.project.id) }, token, ...spec });

describe('GET /api/projects/:id/export', () => {
  it('streams CSV as an attachment with counts in headers', async () => {
    const res = await get('format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${f.project.slug}-csv-\\d{8}T\\d{6}Z\\.csv"$`));
    expect(res.headers.get('x-export-annotations')).toBe('9');
    expect(res.text.split('\r\n')[0]).toMatch(/^article_id,article_title,/);
  });

  it('makes W3C IRIs absolute under the request origin', async () => {
    const res = await get('format=w3c');
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const [collection] = res.json as Array<{ id: string; first: { items: Array<{ id: string }> } }>;
    expect(collection.id).toMatch(/^http:\/\/localhost\/api\/projects\/\d+\/export\?format=w3c$/);
    expect(collection.first.items.every((i) => i.id.startsWith('http://localhost/api/'))).toBe(true);
  });

  it('answers 400 for an unknown format or filter, 403 for a viewer, 404 for a non-member', async () => {
    const bad = await get('format=pdf');
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { message: string } }).error.message).toMatch(/format: must be one of/);
    expect((await get('format=csv&sort=asc')).status).toBe(400);
    expect((await get('format=csv', tokens.viewer)).status).toBe(403);
    expect((await get('format=csv', tokens.outsider)).status).toBe(404);
    expect((await get('format=csv', tokens.lead, 987654)).status).toBe(404);
  });
});

describe('POST /api/projects/:id/imports', () => {
  it('imports uploaded files and pasted JSON articles', async () => {
    const form = new FormData();
    form.append('files', new File(['<h1>Uploaded page</h1><p onclick="x()">Body <script>bad()</script>text.</p>'], 'page.html'));
    form.append('files', new File(['{"title":"J","body":"From JSONL upload"}\n'], 'batch.jsonl'));
    const res = await post({ form });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ imported: 2, duplicates: 0 });
    const json = await post({ body: { articles: [{ title: 'Pasted', body: 'Pasted body text' }] } });
    expect(json.status).toBe(201);
  });

  it('refuses ../ names, unknown form fields, unknown JSON fields and non-leads, writing nothing', async () => {
    const form = new FormData();
    form.append('files', new File(['x'], '../../escape.txt'));
    const bad = await post({ form });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { message: string } }).error.message).toMatch(/escape\.txt: file names with "\.\.\/" or an absolute path are refused/);
    const other = new FormData();
    other.append('comment', 'hi');
    expect((await post({ form: other })).status).toBe(400);
    expect((await post({ body: { articles: [{ title: 'a', body: 'b' }], force: true } })).status).toBe(400);
    expect((await post({ body: { articles: [{ title: 'a', body: 'b', id: 4 }] } })).status).toBe(422);
    expect((await post({ body: { articles: [{ title: 'a', body: 'viewer text' }] } }, tokens.viewer)).status).toBe(403);
  });
});
