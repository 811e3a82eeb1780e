/**
 * The fast lane's transport on a real Node HTTP server (no Next.js): what it hands to the route
 * handlers and what it refuses. Sessions are real next-auth tokens; every refusal is checked to
 * have written nothing.
 */
import http from 'node:http';
import net from 'node:net';
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { eq } from 'drizzle-orm';
import { countRows, getDb } from '@/lib/db/client';
import { first } from '@/lib/db/query';
import { annotations, users } from '@/lib/db/tables';
import { startSession } from '@/lib/data/sessions';
import { importArticle } from '@/lib/data/articles';
import { createToken } from '@/lib/data/tokens';
import { disableUser, resetPassword } from '@/lib/data/users';
import { SYSTEM } from '@/lib/data/actor';
import { authSecret } from '@/lib/config';
import { makeProject, makeUser } from '../helpers';

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
process.env.NEXTAUTH_URL ??= 'http://localhost';

const BODY = 'The minister said «we will not cede an inch» 🇺🇦 — critics called it bluster. 批评者不同意。';
let server: http.Server;
let base: string;
let articleId: number;
let token: string;
let reviewer: Awaited<ReturnType<typeof makeUser>>;

const annotationCount = async () => countRows(getDb(), annotations, eq(annotations.articleId, articleId));

const storedSessionVersion = async (userId: number) => (await first(getDb().select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId))))!.v;

/** A next-auth session cookie as sign-in makes it: uid and the user's current sessionVersion. */
async function sessionCookie(user: { id: number }, maxAge = 3600, sv?: number) {
  sv ??= await storedSessionVersion(user.id);
  const session = await startSession(user.id);
  const jwt = await encode({ token: { uid: user.id, sv, sid: session.id, sat: Math.floor(session.signedInAt / 1000) }, secret: authSecret(), maxAge });
  return `next-auth.session-token=${jwt}`;
}

