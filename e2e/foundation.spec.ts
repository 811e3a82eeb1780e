/**
 * Issue 2 end to end: the seeded corpus read back character for character, sign-in on every
 * page, and 404 for non-members in the UI and the API. Management pages: foundation-manage.spec.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, makeUser, pageFor, seedProjectId } from './fixtures';
import { SYSTEM } from '@/lib/data/actor';
import { listArticles } from '@/lib/data/articles';

/** The seed files as the offsets contract stores them: CRLF/CR -> LF, then NFC. Nothing else. */
function normalizedSeedTexts(): string[] {
  const folder = path.resolve('seeds');
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(folder, f), 'utf8').replace(/\r\n?/g, '\n').normalize('NFC'));
}

function firstSeedArticleId(): number {
  return listArticles({ actor: SYSTEM, projectId: seedProjectId() })[0].id;
}

test('a member sees the five seed articles in the project table', async ({ browser }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  const page = await pageFor(browser, user);
  await page.goto('/projects');
  await page.getByRole('link', { name: 'Zelenskyy on occupied territories' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${seedProjectId()}$`));
  const rows = page.getByRole('table', { name: 'Articles' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Articles' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('button', { name: /Edit details/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Edit details/ })).toHaveCount(0);
});

test('every seed article renders exactly the normalized seed text', async ({ browser }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'viewer' });
  const page = await pageFor(browser, user);
  await page.goto(`/projects/${seedProjectId()}`);
  const links = page.getByRole('table', { name: 'Articles' }).locator('tbody tr td:first-child a');
  await expect(links).toHaveCount(5);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const remaining = normalizedSeedTexts();
  expect(remaining).toHaveLength(5);
  for (const href of hrefs) {
    await page.goto(href);
    const body = page.locator('[data-testid=article-body]');
    await expect(body).toBeVisible();
    const text = await body.evaluate((el) => el.textContent ?? '');
    const index = remaining.indexOf(text);
    expect(index, `the text of ${href} equals one seed file (first 80 chars: ${JSON.stringify(text.slice(0, 80))})`).toBeGreaterThanOrEqual(0);
    remaining.splice(index, 1);
  }
  expect(remaining).toHaveLength(0);
});

test('signed out, every page sends you to sign-in', async ({ page }) => {
  const projectId = seedProjectId();
  const articleId = firstSeedArticleId();
  const paths = [
    '/projects',
    `/projects/${projectId}`,
    `/projects/${projectId}/articles/${articleId}`,
    `/projects/${projectId}/articles/${articleId}/details`,
    `/projects/${projectId}/members`,
    '/admin/users',
    '/settings',
  ];
  for (const p of paths) {
    await page.goto(p);
    await expect(page, `${p} redirects`).toHaveURL(/\/signin\?callbackUrl=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('callbackUrl') ?? '')).toBe(p);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }
});

test('a signed-in non-member gets 404 for the project, its articles and the API', async ({ browser }) => {
  const outsider = await makeUser();
  const page = await pageFor(browser, outsider);
  const projectId = seedProjectId();
  const articleId = firstSeedArticleId();
  for (const p of [`/projects/${projectId}`, `/projects/${projectId}/articles/${articleId}`, `/projects/${projectId}/members`]) {
    const response = await page.goto(p);
    expect(response?.status(), p).toBe(404);
    await expect(page.getByRole('heading', { name: 'This page was not found' })).toBeVisible();
  }
  await page.goto('/projects');
  await expect(page.getByText('You are not a member of any project yet.')).toBeVisible();
  for (const url of [`/api/projects/${projectId}/articles`, `/api/articles/${articleId}`]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(404);
    expect(response.headers()['content-type']).toContain('application/json');
    const json = await response.json();
    expect(json.error.code).toBe('not_found');
    expect(JSON.stringify(json)).not.toContain('Zelenskyy');
  }
});
