/**
 * Hostile input: spans and offsets, Unicode, HTML in displayed fields, search and export
 * parameters, request bodies, sessions and cross-site requests. Every refusal must be a clear
 * 4xx in the {error: {code, message}} format AND leave every domain table as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { encode } from 'next-auth/jwt';
import { and, count, eq } from 'drizzle-orm';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { createToken, revokeToken } from '@/lib/data/tokens';
import { startSession } from '@/lib/data/sessions';
import { createAnnotation } from '@/lib/data/annotations';
import { reviewAnnotation } from '@/lib/data/reviews';
import { exportProject } from '@/lib/data/exports';
import { importBatch } from '@/lib/data/imports';
import { createProject, setMember } from '@/lib/data/projects';
import { isAppError } from '@/lib/errors';
import { safeCallbackUrl } from '@/lib/auth/safeCallback';
import { getDb } from '@/lib/db/client';
import { annotations, apiTokens, articles, reviews, users } from '@/lib/db/tables';
import { HOSTILE_API_CASES, type HostileCase, type HostileContext } from './hostileCases';
import { HOSTILE_ARTICLE_CASES, HOSTILE_QUERY_CASES } from './hostileArticleCases';
import { HOSTILE_IMPORT_CASES } from './hostileImportCases';
import { callRoute, importRoute, routeFile, type CallSpec } from './routeCall';
import { ACTOR_LABELS, buildWorld, restoreCast, snapshot, tableCounts } from './world';
import { exec, first } from '@/lib/db/query';

const ROOT = path.resolve(__dirname, '..', '..');
const SECRET = process.env.AUTH_SECRET!;
let ctx: HostileContext;

beforeAll(async () => {
  const w = await buildWorld();
  const body = 'Flag 😀 then café, then 🇺🇦 and the end.';
  const article = await importArticle({ actor: SYSTEM, projectId: w.projectId, input: { title: 'Unicode', body } });
  ctx = {
    w,
    unicodeArticle: { id: article.id, body: body.normalize('NFC') },
    deletedAnnotation: async () => {
      const a = await w.annotation();
      await exec(getDb().update(annotations).set({ deletedAt: new Date(1) }).where(eq(annotations.id, a.id)));
      return a.id;
    },
  };
}, 60_000);

function hasRoute(pattern: string, method: string): boolean {
  const file = path.join(ROOT, routeFile(pattern));
  return fs.existsSync(file) && new RegExp(`export (const|async function|function) ${method}\\b`).test(fs.readFileSync(file, 'utf8'));
}

function urlFor(pattern: string, params: Record<string, string>, query?: string): string {
  const p = Object.entries(params).reduce((acc, [k, v]) => acc.replace(`:${k}`, encodeURIComponent(v)), pattern);
  return query ? `${p}?${query}` : p;
}

/** Calls a route and checks the answer is one of `expected`, in the error format, changing nothing. */
async function expectRefused(pattern: string, spec: Omit<CallSpec, 'url'> & { query?: string }, expected: number[]) {
  const mod = await importRoute(pattern);
  const before = await snapshot();
  const counts = await tableCounts();
  const result = await callRoute(mod!, { ...spec, url: urlFor(pattern, spec.params, spec.query) });
  expect(expected, `got ${result.status}: ${result.text.slice(0, 300)}`).toContain(result.status);
  if (result.status >= 400) {
    expect(result.json, 'error format').toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(result.text, 'no stack trace').not.toMatch(/\n\s+at /);
    expect((await snapshot()) === before, `the database changed: ${JSON.stringify(counts)} -> ${JSON.stringify(await tableCounts())}`).toBe(true);
  }
  return result;
}

const ALL = [...HOSTILE_API_CASES, ...HOSTILE_ARTICLE_CASES, ...HOSTILE_QUERY_CASES, ...HOSTILE_IMPORT_CASES];
const absent = [...new Set(ALL.filter((c) => !hasRoute(c.path, c.method)).map((c) => `${c.method} ${c.path}`))];
test('every route the hostile cases name exists', () => {
  expect(absent).toEqual([]);
});

function runCase(c: HostileCase) {
  test(`${c.method} ${c.path}: ${c.name} -> ${c.expect.join(' or ')}`, async () => {
    const call = await c.build(ctx);
    const as = c.as ?? 'authorReviewer';
    const token = call.token !== undefined ? call.token : as === 'anonymous' ? null : ctx.w.people[as].token;
    try {
      await expectRefused(c.path, { method: c.method, params: call.params, query: call.query, body: call.body, rawBody: call.rawBody, form: call.form, headers: call.headers, token, origin: call.origin }, c.expect);
    } finally {
      await restoreCast(ctx.w);
    }
  });
}

for (const group of [...new Set(ALL.map((c) => c.group))]) {
  describe(`hostile ${group}`, () => ALL.filter((c) => c.group === group).forEach(runCase));
}

