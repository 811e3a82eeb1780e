/**
 * Two app processes on one database (issue 17, point 3): a second `npm start` server on
 * another port, sharing the first one's DATA_DIR, serves the same data under the same rules.
 * A session made on one instance works on the other (no sticky routing), sign-in throttling
 * counts failures made on either, and a tag made through one instance reaches a reader open
 * on the other within 2 s (its live stream watches the shared event log).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { test, expect, Reader, createTestArticle } from './fixtures';
import { signedInState } from './support/session';

const BASE_A = process.env.E2E_BASE_URL!;
const BODY = 'Зеленський заявив, що Україна не визнає окуповані території 🇺🇦. Le Kremlin n’a pas commenté.';
const CLAIM = 'Україна не визнає окуповані території';

let second: ChildProcess | null = null;
let BASE_B = '';
let secondLog = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  const port = await freePort();
  BASE_B = `http://127.0.0.1:${port}`;
  // The same built server `npm start` runs, on the first instance's database.
  second = spawn(process.execPath, [path.resolve('.next/workbench-server.js')], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATA_DIR: process.env.E2E_DATA_DIR!, IMPORT_ALLOWED_HOSTS: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  second.stdout!.on('data', (chunk) => (secondLog += chunk));
  second.stderr!.on('data', (chunk) => (secondLog += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${BASE_B}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline || second.exitCode !== null) throw new Error(`The second instance did not start:\n${secondLog.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  second?.kill('SIGTERM');
});

test('a session made on one instance works on the other, both ways', async ({ project, reviewer, otherReviewer }) => {
  for (const [made, used, user] of [[BASE_A, BASE_B, reviewer], [BASE_B, BASE_A, otherReviewer]] as const) {
    const state = await signedInState(made, user);
    const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const answer = await fetch(`${used}/api/projects`, { headers: { cookie } });
    expect(answer.status, `signed in on ${made}, asked ${used}`).toBe(200);
    const body = (await answer.json()) as { projects: Array<{ id: number }> };
    expect(body.projects.map((p) => p.id)).toContain(project.id);
  }
  // Without a session, neither instance answers.
  expect((await fetch(`${BASE_B}/api/projects`)).status).toBe(401);
});

test('failed sign-ins on one instance throttle the other', async ({ reviewer }) => {
  const attempt = async (base: string) => {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const cookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    return fetch(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email: reviewer.email, password: 'wrong password', json: 'true' }),
    });
  };
  const said = async (answer: Response) => decodeURIComponent(`${answer.headers.get('location') ?? ''} ${await answer.text()}`);
  // One failure on B, four on A: five in all, the throttle's limit for an account and address.
  expect(await said(await attempt(BASE_B))).not.toMatch(/Too many failed sign-ins/);
  for (let i = 0; i < 4; i++) expect(await said(await attempt(BASE_A))).not.toMatch(/Too many failed sign-ins/);
  // The sixth try, on B again, is refused with the throttle's own words.
  expect(await said(await attempt(BASE_B))).toMatch(/Too many failed sign-ins/);
});

test('a tag made through one instance appears in a reader open on the other within 2 s', async ({ browser, project, reviewer: olena, otherReviewer: dilshod }) => {
  const article = await createTestArticle(project, { title: 'Два сервери', body: BODY, outlet: 'UNN' });
  const context = await browser.newContext({ baseURL: BASE_B, storageState: await signedInState(BASE_B, dilshod) });
  const pageB = await context.newPage();
  const live = pageB.waitForResponse((r) => r.url().endsWith('/api/live') && r.status() === 200);
  const reader = new Reader(pageB);
  await reader.open(article);
  await live;

  const state = await signedInState(BASE_A, olena);
  const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const start = BODY.indexOf(CLAIM);
  const created = await fetch(`${BASE_A}/api/articles/${article.id}/annotations`, {
    method: 'POST',
    headers: { cookie, origin: BASE_A, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'claim', start, end: start + CLAIM.length, note: 'Made on instance A' }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  await expect(reader.itemWith(CLAIM)).toBeVisible({ timeout: 2_000 });
  await context.close();
});
