/**
 * Markup in every displayed field (article title, outlet, author, URL, body; annotation note;
 * comment; display names) shows as text in the real browser: no dialog fires, no handler runs,
 * no element is injected.
 */
import { test, expect, addMember, createTestArticle, createTestProject, createTestUser, PASSWORD } from './fixtures';
import { createAnnotation } from '@/lib/data/annotations';
import { addComment } from '@/lib/data/comments';
import type { Page } from '@playwright/test';

const SCRIPT = '<script>window.__xss = "script"; alert("script")</script>';
const IMG = '<img src=x onerror="window.__xss = \'img\'; alert(\'img\')">';

function watchForScripts(page: Page): string[] {
  const fired: string[] = [];
  page.on('dialog', async (dialog) => {
    fired.push(dialog.message());
    await dialog.dismiss();
  });
  return fired;
}

async function expectInert(page: Page, fired: string[]) {
  expect(fired, 'a dialog fired').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss ?? null)).toBeNull();
  expect(await page.locator('main img[src="x"], body img[src="x"]').count()).toBe(0);
}

test('markup in names, article fields, notes and comments is shown as text and never runs', async ({ pageAs }) => {
  const lead = await createTestUser({ name: `Lead ${IMG}` });
  const reviewer = await createTestUser({ name: `Rev ${SCRIPT}` });
  const project = await createTestProject(`Story ${IMG}`);
  await addMember(project, lead, 'lead');
  await addMember(project, reviewer, 'reviewer');
  const body = `Opening line ${SCRIPT} continues.\n\nSecond paragraph ${IMG} ends here.`;
  const article = await createTestArticle(project, { title: `Title ${SCRIPT}`, body, outlet: `Outlet ${IMG}` });
  const annotation = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start: 0, end: 12, note: `Note ${IMG}` } });
  await addComment({ actor: { userId: lead.id }, target: { kind: 'annotation', id: annotation.id }, input: { body: `Comment ${SCRIPT}` } });

  const page = await pageAs(lead);
  const fired = watchForScripts(page);
  await page.goto('/projects');
  await expect(page.getByText(`Story ${IMG}`).first()).toBeVisible();
  await page.goto(`/projects/${project.id}`);
  await expect(page.getByText(`Title ${SCRIPT}`).first()).toBeVisible();
  await expect(page.locator('td, th, span, a').filter({ hasText: `Outlet ${IMG}` }).first()).toBeVisible();
  await expectInert(page, fired);

  await page.goto(`/projects/${project.id}/articles/${article.id}`);
  await expect(page.getByText(`Opening line ${SCRIPT} continues.`)).toBeVisible();
  await expect(page.getByText(`Second paragraph ${IMG} ends here.`)).toBeVisible();
  await expectInert(page, fired);

  const withUrl = await createTestArticle(project, {
    title: 'Linked',
    body: 'Body with a hostile URL',
    url: `https://example.com/?q="><script>alert('url')</script>`,
    author: `Author ${IMG}`,
  });
  await page.goto(`/projects/${project.id}/articles/${withUrl.id}/details`);
  await expectInert(page, fired);
  await page.goto(`/projects/${project.id}/articles/${withUrl.id}`);
  await expect(page.getByText(`Author ${IMG}`).first()).toBeVisible();
  await expectInert(page, fired);

  await page.goto(`/projects/${project.id}/members`);
  await expect(page.getByText(`Rev ${SCRIPT}`).first()).toBeVisible();
  await expectInert(page, fired);

  for (const path of ['review', 'board', 'agreement', `compare/${annotation.id}`, `history/annotation/${annotation.id}`]) {
    await page.goto(`/projects/${project.id}/${path}`);
    await expectInert(page, fired);
  }
  await page.goto('/inbox');
  await expectInert(page, fired);
});

test('a hostile callbackUrl after sign-in stays on this site', async ({ page }) => {
  const user = await createTestUser();
  await page.goto('/signin?callbackUrl=' + encodeURIComponent('//evil.example/steal'));
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  expect(new URL(page.url()).host).toBe(new URL(process.env.E2E_BASE_URL!).host);
});