describe('HTML and script in displayed fields are stored and served verbatim as JSON text', () => {
  const PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  test.each(['title', 'outlet', 'author'])('article %s', async (field) => {
    const mod = await importRoute('/api/projects/:projectId/articles');
    const input = { title: 'ok', body: `Body for ${field} ${Math.random()}`, [field]: `${field} ${PAYLOAD}` };
    const params = { projectId: String(ctx.w.projectId) };
    const res = await callRoute(mod!, { method: 'POST', url: urlFor('/api/projects/:projectId/articles', params), params, token: ctx.w.people.lead.token, body: input });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect((res.json as { article: Record<string, string> }).article[field]).toBe(`${field} ${PAYLOAD}`);
  });
  test('article body with markup keeps every character (no HTML is interpreted)', async () => {
    const body = `<p onclick="x()">Hi</p>\n<script>alert(3)</script> &amp; &lt; ${Math.random()}`;
    const a = await importArticle({ actor: ctx.w.people.lead.actor, projectId: ctx.w.projectId, input: { title: PAYLOAD, body } });
    const stored = await first(getDb().select({ body: articles.body, title: articles.title }).from(articles).where(eq(articles.id, a.id)));
    expect(stored).toEqual({ body, title: PAYLOAD });
  });
});

async function sessionCookie(userId: number, opts: { secret?: string; maxAge?: number; sv?: number } = {}) {
  const sv = opts.sv ?? (await first(getDb().select().from(users).where(eq(users.id, userId))))!.sessionVersion;
  const session = await startSession(userId);
  const jwt = await encode({ token: { uid: userId, sv, sub: String(userId), sid: session.id, sat: Math.floor(session.signedInAt / 1000) }, secret: opts.secret ?? SECRET, maxAge: opts.maxAge ?? 3600 });
  return `next-auth.session-token=${jwt}`;
}

describe('hostile sessions: forged, expired and revoked credentials get 401', () => {
  const cases: Array<[string, () => Promise<Partial<CallSpec>>]> = [
    ['a random bearer token', async () => ({ headers: { authorization: 'Bearer fcw_' + 'A'.repeat(43) } })],
    ['a revoked bearer token', async () => {
      const t = await createToken({ actor: ctx.w.people.lead.actor, input: { name: 'to revoke' } });
      await revokeToken({ actor: ctx.w.people.lead.actor, tokenId: t.id });
      return { token: t.token };
    }],
    ['a 10,000-character bearer token', async () => ({ token: 'fcw_' + 'x'.repeat(10_000) })],
    ['a bearer token with SQL in it', async () => ({ token: "fcw_' OR '1'='1" })],
    ['an empty Bearer header', async () => ({ headers: { authorization: 'Bearer ' } })],
    ['Basic credentials', async () => ({ headers: { authorization: 'Basic ' + Buffer.from('a:b').toString('base64') } })],
    ['a session cookie signed with another secret', async () => ({ cookie: await sessionCookie(ctx.w.people.lead.id, { secret: 'not-the-secret' }) })],
    ['an expired session cookie', async () => ({ cookie: await sessionCookie(ctx.w.people.lead.id, { maxAge: -60 }) })],
    ['a session cookie from before "sign out everywhere"', async () => ({ cookie: await sessionCookie(ctx.w.people.lead.id, { sv: 0 }) })],
    ['a session cookie of a disabled user', async () => ({ cookie: await sessionCookie(ctx.w.people.disabled.id) })],
    ['a garbage session cookie', async () => ({ cookie: 'next-auth.session-token=eyJhbGciOiJub25lIn0.e30.' })],
  ];
  test.each(cases)('%s', async (_name, make) => {
    const extra = await make();
    await expectRefused('/api/projects', { method: 'GET', params: {}, ...extra }, [401]);
  });
});

describe('cross-site requests: a state-changing request from another origin gets 403', () => {
  const params = () => ({ projectId: String(ctx.w.projectId) });
  const body = () => ({ title: 'csrf', body: `Cross-site attempt ${Math.random()}` });
  const cases: Array<[string, string | null, boolean]> = [
    ['a foreign Origin with the session cookie', 'https://evil.example', false],
    ['no Origin with the session cookie', null, false],
    ['Origin "null" (sandboxed frame) with the session cookie', 'null', false],
    ['a look-alike Origin (localhost.evil.example)', 'http://localhost.evil.example', false],
    ['a foreign Origin with a bearer token', 'https://evil.example', true],
  ];
  test.each(cases)('%s', async (_name, origin, bearer) => {
    const auth = bearer ? { token: ctx.w.people.lead.token } : { cookie: await sessionCookie(ctx.w.people.lead.id) };
    await expectRefused('/api/projects/:projectId/articles', { method: 'POST', params: params(), body: body(), origin, ...auth }, [403]);
  });
  test('control: the same cookie from this site is accepted (so the 403s above are the Origin check)', async () => {
    const mod = await importRoute('/api/projects/:projectId/articles');
    const res = await callRoute(mod!, { method: 'POST', url: `/api/projects/${ctx.w.projectId}/articles`, params: params(), body: body(), cookie: await sessionCookie(ctx.w.people.lead.id) });
    expect(res.status).toBe(201);
  });
});

