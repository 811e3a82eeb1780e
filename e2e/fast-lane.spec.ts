/**
 * The write fast lane (server/fastLane.ts) serves the hot write routes beside Next.js. Through
 * the real server: its answers carry the same security headers as Next's, a browser session
 * works there, a cross-site request is refused with nothing written, and bodies are capped.
 */
import { test, expect, createTestArticle } from './fixtures';

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];
const BODY = 'Голова заявив: «Жодних поступок» 🇺🇦. The ministry disagreed — firmly. 他说不会。';

test('fast-lane writes carry the same security headers as responses from Next.js', async ({ project, reviewer, request, pageAs }) => {
  const article = await createTestArticle(project, { title: 'Headers', body: BODY });
  const api = (await pageAs(reviewer)).request;
  const origin = process.env.E2E_BASE_URL!;
  const created = await api.post(`/api/articles/${article.id}/annotations`, { data: { label: 'claim', start: 0, end: 5 }, headers: { origin } });
  expect(created.status()).toBe(201);
  expect(created.headers()['content-type']).toContain('application/json');
  expect(created.headers()['etag']).toBe('"1"');
  const fromNext = (await request.get('/api/health')).headers();
  for (const name of SECURITY_HEADERS) expect(created.headers()[name], name).toBe(fromNext[name]);
  // A refusal from the fast lane is dressed the same way.
  const refused = await api.post(`/api/articles/${article.id}/annotations`, { data: { label: 'claim', start: 5, end: 0 }, headers: { origin } });
  expect(refused.status()).toBe(400);
  for (const name of SECURITY_HEADERS) expect(refused.headers()[name], name).toBe(fromNext[name]);
});

test('a browser session writes through the fast lane; another origin, a forged cookie or an oversized body change nothing', async ({ project, reviewer, playwright, pageAs }) => {
  const article = await createTestArticle(project, { title: 'Session', body: BODY });
  const api = (await pageAs(reviewer)).request;
  const url = `/api/articles/${article.id}/annotations`;
  const origin = process.env.E2E_BASE_URL!;
  const start = BODY.indexOf('The ministry');
  const span = { label: 'claim', start, end: start + 'The ministry disagreed'.length, note: 'двічі 🧾' };

  expect((await api.post(url, { data: span, headers: { origin: 'https://evil.example' } })).status()).toBe(403);
  expect((await api.post(url, { data: span })).status(), 'no Origin and no bearer token').toBe(403);
  const huge = await api.post(url, { data: { ...span, note: 'x'.repeat(70 * 1024) }, headers: { origin } });
  expect(huge.status()).toBe(413);
  expect(((await huge.json()) as { error: { message: string } }).error.message).toBe('The request body is larger than 65536 bytes.');
  // Past what the lane reads ahead (256 KB) the rest is never read; the answer is the same.
  const giant = await api.post(url, { data: { ...span, note: 'x'.repeat(3 * 1024 * 1024) }, headers: { origin } });
  expect(giant.status()).toBe(413);
  expect(((await giant.json()) as { error: { message: string } }).error.message).toBe('The request body is larger than 65536 bytes.');

  const forged = await playwright.request.newContext({ baseURL: origin, extraHTTPHeaders: { cookie: 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged', origin } });
  expect((await forged.post(url, { data: span })).status()).toBe(401);
  await forged.dispose();

  expect(((await (await api.get(url)).json()) as { annotations: unknown[] }).annotations, 'nothing was written').toHaveLength(0);
  const ok = await api.post(url, { data: span, headers: { origin } });
  expect(ok.status()).toBe(201);
  const { annotation } = (await ok.json()) as { annotation: { id: number; exact: string; note: string; authorName: string; startCodePoint: number } };
  expect(annotation).toMatchObject({ exact: 'The ministry disagreed', note: 'двічі 🧾', authorName: reviewer.name });
  expect(annotation.startCodePoint).toBe([...BODY.slice(0, start)].length);
  const listed = ((await (await api.get(url)).json()) as { annotations: Array<{ id: number }> }).annotations;
  expect(listed.map((a) => a.id), 'Next.js reads what the fast lane wrote').toEqual([annotation.id]);
});
