/**
 * Security headers on pages and API responses, the session cookie's flags, the Origin check
 * on state-changing requests made with the session cookie, and the request body cap.
 */
import { test, expect, signInThroughUi } from './fixtures';
import { createToken } from '@/lib/data/tokens';
import { SYSTEM } from '@/lib/data/actor';

const STRICT_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];

for (const url of ['/signin', '/api/health', '/projects']) {
  test(`${url} sends CSP without unsafe-eval, frame-ancestors 'none', nosniff and a strict referrer policy`, async ({ request }) => {
    const res = await request.get(url, { maxRedirects: 0 });
    const headers = res.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(STRICT_REFERRER).toContain(headers['referrer-policy']);
    expect(headers['x-powered-by']).toBeUndefined();
  });
}

test('the session cookie the sign-in page sets is HttpOnly and SameSite', async ({ page, viewer }) => {
  await signInThroughUi(page, viewer.email);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith('next-auth.session-token'));
  expect(session, 'a session cookie is set').toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(['Lax', 'Strict']).toContain(session!.sameSite);
  expect(session!.path).toBe('/');
});

test('a state-changing request with the session cookie from another origin (or none) gets 403', async ({ project, lead, pageAs }) => {
  const api = (await pageAs(lead)).request;
  const url = `/api/projects/${project.id}/articles`;
  const data = { title: 'csrf', body: 'Cross-site' };
  expect((await api.post(url, { data, headers: { origin: 'https://evil.example' } })).status()).toBe(403);
  expect((await api.post(url, { data })).status()).toBe(403);
  const ok = await api.post(url, { data, headers: { origin: process.env.E2E_BASE_URL! } });
  expect(ok.status(), 'the same request from this site is accepted').toBe(201);
  const listed = await api.get(url);
  const titles = ((await listed.json()) as { items: Array<{ title: string }> }).items.map((a) => a.title);
  expect(titles, 'only the same-site request wrote').toEqual(['csrf']);
});

test('request bodies are capped: 4 MB of JSON gets 413', async ({ project, lead, request }) => {
  const { token } = await createToken({ actor: SYSTEM, input: { name: 'e2e', userId: lead.id } });
  const res = await request.post(`/api/projects/${project.id}/articles`, {
    headers: { authorization: `Bearer ${token}` },
    data: { title: 'huge', body: 'x'.repeat(4 * 1024 * 1024) },
  });
  expect(res.status()).toBe(413);
  expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
});
