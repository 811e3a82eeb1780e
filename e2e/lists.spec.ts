/**
 * Paginated lists in the browser (issue 12): a project of 62 articles shows 50 a page with
 * "Next page" for the rest; search, sort and filters live in the URL; a long history pages
 * back with "Older entries". Screenshots at desktop and phone size go to /work/notes/shots.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { addComment } from '@/lib/data/comments';
import { test, expect, createTestArticle, seedTexts, tagText } from './fixtures';

const OUTLETS = ['Kyiv Independent', 'Ukrainska Pravda', 'Reuters', 'Le Monde', 'Süddeutsche Zeitung', 'BBC News'];
const SHOTS = '/work/notes/shots';

/** 62 articles of real seed text with varied outlets and dates; every seventh mentions Bakhmut. */
async function fillProject(project: { id: number }) {
  const texts = seedTexts();
  const articles: Array<Awaited<ReturnType<typeof createTestArticle>>> = [];
  for (let i = 0; i < 62; i++) {
    articles.push(await createTestArticle(project, {
      title: `${i % 7 === 3 ? 'Bakhmut front report' : 'Kyiv briefing'} №${i + 1}`,
      outlet: OUTLETS[i % OUTLETS.length],
      publishedAt: `2025-0${3 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      body: `${texts[i % texts.length]}\n\nDesk note ${i + 1}${i % 7 === 3 ? ': fighting around Bakhmut continued.' : '.'}`,
    }));
  }
  return articles;
}

async function shoot(page: Page, name: string) {
  if (!fs.existsSync(SHOTS)) return;
  for (const [size, width, height] of [['desktop', 1440, 900], ['phone', 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/lists-${name}-${size}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const rows = (page: Page) => page.getByRole('table', { name: 'Articles' }).locator('tbody tr');

test('the articles list pages by 50, searches and sorts, all kept in the URL', async ({ project, lead, pageAs }) => {
  test.setTimeout(90_000);
  await fillProject(project);
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}`);
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByTestId('articles-summary')).toHaveText('62 articles · showing 50 on this page');
  await shoot(page, 'articles');

  await page.getByRole('link', { name: 'Next page' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/lists-articles-pager-desktop.png` }).catch(() => undefined);
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows(page)).toHaveCount(12);
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
  await expect(rows(page).last()).toContainText('№62');
  await page.getByRole('link', { name: 'First page' }).click();
  await expect(rows(page).first()).toContainText('№1');

  // Search narrows (a word of the text, not of every title), and the query is in the URL.
  await page.getByRole('searchbox', { name: 'Search' }).fill('bakhmut');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=bakhmut/);
  await expect(rows(page)).toHaveCount(9);
  await expect(page.getByTestId('articles-summary')).toHaveText('9 articles match');
  for (const title of await rows(page).locator('td:first-child').allTextContents()) expect(title).toContain('Bakhmut');

  // Sorting by outlet (column header) changes the order, also within the search.
  await page.getByTestId('sort-outlet').click();
  await expect(page).toHaveURL(/sort=outlet/);
  await expect(page).toHaveURL(/q=bakhmut/);
  const outlets = await rows(page).locator('td:nth-child(2)').allTextContents();
  expect(outlets).toEqual([...outlets].sort());
  await page.getByTestId('sort-outlet').click();
  await expect(page).toHaveURL(/sort=-outlet/);
  const reversed = await rows(page).locator('td:nth-child(2)').allTextContents();
  expect(reversed).toEqual([...outlets].sort().reverse());

  // Filter by outlet from the form; a reload keeps everything.
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  await page.locator('select[name=outlet]').selectOption('Reuters');
  await page.locator('select[name=sort]').selectOption('-date');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/outlet=Reuters/);
  await page.reload();
  await expect(page.locator('select[name=outlet]')).toHaveValue('Reuters');
  await expect(rows(page)).toHaveCount(10);
  const dates = await rows(page).locator('td:nth-child(3)').allTextContents();
  expect(dates.map((d) => Date.parse(d))).toEqual([...dates.map((d) => Date.parse(d))].sort((a, b) => b - a));
  await shoot(page, 'articles-filtered');

  // A cursor that was tampered with is a clear message, not an error page.
  await page.goto(`/projects/${project.id}?cursor=forged.cursor`);
  await expect(page.getByText('That page cursor is not valid for this list.')).toBeVisible();
});

test('a long history pages back with "Older entries"', async ({ project, lead, reviewer, pageAs }) => {
  test.setTimeout(90_000);
  const body = seedTexts()[0];
  const article = await createTestArticle(project, { title: 'Zelenskyy rules out recognition', body, outlet: 'Kyiv Independent' });
  const claim = await tagText(lead, article, body, 'claim', 'Ukraine will not legally recognize');
  for (let i = 1; i <= 55; i++) await addComment({ actor: { userId: reviewer.id }, target: { kind: 'annotation', id: claim.id }, input: { body: `Check ${i}: is the date right? ✓` } });
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/history/annotation/${claim.id}`);
  const entries = page.getByTestId('history').locator('li');
  await expect(entries).toHaveCount(50);
  await expect(entries.first()).toContainText('Check 55');
  await shoot(page, 'history');
  await page.getByRole('link', { name: 'Older entries' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(entries).toHaveCount(6);
  await expect(entries.last()).toContainText('tagged it');
  await expect(page.getByRole('link', { name: 'Older entries' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Newest' }).click();
  await expect(entries.first()).toContainText('Check 55');
});