describe('hostile callbackUrl after sign-in stays on this site', () => {
  test.each([
    '//evil.example/x',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\t/evil.example',
    '\\\\evil.example',
    '%2F%2Fevil.example',
    ' //evil.example',
    '/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n'),
  ])('%j -> /projects', (value) => {
    expect(safeCallbackUrl(value)).toBe('/projects');
  });
  test('an array takes only its first value', () => expect(safeCallbackUrl(['//evil.example', '/projects/1'])).toBe('/projects'));
  test('a local path is kept', () => expect(safeCallbackUrl('/projects/3/articles/9?x=1#a')).toBe('/projects/3/articles/9?x=1#a'));
});

describe('request bodies are capped while they stream in', () => {
  /** A multipart upload without Content-Length that never ends on its own (at most 120 MB). */
  function endlessUpload(pulled: { chunks: number }) {
    const boundary = 'hostileboundary';
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`);
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled.chunks++;
        if (pulled.chunks === 1) controller.enqueue(head);
        else if (pulled.chunks > 120) {
          controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
          controller.close();
        }
        else controller.enqueue(chunk);
      },
    });
    return { stream, type: `multipart/form-data; boundary=${boundary}` };
  }
  test('a chunked import upload is cut off near the 50 MB cap with 413, not read to the end', async () => {
    const mod = await importRoute('/api/projects/:projectId/imports');
    if (!mod?.POST) return;
    const pulled = { chunks: 0 };
    const { stream, type } = endlessUpload(pulled);
    const request = new Request(`http://localhost/api/projects/${ctx.w.projectId}/imports`, {
      method: 'POST',
      headers: { host: 'localhost', authorization: `Bearer ${ctx.w.people.lead.token}`, 'content-type': type },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const before = await snapshot();
    const response = await mod.POST(request, { params: Promise.resolve({ projectId: String(ctx.w.projectId) }) });
    expect(response.status).toBe(413);
    expect(pulled.chunks, 'MB read before refusing').toBeLessThanOrEqual(60);
    expect(await snapshot()).toBe(before);
  });
});

describe('imports cannot forge who did the work', () => {
  test('a native JSONL import cannot plant a review by the annotation\'s own author (no self-review)', async () => {
    const a = await createAnnotation({ actor: ctx.w.people.authorReviewer.actor, articleId: ctx.w.article2Id, input: { label: 'claim', start: 0, end: 9 } });
    await reviewAnnotation({ actor: ctx.w.people.otherReviewer.actor, id: a.id, input: { decision: 'accept' } });
    const out = await exportProject({ actor: ctx.w.people.lead.actor, projectId: ctx.w.projectId, request: { format: 'jsonl', articles: String(ctx.w.article2Id) }, baseUrl: 'http://localhost' });
    let text = '';
    for await (const chunk of out.chunks) text += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    const author = { id: ctx.w.people.authorReviewer.id, name: ACTOR_LABELS.authorReviewer };
    const forged = text.trim().split('\n').map((line) => {
      const value = JSON.parse(line);
      if (value.type === 'article') for (const an of value.annotations) for (const r of an.reviews) r.reviewer = author;
      return JSON.stringify(value);
    });
    const target = await createProject({ actor: SYSTEM, input: { name: 'Import target', slug: `import-target-${Date.now()}` } });
    await setMember({ actor: SYSTEM, projectId: target.id, input: { userId: ctx.w.people.lead.id, role: 'lead' } });
    await setMember({ actor: SYSTEM, projectId: target.id, input: { userId: ctx.w.people.authorReviewer.id, role: 'reviewer' } });
    try {
      await importBatch({ actor: ctx.w.people.lead.actor, projectId: target.id, files: [{ name: 'forged.jsonl', bytes: new TextEncoder().encode(forged.join('\n') + '\n') }] });
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
    }
    const selfReviews = await first(
      getDb()
        .select({ n: count() })
        .from(reviews)
        .innerJoin(annotations, eq(annotations.id, reviews.annotationId))
        .where(and(eq(annotations.projectId, target.id), eq(reviews.reviewerId, annotations.authorId))),
    );
    expect(selfReviews?.n, 'reviews by the author of the reviewed annotation').toBe(0);
  });
});

describe('server-owned fields in lib/data', () => {
  test('a user cannot create a token for someone else: the userId is ignored and the token is theirs', async () => {
    const t = await createToken({ actor: ctx.w.people.viewer.actor, input: { name: 'sneaky', userId: ctx.w.people.lead.id } });
    const owner = await first(getDb().select({ userId: apiTokens.userId }).from(apiTokens).where(eq(apiTokens.id, t.id)));
    expect(owner?.userId).toBe(ctx.w.people.viewer.id);
  });
});