/** A request through node:http, for what fetch will not send (a raw header list, a bad Host). */
function rawPost(path: string, headers: http.OutgoingHttpHeaders | string[], body: string, setHost = true): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: 'POST', setHost, headers: headers as http.OutgoingHttpHeaders }, (r) => {
      r.resume();
      r.on('end', () => resolve(r.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function post(path: string, body: string, headers: Record<string, string>) {
  return fetch(base + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

beforeAll(async () => {
  const lane = await import('@/server/fastLane');
  const { matchDirectRoute } = await import('@/lib/api/routes');
  server = http.createServer((req, res) => {
    const match = matchDirectRoute(req.method, req.url);
    if (match) void lane.serveFast(req, res, match);
    else res.writeHead(418).end('not in the lane');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  reviewer = await makeUser();
  const project = await makeProject([[reviewer.user.id, 'reviewer']]);
  articleId = (await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Lane', body: BODY } })).id;
  token = (await createToken({ actor: SYSTEM, input: { name: 'lane', userId: reviewer.user.id } })).token;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const span = () => {
  const start = BODY.indexOf('critics');
  return JSON.stringify({ label: 'claim', start, end: start + 'critics called it bluster'.length });
};

describe('the fast lane over HTTP', () => {
  it('creates with a bearer token and answers like the route: 201, ETag, code points, security headers', async () => {
    const before = (await annotationCount());
    const res = await post(`/api/articles/${articleId}/annotations`, span(), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const { annotation } = (await res.json()) as { annotation: { exact: string; startCodePoint: number } };
    expect(annotation.exact).toBe('critics called it bluster');
    expect(annotation.startCodePoint).toBe([...BODY.slice(0, BODY.indexOf('critics'))].length);
    expect((await annotationCount())).toBe(before + 1);
  });

  it('answers as the Next.js handler of the same route does: status, headers, JSON (a success and a refusal)', async () => {
    const { apiRoute } = await import('@/lib/api/routes');
    const handler = apiRoute('POST', '/api/articles/:articleId/annotations');
    const viaNext = (body: string, id = articleId) =>
      handler(new Request(`http://localhost/api/articles/${id}/annotations`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }), { params: Promise.resolve({ articleId: String(id) }) });
    const pairs = [
      [await post(`/api/articles/${articleId}/annotations`, span(), { authorization: `Bearer ${token}` }), await viaNext(span())],
      [await post('/api/articles/999999/annotations', span(), { authorization: `Bearer ${token}` }), await viaNext(span(), 999999)],
    ];
    for (const [lane, next] of pairs) {
      expect(lane.status).toBe(next.status);
      expect(lane.headers.get('content-type')).toBe(next.headers.get('content-type'));
      expect(lane.headers.get('etag')).toBe(next.headers.get('etag'));
      const [a, b] = [(await lane.json()) as Record<string, unknown>, (await next.json()) as Record<string, unknown>];
      const { annotation: laneAnnotation, ...laneRest } = a as { annotation?: Record<string, unknown> };
      const { annotation: nextAnnotation, ...nextRest } = b as { annotation?: Record<string, unknown> };
      expect(laneRest).toEqual(nextRest);
      expect(Object.keys(laneAnnotation ?? {})).toEqual(Object.keys(nextAnnotation ?? {}));
      expect(laneAnnotation?.exact).toBe(nextAnnotation?.exact);
    }
    expect(pairs.map(([lane]) => lane.status)).toEqual([201, 404]);
  });

  it('a session cookie works with this site as Origin, and is refused from another site or without Origin', async () => {
    const cookie = await sessionCookie(reviewer.user);
    const before = (await annotationCount());
    expect((await post(`/api/articles/${articleId}/annotations`, span(), { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(`/api/articles/${articleId}/annotations`, span(), { cookie })).status).toBe(403);
    expect((await annotationCount())).toBe(before);
    const ok = await post(`/api/articles/${articleId}/annotations`, span(), { cookie, origin: base, host: new URL(base).host });
    expect(ok.status).toBe(201);
    expect((await annotationCount())).toBe(before + 1);
  });

  it('refuses an expired, forged or outdated session and a disabled user with 401, writing nothing', async () => {
    const other = await makeUser();
    await makeProject([[other.user.id, 'reviewer']]);
    const before = (await annotationCount());
    const expired = await sessionCookie(reviewer.user, -60);
    const forged = `next-auth.session-token=${(await sessionCookie(reviewer.user)).split('=')[1].slice(0, -4)}AAAA`;
    const stale = await sessionCookie(reviewer.user, 3600, (await storedSessionVersion(reviewer.user.id)) + 1);
    for (const cookie of [expired, forged, stale]) {
      const res = await post(`/api/articles/${articleId}/annotations`, span(), { cookie, origin: base });
      expect(res.status, cookie.slice(0, 40)).toBe(401);
    }
    const victim = await makeUser();
    const project = await makeProject([[victim.user.id, 'reviewer']]);
    const victimArticle = (await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Victim', body: `${BODY} (2)` } })).id;
    const victimCookie = await sessionCookie(victim.user);
    await resetPassword({ actor: SYSTEM, input: { userId: victim.user.id } });
    expect((await post(`/api/articles/${victimArticle}/annotations`, span(), { cookie: victimCookie, origin: base })).status, 'signed out everywhere').toBe(401);
    const victimToken = (await createToken({ actor: SYSTEM, input: { name: 'v', userId: victim.user.id } })).token;
    await disableUser({ actor: SYSTEM, input: { userId: victim.user.id } });
    expect((await post(`/api/articles/${victimArticle}/annotations`, span(), { authorization: `Bearer ${victimToken}` })).status).toBe(401);
    expect((await annotationCount())).toBe(before);
  });

  it('of a repeated session cookie the last one counts, as for pages; a Host that makes no URL is no 500', async () => {
    const valid = (await sessionCookie(reviewer.user)).split('=')[1];
    const url = `/api/articles/${articleId}/annotations`;
    const lastValid = await post(url, span(), { cookie: `next-auth.session-token=garbage; next-auth.session-token=${valid}`, origin: base });
    expect(lastValid.status).toBe(201);
    const lastGarbage = await post(url, span(), { cookie: `next-auth.session-token=${valid}; next-auth.session-token=garbage`, origin: base });
    expect(lastGarbage.status).toBe(401);
    const status = await rawPost(url, { host: '[bad', authorization: `Bearer ${token}`, 'content-type': 'application/json' }, span(), false);
    expect(status).toBe(201);
  });

  it('a chunked upload past the read-ahead gets the route\'s own 413 and the connection is closed', async () => {
    const before = (await annotationCount());
    const status = await new Promise<{ status: number; body: string; closed: boolean }>((resolve, reject) => {
      const req = http.request(`${base}/api/articles/${articleId}/annotations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, closed: res.headers.connection === 'close' }));
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      req.write('{"label":"claim","start":0,"end":3,"note":"');
      // 2 MB announced by nobody: no Content-Length, so only the streaming caps can stop it.
      for (let i = 0; i < 32; i++) req.write(chunk);
      req.end('"}');
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body).error.message).toBe('The request body is larger than 65536 bytes.');
    expect(status.closed).toBe(true);
    expect((await annotationCount())).toBe(before);
  });

  it('a chunked body past the route\'s 64 KB cap but within the read-ahead gets 413 and keeps the connection', async () => {
    const before = (await annotationCount());
    const note = 'é'.repeat(33 * 1024); // 66 KB of UTF-8, sent without a Content-Length
    const res = await new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      const req = http.request(`${base}/api/articles/${articleId}/annotations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body, connection: r.headers.connection }));
      });
      req.on('error', reject);
      req.end(`{"label":"claim","start":0,"end":3,"note":"${note}"}`);
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toBe('The request body is larger than 65536 bytes.');
    expect(res.connection).not.toBe('close');
    expect((await annotationCount())).toBe(before);
  });

  it('bytes that are not UTF-8, text that is not JSON and a body that is not JSON each get their 4xx and write nothing', async () => {
    const before = (await annotationCount());
    const path = `/api/articles/${articleId}/annotations`;
    const bad = await fetch(base + path, { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/not valid UTF-8/);
    const notJson = await post(path, '{"label": «claim»}', { authorization: `Bearer ${token}` });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    const form = await fetch(base + path, { method: 'POST', body: 'label=claim', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` } });
    expect(form.status).toBe(415);
    expect(form.headers.get('content-type')).toBe('application/json');
    expect(form.headers.get('x-frame-options')).toBe('DENY');
    expect((await annotationCount())).toBe(before);
  });

  it('a repeated Authorization header is treated as Node (and Next.js) treat it: the first one counts', async () => {
    const headers = ['host', new URL(base).host, 'authorization', `Bearer ${token}`, 'authorization', 'Bearer fcw_someone-else', 'content-type', 'application/json'];
    const res = await rawPost(`/api/articles/${articleId}/annotations`, headers, span());
    expect(res).toBe(201);
  });

  it('a client that hangs up mid-body writes nothing, and the lane keeps serving', async () => {
    const before = (await annotationCount());
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(new URL(base).port), '127.0.0.1', () => {
        socket.write(`POST /api/articles/${articleId}/annotations HTTP/1.1\r\nHost: ${new URL(base).host}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"label":"claim",`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 50));
    expect((await annotationCount())).toBe(before);
    expect((await post(`/api/articles/${articleId}/annotations`, span(), { authorization: `Bearer ${token}` })).status).toBe(201);
  });

  it('hands anything but an exact write route to Next.js', async () => {
    expect((await fetch(`${base}/api/articles/${articleId}/annotations`)).status).toBe(418);
    expect((await post(`/api/articles/${articleId}/annotations/`, span(), { authorization: `Bearer ${token}` })).status).toBe(418);
  });
});
