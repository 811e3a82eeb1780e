/**
 * Issue 13 in the browser, against the real server: sign-out ends the session on the server
 * (a copied cookie stops working), "Sign out everywhere" in settings ends every session, a
 * password reset by an admin revokes the user's API tokens, a server action from another site
 * is a 403, and the import limits of docs/api.md are reachable through the real request path.
 */
import { test, expect, createTestUser, createProjectWith, signInThroughUi } from './fixtures';
import { createToken } from '@/lib/data/tokens';
import { SYSTEM } from '@/lib/data/actor';

const MB = 1024 * 1024;

test('signing out ends the session on the server: a copy of the cookie no longer works', async ({ browser }) => {
  const user = await createTestUser();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughUi(page, user.email);
  const copied = await context.cookies();
  expect((await context.request.get('/api/projects')).status()).toBe(200);
  await page.goto('/signout');
  const signedOut = page.waitForResponse((r) => r.url().includes('/api/auth/signout') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect((await signedOut).status()).toBe(200);
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  expect((await thief.request.get('/api/projects')).status()).toBe(401);
  await thief.close();
  await context.close();
});

test('"Sign out everywhere" in settings ends the sessions on every device', async ({ browser }) => {
  const user = await createTestUser();
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const laptopPage = await laptop.newPage();
  const phonePage = await phone.newPage();
  await signInThroughUi(laptopPage, user.email);
  await signInThroughUi(phonePage, user.email);
  expect((await phone.request.get('/api/projects')).status()).toBe(200);
  await laptopPage.goto('/settings');
  await laptopPage.getByRole('button', { name: 'Sign out everywhere' }).click();
  await laptopPage.waitForURL(/\/signin/);
  expect((await phone.request.get('/api/projects')).status()).toBe(401);
  await phonePage.goto('/settings');
  await expect(phonePage).toHaveURL(/\/signin/);
  await laptop.close();
  await phone.close();
});

test("an admin's password reset revokes the user's API tokens", async ({ browser, playwright }) => {
  const admin = await createTestUser({ admin: true });
  const user = await createTestUser();
  const { token } = await createToken({ actor: SYSTEM, input: { name: 'script', userId: user.id } });
  const api = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await api.get('/api/projects')).status()).toBe(200);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughUi(page, admin.email);
  await page.goto('/admin/users');
  await page.getByRole('button', { name: `Reset password of ${user.email}` }).click();
  await page.getByRole('button', { name: 'Reset and sign them out everywhere' }).click();
  await expect(page.getByText(`New password for ${user.email}`)).toBeVisible();
  expect((await api.get('/api/projects')).status()).toBe(401);
  await api.dispose();
  await context.close();
});

test('a server action posted from another site is refused with 403, not 500', async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  for (const origin of ['https://evil.example', 'null']) {
    const response = await api.post('/settings', { headers: { 'next-action': '00'.repeat(20), origin, 'content-type': 'text/plain;charset=UTF-8' }, data: '[]' });
    expect(response.status(), origin).toBe(403);
  }
  await api.dispose();
});

test.describe('import limits through the real server', () => {
  test.setTimeout(180_000);
  let token: string;
  let projectId: number;
  test.beforeAll(async () => {
    const lead = await createTestUser();
    projectId = (await createProjectWith([[lead, 'lead']])).id;
    token = (await createToken({ actor: SYSTEM, input: { name: 'imports', userId: lead.id } })).token;
  });
  const words = (n: number, seed: string) => {
    const out: string[] = [];
    let size = 0;
    for (let i = 0; size < n; i++) {
      const w = `${seed}${i.toString(36)} `;
      out.push(w);
      size += w.length;
    }
    return out.join('').slice(0, n);
  };

  test('a 16 MB JSON batch and an 11 MB file are imported; a 21 MB file and a 51 MB body get 413 with the limit', async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const url = `/api/projects/${projectId}/imports`;
    const articles = Array.from({ length: 9 }, (_, i) => ({ title: `Big ${i}`, body: words(1.9 * MB, `w${i}x`) }));
    const json = JSON.stringify({ articles });
    expect(json.length).toBeGreaterThan(16 * MB);
    let started = Date.now();
    const batch = await api.post(url, { data: json, headers: { 'content-type': 'application/json' } });
    console.log(`16 MB JSON batch: ${batch.status()} in ${Date.now() - started} ms`);
    expect(batch.status(), await batch.text()).toBe(201);

    const file = (name: string, bytes: number) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(words(bytes, name.slice(0, 3))) });
    started = Date.now();
    const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ title: `Line ${i}`, body: words(1.9 * MB, `l${i}y`) })).join('\n');
    expect(lines.length).toBeGreaterThan(11 * MB);
    const eleven = await api.post(url, { multipart: { files: { name: 'eleven.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines) } } });
    console.log(`11 MB .jsonl file: ${eleven.status()} in ${Date.now() - started} ms`);
    expect(eleven.status(), await eleven.text()).toBe(201);

    const big = await api.post(url, { multipart: { files: file('twentyone.txt', 21 * MB) } });
    expect(big.status()).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toContain('20 MB');

    const huge = await api.post(url, { data: JSON.stringify({ articles: [{ title: 'x', body: 'y'.repeat(51 * MB) }] }), headers: { 'content-type': 'application/json' } });
    expect(huge.status()).toBe(413);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toMatch(/52428800 bytes|50 MB/);
    await api.dispose();
  });
});
