/**
 * The smaller findings of issue 13 (item 8), each through HTTP and, where a rule lives there,
 * through lib/data: invalid UTF-8 is a 400; the Origin check compares the scheme; a server
 * action from another site is a 403 (proxy.ts), not Next's 500; only a lead learns whether an
 * email has an account; a deleted comment's text is in the history only for its author and
 * leads; a lead cannot give the final verdict on their own claim.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { callRoute, importRoute } from './routeCall';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { checkOrigin } from '@/lib/http/api';
import { memberIdByEmail } from '@/lib/data/projects';
import { addComment, deleteComment } from '@/lib/data/comments';
import { historyOf } from '@/lib/data/history';
import { finalizeVerdict, listVerdicts } from '@/lib/data/verdicts';
import { isAppError } from '@/lib/errors';
import { buildWorld, snapshot, type UserKind, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 60_000);

async function refusal(fn: () => unknown | Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await fn();
  } catch (error) {
    if (isAppError(error)) return { status: error.status, message: error.message };
    throw error;
  }
  return { status: 200, message: '' };
}

describe('invalid UTF-8 in a JSON body', () => {
  test('is refused with 400 and stores nothing (no U+FFFD in its place)', async () => {
    const mod = (await importRoute('/api/articles/:articleId/annotations'))!;
    const json = new TextEncoder().encode('{"label":"claim","start":0,"end":9,"note":"caf');
    const bytes = new Uint8Array([...json, 0xe9, ...new TextEncoder().encode('"}')]);
    const before = await snapshot();
    const result = await callRoute(mod, {
      method: 'POST', url: `/api/articles/${w.articleId}/annotations`, params: { articleId: String(w.articleId) },
      token: w.people.authorReviewer.token, rawBody: bytes, headers: { 'content-type': 'application/json' },
    });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('UTF-8') } });
    expect(await snapshot()).toBe(before);
  });
});

describe('the Origin check compares the scheme', () => {
  const request = (origin: string) => new Request('http://localhost/api/links', { method: 'POST', headers: { host: 'localhost', origin, cookie: 'x=1' } });
  test('an https Origin on this http site is refused; the same scheme passes', () => {
    expect(() => checkOrigin(request('https://localhost'))).toThrow(/Cross-site request refused/);
    expect(() => checkOrigin(request('http://localhost'))).not.toThrow();
  });
  test('through a route: 403 and nothing written', async () => {
    const mod = (await importRoute('/api/links'))!;
    const body = { fromAnnotationId: (await w.annotation()).id, toAnnotationId: (await w.annotation({ articleId: w.article2Id })).id, relation: 'corroborates' };
    const before = await snapshot();
    const result = await callRoute(mod, { method: 'POST', url: '/api/links', params: {}, token: w.people.authorReviewer.token, origin: 'https://localhost', body });
    expect(result.status).toBe(403);
    expect(await snapshot()).toBe(before);
  });
});

describe('server actions from another site', () => {
  const action = (origin: string | null) => {
    const headers = new Headers({ host: 'localhost', 'next-action': 'abc123', cookie: 'next-auth.session-token=x' });
    if (origin) headers.set('origin', origin);
    return new NextRequest('http://localhost/projects/1/members', { method: 'POST', headers });
  };
  test.each([['a foreign site', 'http://evil.example'], ['another scheme', 'https://localhost'], ['Origin: null', 'null'], ['no Origin', null]])('%s: 403, not 500', async (_what, origin) => {
    const response = proxy(action(origin));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/Cross-site request refused/);
  });
  test('this site passes on to the action', () => {
    const response = proxy(action('http://localhost'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });
});

describe('adding a member by email', () => {
  test('anyone but a lead gets the same answer for an email with an account and one without', async () => {
    for (const who of ['viewer', 'otherReviewer', 'nonMember'] as UserKind[]) {
      const actor = w.people[who].actor;
      const known = await refusal(async () => await memberIdByEmail({ actor, projectId: w.projectId, email: w.people.admin.email }));
      const unknown = await refusal(async () => await memberIdByEmail({ actor, projectId: w.projectId, email: 'nobody-here@example.test' }));
      expect(known, who).toEqual(unknown);
      expect(known.status, who).toBe(who === 'nonMember' ? 404 : 403);
    }
  });
  test('a lead learns it', async () => {
    const actor = w.people.lead.actor;
    expect(await memberIdByEmail({ actor, projectId: w.projectId, email: w.people.admin.email.toUpperCase() })).toBe(w.people.admin.id);
    expect((await refusal(async () => await memberIdByEmail({ actor, projectId: w.projectId, email: 'nobody-here@example.test' }))).status).toBe(404);
  });
});

describe("a deleted comment's text in the history", () => {
  const SECRET = 'my source is the minister';
  let annotationId: number;
  beforeAll(async () => {
    annotationId = (await w.annotation()).id;
    const author = w.people.otherReviewer.actor;
    const c = await addComment({ actor: author, target: { kind: 'annotation', id: annotationId }, input: { body: SECRET } });
    await deleteComment({ actor: author, commentId: c.id });
  });
  const historyText = async (who: UserKind) => JSON.stringify((await historyOf({ actor: w.people[who].actor, kind: 'annotation', id: annotationId })).entries);
  test('lib/data: hidden from other members, kept for its author and leads', async () => {
    expect(await historyText('viewer')).not.toContain(SECRET);
    expect(await historyText('authorReviewer')).not.toContain(SECRET);
    expect(await historyText('otherReviewer')).toContain(SECRET);
    expect(await historyText('lead')).toContain(SECRET);
  });
  test('HTTP: hidden from a viewer', async () => {
    const mod = (await importRoute('/api/annotations/:id/history'))!;
    const viewer = await callRoute(mod, { method: 'GET', url: `/api/annotations/${annotationId}/history`, params: { id: String(annotationId) }, token: w.people.viewer.token });
    const lead = await callRoute(mod, { method: 'GET', url: `/api/annotations/${annotationId}/history`, params: { id: String(annotationId) }, token: w.people.lead.token });
    expect(viewer.status).toBe(200);
    expect(viewer.text).not.toContain(SECRET);
    expect(lead.text).toContain(SECRET);
  });
});

describe('a final verdict on one\'s own claim', () => {
  test('lib/data: refused like settling one\'s own item; another lead may give it', async () => {
    const claim = (await w.annotation({ author: 'lead' })).id;
    const before = await snapshot();
    const refused = await refusal(async () => await finalizeVerdict({ actor: w.people.lead.actor, annotationId: claim, input: { verdict: 'false', rationale: 'Mine.' } }));
    expect(refused.status).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await listVerdicts({ actor: w.people.lead.actor, annotationId: claim })).canFinalize).toBe(false);
  });
  test('HTTP: 403', async () => {
    const claim = (await w.annotation({ author: 'lead' })).id;
    const mod = (await importRoute('/api/annotations/:id/verdicts'))!;
    const before = await snapshot();
    const result = await callRoute(mod, { method: 'POST', url: `/api/annotations/${claim}/verdicts`, params: { id: String(claim) }, token: w.people.lead.token, body: { verdict: 'true', rationale: 'Mine.', final: true } });
    expect(result.status).toBe(403);
    expect(await snapshot()).toBe(before);
  });
});
