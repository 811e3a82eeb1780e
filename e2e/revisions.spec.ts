/**
 * Article revisions in the browser: a lead posts a corrected text through the API, the reader's
 * switcher shows both revisions (the old one read-only, with its spans), the diff page counts
 * how the spans landed, and a reviewer works the re-anchoring queue with the keys.
 */
import type { Page } from '@playwright/test';
import { test, expect, tagText, type TestUser } from './fixtures';

const BASE = process.env.E2E_BASE_URL!;
const SHOTS = '/work/notes/shots';

function corrected(body: string): string {
  return body
    .replace('this is an absolutely fair position', 'this is an entirely fair position')
    .replace('He added that the Ukrainian team expressed its positions in London together with European colleagues.\n\n', '')
    .replace('President of Ukraine Volodymyr', 'UPDATE: this article was corrected on 26 April.\n\nPresident of Ukraine Volodymyr');
}

async function setUp(article: { id: number; body: string }, author: TestUser) {
  await tagText(author, article, article.body, 'claim', 'only the Ukrainian people have the right to decide');
  await tagText(author, article, article.body, 'claim', 'this is an absolutely fair position');
  await tagText(author, article, article.body, 'context', 'the Ukrainian team expressed its positions in London');
}

async function postRevision(page: Page, article: { id: number; body: string }) {
  return await page.request.post(`/api/articles/${article.id}/revisions`, {
    headers: { Origin: BASE },
    data: { body: corrected(article.body), note: 'Quote corrected', modifiedAt: '2025-04-26T09:00:00Z' },
  });
}

async function shoot(page: Page, name: string) {
  for (const [size, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/revisions-${name}-${size}.png`, fullPage: size === 'desktop' ? false : false });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('a lead posts a revision; the switcher shows both and the diff counts the spans', async ({ project, lead, reviewer, article, pageAs }) => {
  await setUp(article, reviewer);
  const page = await pageAs(lead);
  const response = await postRevision(page, article);
  expect(response.status()).toBe(201);
  const result = await response.json();
  expect(result.revision).toMatchObject({ number: 2, source: 'api', current: true });
  expect(result.reanchoring.counts).toEqual({ kept: 1, edited: 1, moved: 0, orphaned: 1 });
  expect((await postRevision(page, article)).status(), 'the same text again').toBe(409);

  await page.goto(`/projects/${project.id}/articles/${article.id}`);
  const switcher = page.getByRole('navigation', { name: 'Revisions' });
  await expect(switcher.getByRole('link', { name: 'r1 imported' })).toBeVisible();
  await expect(switcher.getByRole('link', { name: /r2\s*current/ })).toHaveAttribute('aria-current', 'page');
  await expect(switcher.getByRole('link', { name: '2 spans to re-check' })).toBeVisible();
  await expect(page.getByTestId('article-body')).toContainText('UPDATE: this article was corrected');
  await shoot(page, 'reader');

  await switcher.getByRole('link', { name: 'r1 imported' }).click();
  await expect(page.getByTestId('old-revision')).toContainText('You are reading revision 1');
  await expect(page.getByTestId('revision-body')).toContainText('He added that the Ukrainian team');
  await expect(page.getByTestId('revision-body').locator('mark')).toHaveCount(3);

  await page.goto(`/projects/${project.id}/articles/${article.id}`);
  await page.getByTestId('compare-revisions').click();
  await expect(page.getByRole('heading', { name: 'Revision 1 → 2' })).toBeVisible();
  for (const [state, n] of [['kept', 1], ['edited', 1], ['moved', 0], ['orphaned', 1]] as const) {
    await expect(page.getByTestId(`count-${state}`)).toHaveText(String(n));
  }
  const diff = page.getByTestId('revision-diff');
  await expect(diff.locator('del').filter({ hasText: 'absolutely' })).toBeVisible();
  await expect(diff.locator('ins').filter({ hasText: 'entirely' })).toBeVisible();
  await expect(diff.locator('ins').filter({ hasText: 'UPDATE' })).toBeVisible();
  await shoot(page, 'diff');
});

test('a reviewer accepts and retires re-anchored spans with the keys', async ({ project, lead, reviewer, otherReviewer, article, pageAs }) => {
  await setUp(article, reviewer);
  expect((await postRevision(await pageAs(lead), article)).status()).toBe(201);
  const page = await pageAs(otherReviewer);
  await page.goto(`/projects/${project.id}/articles/${article.id}/revisions/queue`);
  const item = page.getByTestId('reanchor-item');
  await expect(item).toHaveAttribute('data-state', 'edited');
  await expect(item.getByTestId('old-text')).toHaveText('this is an absolutely fair position');
  await expect(item.getByTestId('new-text')).toHaveText('this is an entirely fair position');
  await shoot(page, 'queue');

  await page.keyboard.press('a');
  await expect(page.getByRole('status')).toContainText('Accepted the new place of “this is an entirely fair position”');
  await expect(item).toHaveAttribute('data-state', 'orphaned');
  await page.keyboard.press('r');
  await expect(page.getByTestId('retire-confirm')).toBeVisible();
  await page.keyboard.press('r');
  await expect(page.getByTestId('reanchor-done')).toContainText('Nothing left to re-check');

  const left = await page.request.get(`/api/articles/${article.id}/revisions/queue`);
  expect((await left.json()).items).toEqual([]);
  const annotations = await (await page.request.get(`/api/articles/${article.id}/annotations`)).json();
  expect(annotations.annotations.map((a: { anchor: { state: string } }) => a.anchor.state).sort()).toEqual(['edited', 'kept']);
});

test('a reviewer re-selects an orphaned span in the current text with s', async ({ project, lead, reviewer, otherReviewer, article, pageAs }) => {
  await tagText(reviewer, article, article.body, 'context', 'the Ukrainian team expressed its positions in London');
  expect((await postRevision(await pageAs(lead), article)).status()).toBe(201);
  const page = await pageAs(otherReviewer);
  await page.goto(`/projects/${project.id}/articles/${article.id}/revisions/queue`);
  await expect(page.getByTestId('reanchor-item')).toHaveAttribute('data-state', 'orphaned');
  // Select "It seems to me" in the current text box, then press s.
  await page.getByTestId('reanchor-body').evaluate((box) => {
    const text = box.textContent ?? '';
    const at = text.indexOf('It seems to me');
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent!.length;
      if (at < seen + length) {
        const range = document.createRange();
        range.setStart(node, at - seen);
        range.setEnd(node, at - seen + 'It seems to me'.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return;
      }
      seen += length;
    }
  });
  await page.keyboard.press('s');
  await expect(page.getByRole('status')).toContainText('Re-selected');
  const annotations = await (await page.request.get(`/api/articles/${article.id}/annotations`)).json();
  expect(annotations.annotations.map((a: { exact: string }) => a.exact)).toEqual(['It seems to me']);
});
