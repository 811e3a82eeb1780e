/** The annotations route handlers, called directly with bearer tokens (status codes and headers). */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { callRoute, importRoute, type RouteModule } from '../security/routeCall';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createToken } from '@/lib/data/tokens';

let list: RouteModule, one: RouteModule, restore: RouteModule;
let articleId: number;
const tokens: Record<'author' | 'other' | 'viewer' | 'outsider', string> = { author: '', other: '', viewer: '', outsider: '' };
const BODY = '🇺🇦 Zelenskyy said Ukraine will not recognise occupied territories.';

beforeAll(async () => {
  list = (await importRoute('/api/articles/:articleId/annotations'))!;
  one = (await importRoute('/api/annotations/:id'))!;
  restore = (await importRoute('/api/annotations/:id/restore'))!;
  const people = await Promise.all([1, 2, 3, 4].map(() => makeUser()));
  const project = await makeProject([[people[0].user.id, 'reviewer'], [people[1].user.id, 'reviewer'], [people[2].user.id, 'viewer']]);
  articleId = (await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'API', body: BODY } })).id;
  for (const [i, k] of (['author', 'other', 'viewer', 'outsider'] as const).entries()) tokens[k] = (await createToken({ actor: people[i].actor, input: { name: 't' } })).token;
});

const create = (body: unknown, token = tokens.author) =>
  callRoute(list, { method: 'POST', url: `/api/articles/${articleId}/annotations`, params: { articleId: String(articleId) }, token, body });
const patch = (id: number, body: unknown, ifMatch: string | null, token = tokens.author) =>
  callRoute(one, { method: 'PATCH', url: `/api/annotations/${id}`, params: { id: String(id) }, token, body, headers: ifMatch === null ? {} : { 'if-match': ifMatch } });
const del = (id: number, token = tokens.author) => callRoute(one, { method: 'DELETE', url: `/api/annotations/${id}`, params: { id: String(id) }, token });

describe('annotations over HTTP', () => {
  it('creates with 201 and an ETag, lists with a cursor, and polls changes since it', async () => {
    const before = await callRoute(list, { method: 'GET', url: `/api/articles/${articleId}/annotations`, params: { articleId: String(articleId) }, token: tokens.viewer });
    expect(before.status).toBe(200);
    const cursor = (before.json as { cursor: number }).cursor;
    const start = BODY.indexOf('Zelenskyy');
    const res = await create({ label: 'quote', start, end: start + 9, exact: 'Zelenskyy', attributes: { speaker: 'Zelenskyy' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const since = await callRoute(list, { method: 'GET', url: `/api/articles/${articleId}/annotations?since=${cursor}`, params: { articleId: String(articleId) }, token: tokens.other });
    expect((since.json as { annotations: Array<{ exact: string; startCodePoint: number }> }).annotations).toMatchObject([{ exact: 'Zelenskyy', startCodePoint: 3 }]);
  });

  it.each([
    ['a surrogate split', { label: 'claim', start: 1, end: 5 }, 422],
    ['a server-owned field', { label: 'claim', start: 0, end: 2, authorId: 1 }, 400],
    ['an unknown label', { label: 'rumour', start: 0, end: 2 }, 400],
  ])('refuses %s with %i and the error JSON', async (_n, body, status) => {
    const res = await create(body);
    expect(res.status).toBe(status);
    expect((res.json as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
  });

  it('answers 403 to a viewer and 404 to a non-member', async () => {
    expect((await create({ label: 'claim', start: 5, end: 14 }, tokens.viewer)).status).toBe(403);
    expect((await create({ label: 'claim', start: 5, end: 14 }, tokens.outsider)).status).toBe(404);
  });

  it('needs If-Match on PATCH, answers 412 when stale, 403 to another reviewer, and undoes a delete', async () => {
    const created = (await create({ label: 'claim', start: 5, end: 14 })).json as { annotation: { id: number } };
    const id = created.annotation.id;
    expect((await patch(id, { note: 'x' }, null)).status).toBe(400);
    expect((await patch(id, { note: 'x' }, 'soon')).status).toBe(400);
    const ok = await patch(id, { note: 'first' }, '"1"');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect((await patch(id, { note: 'late' }, 'W/"1"')).status).toBe(412);
    expect((await patch(id, { note: 'mine' }, '"2"', tokens.other)).status).toBe(403);
    expect((await del(id, tokens.other)).status).toBe(403);
    expect((await del(id)).status).toBe(200);
    expect((await callRoute(one, { method: 'GET', url: `/api/annotations/${id}`, params: { id: String(id) }, token: tokens.author })).status).toBe(404);
    const back = await callRoute(restore, { method: 'POST', url: `/api/annotations/${id}/restore`, params: { id: String(id) }, token: tokens.author });
    expect(back.status).toBe(200);
    expect((back.json as { annotation: { note: string } }).annotation.note).toBe('first');
  });
});
