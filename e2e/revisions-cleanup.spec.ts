/**
 * The lead's clean-up of a messy imported text (a copy of seed 003: weather lines, a view count,
 * a "Similar news" rail) and the project-wide re-anchoring queue, in the browser, each on a
 * project the test makes.
 */
import type { Page } from '@playwright/test';
import { test, expect, tagText, createSeedCopy, createTestArticle, seedTexts } from './fixtures';
import { axeViolations } from './support/axe';

const BASE = process.env.E2E_BASE_URL!;
const SHOTS = '/work/notes/shots';

async function shoot(page: Page, name: string) {
  for (const [size, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/revisions-${name}-${size}.png`, fullPage: size === 'phone' });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('a lead cleans up a messy article: unticks one proposal, accepts, and lands on the diff with counts', async ({ project, lead, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 3);
  await tagText(reviewer, article, article.body, 'quote', 'We do not recognize any territory occupied by Russia as theirs.');
  await tagText(reviewer, article, article.body, 'context', 'Man shot dead during deportation in Minneapolis');

  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/articles/${article.id}`);
  await page.getByTestId('cleanup-link').click();
  await expect(page.getByRole('heading', { name: 'Clean up', exact: true })).toBeVisible();
  const removals = page.getByTestId('cleanup-removals');
  await expect(removals.getByRole('listitem')).toHaveCount(3);
  await expect(removals.getByRole('listitem').filter({ hasText: 'weather widget' })).toContainText('пасмурно ветер 2.1 м/с');
  await expect(removals.getByRole('listitem').filter({ hasText: 'related news list' })).toContainText('Similar news');
  const preview = page.getByTestId('cleanup-preview');
  await expect(preview.locator('del')).toHaveCount(3);
  // The view count "113" is kept: unticked, it is no longer struck in the preview.
  await removals.getByRole('checkbox', { name: /view count/ }).uncheck();
  await expect(page.getByTestId('cleanup-summary')).toContainText('2 of 3 chosen');
  await expect(preview.locator('del')).toHaveCount(2);
  await expect(preview).toContainText('113');
  expect(await axeViolations(page)).toEqual([]);
  await shoot(page, 'cleanup');

  await page.getByRole('button', { name: 'Accept clean-up as revision 2' }).click();
  await expect(page.getByRole('heading', { name: 'Revision 1 → 2' })).toBeVisible();
  await expect(page).toHaveURL(/\/revisions\?from=1&to=2$/);
  for (const [state, n] of [['kept', 1], ['edited', 0], ['moved', 0], ['orphaned', 1]] as const) {
    await expect(page.getByTestId(`count-${state}`)).toHaveText(String(n));
  }
  await expect(page.getByText('Clean-up: 2 removals (weather widget, related news list)')).toBeVisible();

  const revisions = await (await page.request.get(`/api/articles/${article.id}/revisions`)).json();
  expect(revisions.items.map((r: { source: string }) => r.source)).toEqual(['import', 'cleanup']);
  const r1 = await (await page.request.get(`/api/articles/${article.id}/revisions/1`)).json();
  expect(r1.revision.body, 'the seed stays verbatim as revision 1').toBe(article.body);
  await page.goto(`/projects/${project.id}/articles/${article.id}`);
  const body = page.getByTestId('article-body');
  await expect(body).toContainText('113');
  await expect(body).not.toContainText('пасмурно');
  await expect(body).not.toContainText('Similar news');
  await expect(page.getByRole('navigation', { name: 'Revisions' }).getByRole('link', { name: /r1\s*imported/ })).toBeVisible();
});

