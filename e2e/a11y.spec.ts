/**
 * axe-core on every page, signed out and signed in (as a lead, a viewer and a site admin),
 * with zero serious or critical violations (WCAG 2.1 A and AA rules).
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, makeUser, makeProject, makeArticle, pageFor, type TestUser } from './fixtures';
import { createAnnotation } from '@/lib/data/annotations';
import type { Page } from '@playwright/test';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Audits each path and fails once, listing every page's violations together. */
async function audit(page: Page, ...paths: string[]) {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const violations = await seriousViolations(page);
    if (violations.length) found[path] = violations;
  }
  expect(found, 'serious or critical axe violations by page').toEqual({});
}

test.describe('signed out', () => {
  for (const path of ['/signin', '/signin?error=RateLimited']) {
    test(`${path} has no serious or critical violations`, async ({ page }) => audit(page, path));
  }
});

test.describe('signed in', () => {
  let lead: TestUser;
  let viewer: TestUser;
  let admin: TestUser;
  let paths: string[] = [];

  test.beforeAll(async () => {
    lead = await makeUser({ name: 'Ada Lead' });
    viewer = await makeUser({ name: 'Vic Viewer' });
    admin = await makeUser({ name: 'Sam Admin', admin: true });
    const reviewer = await makeUser({ name: 'Rae Reviewer' });
    const project = makeProject([[lead, 'lead'], [viewer, 'viewer'], [reviewer, 'reviewer']]);
    const article = makeArticle(project.id, { title: 'An article to audit', body: 'Zelenskyy said Ukraine will not recognise occupied land.\n\nOfficials declined to comment.', outlet: 'Outlet' });
    const claim = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start: 0, end: 9, note: 'Who said it' } });
    const base = `/projects/${project.id}`;
    paths = [
      '/', '/projects', base, `${base}/articles/${article.id}`, `${base}/articles/${article.id}/details`, `${base}/members`, `${base}/review`,
      `${base}/board`, `${base}/agreement`, `${base}/compare/${claim.id}`, `${base}/history/annotation/${claim.id}`, `${base}/export`, `${base}/import`,
      '/inbox', '/settings', '/signout',
    ];
  });

  test('every page as a lead', async ({ browser }) => {
    const page = await pageFor(browser, lead);
    await audit(page, ...paths);
  });

  test('every page as a viewer', async ({ browser }) => {
    const page = await pageFor(browser, viewer);
    await audit(page, ...paths.filter((p) => !/\/(details|export|import)$/.test(p)));
  });

  test('the admin pages as a site admin', async ({ browser }) => {
    const page = await pageFor(browser, admin);
    await audit(page, '/admin/users', '/projects', '/settings');
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

  test('a reviewer moves through annotations with j/k, edits a note and saves it without a mouse', async ({ browser }) => {
    const reviewer = await makeUser({ name: 'Kay Board' });
    const project = makeProject([[reviewer, 'reviewer']]);
    const article = makeArticle(project.id, { title: 'Keyboard article', body: 'Zelenskyy said Ukraine will not recognise occupied land.\n\nOfficials declined to comment.' });
    await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start: 0, end: 9, note: 'Before' } });
    const page = await pageFor(browser, reviewer);
    await page.goto(`/projects/${project.id}/articles/${article.id}`);
    await page.locator('[data-testid="annotation-item"]').first().waitFor();
    await page.keyboard.press('j');
    await expect(page.locator('[data-testid="annotation-item"] button[aria-expanded="true"]')).toHaveCount(1);
    await page.keyboard.press('e');
    const dialog = page.getByTestId('edit-dialog');
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

  test('a reviewer reaches the article text with Tab, selects words with Shift+arrows and tags them with 1', async ({ browser }) => {
    const reviewer = await makeUser({ name: 'Kit Keys' });
    const project = makeProject([[reviewer, 'reviewer']]);
    const article = makeArticle(project.id, { title: 'Keyboard tagging', body: 'Zelenskyy said Ukraine will not recognise occupied land.' });
    const page = await pageFor(browser, reviewer);
    await page.goto(`/projects/${project.id}/articles/${article.id}`);
    await page.locator('p[data-start]').first().waitFor();
    const inArticle = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return false;
        return !!el.closest('p[data-start]') || (!!el.querySelector('p[data-start]') && !el.querySelector('aside, nav'));
      });
    expect(await tabUntil(page, inArticle), 'Tab reaches the article text').toBe(true);
    for (let i = 0; i < 9; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByTestId('selection-toolbar')).toBeVisible();
    await page.keyboard.press('1');
    await expect(page.locator('[data-testid="annotation-item"]')).toHaveCount(1);
  });
});
