/**
 * axe-core on every page, signed out and signed in (as a lead, a viewer and a site admin),
 * with zero serious or critical violations (WCAG 2.1 A and AA rules).
 */
import { test, expect, Reader, createTestArticle, type TestProject, type TestUser } from './fixtures';
import { axeProblems } from './support/axe';
import { createAnnotation } from '@/lib/data/annotations';
import type { Page } from '@playwright/test';

/** Audits each path and fails once, listing every page's violations together. */
async function audit(page: Page, ...paths: string[]) {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first(), `${path} shows its heading`).toBeVisible();
    const violations = await axeProblems(page);
    if (violations.length) found[path] = violations;
  }
  expect(found, 'serious or critical axe violations by page').toEqual({});
}

test.describe('signed out', () => {
  for (const path of ['/signin', '/signin?error=RateLimited']) {
    test(`${path} has no serious or critical violations`, async ({ page }) => audit(page, path));
  }
});

/** Every page of a project holding one article with one claim (by `reviewer`). */
async function projectPages(project: TestProject, reviewer: TestUser): Promise<string[]> {
  const article = await createTestArticle(project, { title: 'An article to audit', body: 'Zelenskyy said Ukraine will not recognise occupied land.\n\nOfficials declined to comment.', outlet: 'Outlet' });
  const claim = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start: 0, end: 9, note: 'Who said it' } });
  const base = `/projects/${project.id}`;
  return [
    '/', '/projects', base, `${base}/articles/${article.id}`, `${base}/articles/${article.id}/details`, `${base}/members`, `${base}/review`,
    `${base}/board`, `${base}/agreement`, `${base}/compare/${claim.id}`, `${base}/history/annotation/${claim.id}`, `${base}/export`, `${base}/import`,
    '/inbox', '/settings', '/signout',
  ];
}

test.describe('signed in', () => {
  test('every page as a lead', async ({ project, lead, reviewer, pageAs }) => {
    const paths = await projectPages(project, reviewer);
    await audit(await pageAs(lead), ...paths);
  });

  test('every page as a viewer', async ({ project, viewer, reviewer, pageAs }) => {
    const paths = (await projectPages(project, reviewer)).filter((p) => !/\/(details|export|import)$/.test(p));
    await audit(await pageAs(viewer), ...paths);
  });

  test('the admin pages as a site admin', async ({ admin, pageAs }) => {
    await audit(await pageAs(admin), '/admin/users', '/projects', '/settings');
  });
});

test.describe('the reader by keyboard alone', () => {
  /** Presses Tab until `done` holds (at most `max` times); true when it did. */
  async function tabUntil(page: Page, done: () => Promise<boolean>, max = 60): Promise<boolean> {
    for (let i = 0; i < max; i++) {
      if (await done()) return true;
      await page.keyboard.press('Tab');
    }
    return done();
  }

  test('a reviewer moves through annotations with j/k, edits a note and saves it without a mouse', async ({ project, reviewer, pageAs }) => {
    const article = await createTestArticle(project, { title: 'Keyboard article', body: 'Zelenskyy said Ukraine will not recognise occupied land.\n\nOfficials declined to comment.' });
    await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start: 0, end: 9, note: 'Before' } });
    const reader = new Reader(await pageAs(reviewer));
    const { page } = reader;
    await reader.open(article);
    await expect(reader.items).toHaveCount(1);
    await page.keyboard.press('j');
    await expect(page.locator('[data-testid="annotation-item"] button[aria-expanded="true"]')).toHaveCount(1);
    await page.keyboard.press('e');
    const dialog = reader.editDialog;
    await expect(dialog).toBeVisible();
    const inNote = () => page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA');
    expect(await tabUntil(page, inNote, 20), 'Tab reaches the note field in the edit dialog').toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('After, by keyboard');
    const onSave = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() === 'Save');
    expect(await tabUntil(page, onSave, 20), 'Tab reaches Save').toBe(true);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText('After, by keyboard').first()).toBeVisible();
    await page.keyboard.press('Escape');
  });

  test('a reviewer reaches the article text with Tab, selects words with Shift+arrows and tags them with 1', async ({ project, reviewer, pageAs }) => {
    const article = await createTestArticle(project, { title: 'Keyboard tagging', body: 'Zelenskyy said Ukraine will not recognise occupied land.' });
    const reader = new Reader(await pageAs(reviewer));
    const { page } = reader;
    await reader.open(article);
    await expect(page.locator('p[data-start]').first()).toBeVisible();
    const inArticle = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return false;
        return !!el.closest('p[data-start]') || (!!el.querySelector('p[data-start]') && !el.querySelector('aside, nav'));
      });
    expect(await tabUntil(page, inArticle), 'Tab reaches the article text').toBe(true);
    for (let i = 0; i < 9; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect(reader.toolbar).toBeVisible();
    await page.keyboard.press('1');
    await expect(reader.items).toHaveCount(1);
  });
});
