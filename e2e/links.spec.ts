/**
 * Linking statements across seed articles in the browser: a reviewer opens a claim, presses
 * l, picks the matching sentence of another outlet from the suggestions (c, label, Link),
 * jumps to it and back, sees the link on the claim board and in the quote comparison, and
 * after one end is deleted the link is gone from the board.
 */
import { test, expect, makeUser, seedProjectId, pageFor } from './fixtures';
import { createAnnotation, deleteAnnotation } from '@/lib/data/annotations';
import { listArticles } from '@/lib/data/articles';
import { linksForAnnotation } from '@/lib/data/linkViews';
import { SYSTEM } from '@/lib/data/actor';

const CLAIM = 'Ukraine will not legally recognize any temporarily occupied territories';
const MATCH = 'Zelenskiy: Ukraine will not recognize the territories occupied by Russia';
const shots = (name: string) => `test-results/screens-h4/${name}.png`;

test('link a claim to another outlet, jump both ways, see it on the board and in the comparison, then lose it with its end', async ({ browser }) => {
  const projectId = seedProjectId();
  const reviewer = await makeUser({ name: 'Lena Linker', project: projectId, role: 'reviewer' });
  const [source, , , target] = listArticles({ actor: SYSTEM, projectId });
  const { getArticle } = await import('@/lib/data/articles');
  const body = getArticle({ actor: SYSTEM, articleId: source.id }).article.body;
  const start = body.indexOf(CLAIM);
  const claim = createAnnotation({ actor: { userId: reviewer.id }, articleId: source.id, input: { label: 'claim', start, end: start + CLAIM.length, exact: CLAIM } });

  const page = await pageFor(browser, reviewer);
  await page.goto(`/projects/${projectId}/articles/${source.id}?focus=${claim.id}`);
  const section = page.getByTestId('links-section');
  await expect(section).toContainText('Not linked yet');
  await page.keyboard.press('l');
  const picker = page.getByTestId('link-picker');
  await expect(picker).toBeVisible();
  const suggestions = picker.getByTestId('suggestion');
  await expect(suggestions.first()).toBeVisible();
  const match = suggestions.filter({ hasText: MATCH });
  await expect(match).toHaveCount(1);
  expect(await suggestions.allInnerTexts().then((t) => t.slice(0, 5).some((s) => s.includes(MATCH)))).toBe(true);
  await match.click();
  await page.keyboard.press('c');
  await expect(picker.getByTestId('relation-corroborates')).toHaveAttribute('aria-checked', 'true');
  await picker.getByTestId('sentence-label').selectOption('quote');
  await picker.getByTestId('link-rationale').fill('Same refusal, reported as a headline.');
  await page.screenshot({ path: shots('picker'), fullPage: false });
  await picker.getByTestId('create-link').click();
  await expect(picker).toBeHidden();

  const item = section.getByTestId('link-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Corroborates');
  await expect(item).toContainText(MATCH);
  await expect(item).toContainText('Same refusal, reported as a headline.');
  const [link] = linksForAnnotation({ actor: { userId: reviewer.id }, annotationId: claim.id });
  expect(link.other).toMatchObject({ articleId: target.id, label: 'quote', exact: MATCH });

  await item.getByRole('link').click();
  await page.waitForURL(new RegExp(`/articles/${target.id}\\?focus=${link.other.annotationId}&from=${claim.id}`));
  const there = page.getByTestId('links-section');
  await expect(there.getByTestId('link-item')).toContainText(CLAIM);
  await page.screenshot({ path: shots('reader-linked'), fullPage: false });
  await there.getByTestId('links-back').click();
  await page.waitForURL(new RegExp(`/articles/${source.id}\\?focus=${claim.id}`));
  await expect(page.getByTestId('links-section').getByTestId('link-item')).toContainText(MATCH);

  await page.goto(`/projects/${projectId}/board`);
  const row = page.locator(`[data-testid="board-row"][data-claim-id="${claim.id}"]`);
  await expect(row.getByTestId('cell-corroborates')).toHaveText(/1/);
  await row.getByTestId('cell-corroborates').hover();
  await expect(row.getByRole('tooltip')).toContainText(MATCH);
  await page.screenshot({ path: shots('board'), fullPage: true });

  await row.getByRole('link', { name: 'compare' }).click();
  await page.waitForURL(new RegExp(`/compare/${claim.id}$`));
  await expect(page.getByTestId('compare-base')).toContainText(CLAIM);
  const pair = page.getByTestId('compare-pair');
  await expect(pair).toHaveCount(1);
  await expect(pair.locator('mark').first()).toBeVisible();
  await expect(pair).toContainText('Corroborates');
  await page.screenshot({ path: shots('compare'), fullPage: true });

  deleteAnnotation({ actor: { userId: reviewer.id }, annotationId: link.other.annotationId });
  await page.goto(`/projects/${projectId}/board`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('cell-corroborates')).toHaveCount(0);
  await expect(row.getByTestId('cell-conflicts')).toHaveCount(0);
});