test('only leads see and open the clean-up', async ({ project, reviewer, lead, pageAs }) => {
  const article = await createSeedCopy(project, 3);
  const page = await pageAs(reviewer);
  await page.goto(`/projects/${project.id}/articles/${article.id}`);
  await expect(page.getByTestId('article-body')).toBeVisible();
  await expect(page.getByTestId('cleanup-link')).toHaveCount(0);
  const response = await page.goto(`/projects/${project.id}/articles/${article.id}/revisions/cleanup`);
  expect(response?.status()).toBe(404);
  // A text with nothing to remove says so.
  const clean = await createTestArticle(project, { title: 'Clean', body: 'A plain article. It has two sentences and nothing else.' });
  const leadPage = await pageAs(lead);
  await leadPage.goto(`/projects/${project.id}/articles/${clean.id}/revisions/cleanup`);
  await expect(leadPage.getByTestId('cleanup-nothing')).toContainText('Nothing to clean up');
});

test('the project-wide re-anchoring queue lists the spans of every article, with the count in the navigation', async ({ project, lead, reviewer, otherReviewer, pageAs }) => {
  const seed = seedTexts()[0];
  const fix = (body: string) => body
    .replace('this is an absolutely fair position', 'this is an entirely fair position')
    .replace('He added that the Ukrainian team expressed its positions in London together with European colleagues.\n\n', '');
  const leadPage = await pageAs(lead);
  const made: number[] = [];
  for (const n of [1, 2]) {
    const body = `${seed}\n\n(copy ${n})`;
    const a = await createTestArticle(project, { title: `Kyiv copy ${n}`, body });
    await tagText(reviewer, a, body, 'claim', 'this is an absolutely fair position');
    await tagText(reviewer, a, body, 'context', 'the Ukrainian team expressed its positions in London');
    const posted = await leadPage.request.post(`/api/articles/${a.id}/revisions`, { headers: { Origin: BASE }, data: { body: fix(body), note: 'Quote corrected' } });
    expect(posted.status()).toBe(201);
    made.push(a.id);
  }
  const api = await (await leadPage.request.get(`/api/projects/${project.id}/revisions/queue?limit=3`)).json();
  expect(api.total).toBe(4);
  expect(api.items.map((i: { articleId: number; state: string }) => [i.articleId, i.state])).toEqual([[made[0], 'edited'], [made[0], 'orphaned'], [made[1], 'edited']]);
  const rest = await (await leadPage.request.get(`/api/projects/${project.id}/revisions/queue?limit=3&cursor=${encodeURIComponent(api.nextCursor)}`)).json();
  expect(rest).toMatchObject({ items: [{ articleId: made[1], state: 'orphaned' }], nextCursor: null });
  expect((await leadPage.request.get(`/api/projects/${project.id}/revisions/queue?cursor=forged`)).status()).toBe(400);

  const page = await pageAs(otherReviewer);
  await page.goto(`/projects/${project.id}`);
  const tab = page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: /Re-anchoring/ });
  await expect(tab.getByTestId('reanchor-count')).toHaveText('4');
  await tab.click();
  await expect(page.getByRole('heading', { name: 'Re-anchoring queue' })).toBeVisible();
  const item = page.getByTestId('reanchor-item');
  await expect(item.getByRole('link', { name: 'Kyiv copy 1' })).toBeVisible();
  await expect(item).toHaveAttribute('data-state', 'edited');
  await expect(item.getByTestId('new-text')).toHaveText('this is an entirely fair position');
  await expect(item.getByTestId('reanchor-body').locator('mark')).toHaveText('this is an entirely fair position');
  const outline = page.getByRole('navigation', { name: 'Spans to re-check' });
  await expect(outline.getByRole('button')).toHaveText([/Kyiv copy 1/, /Kyiv copy 1/, /Kyiv copy 2/, /Kyiv copy 2/]);
  expect(await axeViolations(page)).toEqual([]);
  await shoot(page, 'project-queue');

  await page.keyboard.press('a');
  await expect(page.getByRole('status')).toContainText('Accepted the new place of “this is an entirely fair position”');
  await expect(item).toHaveAttribute('data-state', 'orphaned');
  await page.keyboard.press('r');
  await page.keyboard.press('r');
  await expect(item.getByRole('link', { name: 'Kyiv copy 2' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Project' }).getByTestId('reanchor-count')).toHaveText('2');
});
