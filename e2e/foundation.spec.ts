/**
 * Issue 2 end to end: the seeded corpus read back character for character, sign-in on every
 * page, and 404 for non-members in the UI and the API. Management pages: foundation-manage.spec.ts.
 *
 * The first two tests read the seed project the server's first start made; they only add a
 * member to it and never count what is in it, so they hold however many articles other runs add.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, addMember, createTestUser } from './fixtures';
import { SYSTEM } from '@/lib/data/actor';
import { listArticles } from '@/lib/data/articles';
import { resolveProjectId } from '@/lib/data/projects';
import { sha256Hex } from '@/lib/anchoring/normalize';
import { SEED_PROJECT } from '@/seeds/load';
import { statedMetadata } from '@/seeds/metadata';

/** The seed files as the offsets contract stores them: CRLF/CR -> LF, then NFC. Nothing else. */
function normalizedSeedTexts(): string[] {
  const folder = path.resolve('seeds');
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(folder, f), 'utf8').replace(/\r\n?/g, '\n').normalize('NFC'));
}

/** The seed project's article whose body is `text`, or undefined. */
async function seedArticleWith(text: string) {
  const sha = sha256Hex(text);
  return (await listArticles({ actor: SYSTEM, projectId: await resolveProjectId(SEED_PROJECT.slug) })).find((a) => a.sha256 === sha);
}

test('a member finds the seed project and every seed article in its table', async ({ pageAs }) => {
  const member = await createTestUser();
  await addMember({ id: await resolveProjectId(SEED_PROJECT.slug) }, member, 'reviewer');
  const page = await pageAs(member);
  await page.goto('/projects');
  await page.getByRole('link', { name: SEED_PROJECT.name }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${await resolveProjectId(SEED_PROJECT.slug)}$`));
  const table = page.getByRole('table', { name: 'Articles' });
  for (const text of normalizedSeedTexts()) {
    const article = await seedArticleWith(text);
    expect(article, `a seed article holds the text beginning ${JSON.stringify(text.slice(0, 60))}`).toBeDefined();
    await expect(table.getByRole('link', { name: statedMetadata(text).title!, exact: true })).toHaveAttribute('href', new RegExp(`/articles/${article!.id}$`));
  }
  await expect(page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Articles' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('button', { name: /Edit details/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Edit details/ })).toHaveCount(0);
});

test('every seed article renders exactly the normalized seed text', async ({ pageAs }) => {
  const member = await createTestUser();
  const seedProjectId = await resolveProjectId(SEED_PROJECT.slug);
  await addMember({ id: seedProjectId }, member, 'viewer');
  const page = await pageAs(member);
  const body = page.getByTestId('article-body');
  for (const text of normalizedSeedTexts()) {
    const article = await seedArticleWith(text);
    expect(article, `a seed article holds the text beginning ${JSON.stringify(text.slice(0, 60))}`).toBeDefined();
    await page.goto(`/projects/${seedProjectId}/articles/${article!.id}`);
    await expect(body).toBeVisible();
    expect(await body.evaluate((el) => el.textContent ?? ''), `the text of article ${article!.id}`).toBe(text);
  }
});

test('signed out, every page sends you to sign-in', async ({ page, article }) => {
  const { projectId, id: articleId } = article;
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

test('a signed-in non-member gets 404 for the project, its articles and the API', async ({ article, pageAs }) => {
  const outsider = await createTestUser();
  const page = await pageAs(outsider);
  const { projectId, id: articleId } = article;
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
