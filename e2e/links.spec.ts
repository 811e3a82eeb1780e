/**
 * Linking statements across seed articles in the browser: a reviewer opens a claim, presses
 * l, picks the matching sentence of another outlet from the suggestions (c, label, Link),
 * jumps to it and back, sees the link on the claim board and in the quote comparison, and
 * after one end is deleted the link is gone from the board.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, makeUser, makeProject, makeArticle, seedProjectId, pageFor } from './fixtures';
import { createAnnotation, deleteAnnotation } from '@/lib/data/annotations';
import { getArticle, listArticles } from '@/lib/data/articles';
import { createLink } from '@/lib/data/links';
import { finalizeVerdict } from '@/lib/data/verdicts';
import { seedFiles } from '@/seeds/load';
import { normalizeArticleText } from '@/lib/anchoring/normalize';
import { linksForAnnotation } from '@/lib/data/linkViews';
import { SYSTEM } from '@/lib/data/actor';

const CLAIM = 'Ukraine will not legally recognize any temporarily occupied territories';
const MATCH = 'Zelenskiy: Ukraine will not recognize the territories occupied by Russia';
const shots = (name: string) => `test-results/screens-h4/${name}.png`;

/** Serious or critical axe violations (WCAG 2.1 A/AA) on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('link a claim to another outlet, jump both ways, see it on the board and in the comparison, then lose it with its end', async ({ browser }) => {
  const projectId = seedProjectId();
  const reviewer = await makeUser({ name: 'Lena Linker', project: projectId, role: 'reviewer' });
  const [source, , , target] = listArticles({ actor: SYSTEM, projectId });
  const body = getArticle({ actor: SYSTEM, articleId: source.id }).article.body;
  const start = body.indexOf(CLAIM);
  const claim = await createAnnotation({ actor: { userId: reviewer.id }, articleId: source.id, input: { label: 'claim', start, end: start + CLAIM.length, exact: CLAIM } });

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
  await expect(row.getByTestId('cell-popover')).toContainText(MATCH);
  await page.screenshot({ path: shots('board'), fullPage: true });

  await row.getByRole('link', { name: 'compare' }).click();
  await page.waitForURL(new RegExp(`/compare/${claim.id}$`));
  await expect(page.getByTestId('compare-base')).toContainText(CLAIM);
  const pair = page.getByTestId('compare-pair');
  await expect(pair).toHaveCount(1);
  await expect(pair.locator('mark').first()).toBeVisible();
  await expect(pair).toContainText('Corroborates');
  await page.screenshot({ path: shots('compare'), fullPage: true });

  await deleteAnnotation({ actor: { userId: reviewer.id }, annotationId: link.other.annotationId });
  await page.goto(`/projects/${projectId}/board`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('cell-corroborates')).toHaveCount(0);
  await expect(row.getByTestId('cell-conflicts')).toHaveCount(0);
});

/** Tags `text` (its first occurrence) in an article as `user`. */
async function tag(user: { id: number }, article: { id: number }, body: string, label: 'claim' | 'quote' | 'context', text: string) {
  const start = body.indexOf(text);
  if (start < 0) throw new Error(`not in the article: ${text}`);
  return await createAnnotation({ actor: { userId: user.id }, articleId: article.id, input: { label, start, end: start + text.length, exact: text } });
}

test('the board puts the most contested claim first, shows a disagreement and a verdict, and filters by status; the API refuses bad links', async ({ browser, baseURL }) => {
  const lead = await makeUser({ name: 'Dana Lead' });
  const r1 = await makeUser({ name: 'Rui Reviewer' });
  const r2 = await makeUser({ name: 'Ines Reviewer' });
  const project = makeProject([[lead, 'lead'], [r1, 'reviewer'], [r2, 'reviewer']]);
  const outlets = ['Kyiv Daily', 'Wire Service', 'UNN', 'Regional Portal', 'Weekly Review'];
  const bodies = seedFiles().map((f) => normalizeArticleText(fs.readFileSync(f, 'utf8')));
  const arts = bodies.map((body, i) => makeArticle(project.id, { title: `Seed ${i}`, body, outlet: outlets[i] }));
  const t = async (user: { id: number }, i: number, label: 'claim' | 'quote' | 'context', text: string) => await tag(user, arts[i], bodies[i], label, text);
  const link = async (user: { id: number }, a: { id: number }, b: { id: number }, relation: 'corroborates' | 'conflicts', note = '') =>
    await createLink({ actor: { userId: user.id }, input: { fromAnnotationId: a.id, toAnnotationId: b.id, relation, note } });

  const recognise = await t(r1, 0, 'claim', CLAIM);
  const ceasefire = await t(r1, 3, 'claim', 'Kyiv agreed to the 30-day ceasefire plan proposed by Washington.');
  const victory = await t(r2, 4, 'claim', 'Zelenskyy maintained that military victory remains possible');
  const legally = await t(r1, 1, 'quote', 'legally no one will recognize the occupied territories as territories of other states');
  const yermak = await t(r1, 2, 'quote', 'We will never recognize any temporarily occupied territories as Russian');
  const headline = await t(r1, 3, 'quote', 'We do not recognize any territory occupied by Russia as theirs.');
  const judicially = await t(r1, 4, 'quote', 'Judicially, we will not recognize … our occupied territory like territory of Russia.');
  const stoltenberg = await t(r2, 4, 'context', 'temporary territorial concessions could help achieve a ceasefire in Ukraine');
  const jeddah = await t(r2, 2, 'context', 'Ukraine supported the US proposal for an unconditional 30-day ceasefire');
  for (const q of [legally, yermak, headline, judicially]) await link(r1, recognise, q, 'corroborates');
  await link(r2, recognise, judicially, 'conflicts', '"Judicially" narrows it to the law, not politics.');
  await link(r2, recognise, stoltenberg, 'conflicts', 'Concessions are floated as an option.');
  await link(r1, ceasefire, jeddah, 'corroborates');
  finalizeVerdict({ actor: { userId: lead.id }, annotationId: recognise.id, input: { verdict: 'true', rationale: 'Four outlets report the same refusal.' } });
  void victory;

  const page = await pageFor(browser, r1);
  await page.goto(`/projects/${project.id}/board`);
  const rows = page.getByTestId('board-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-claim-id', String(recognise.id));
  await expect(rows.nth(0)).toContainText('1 disagreement');
  await expect(rows.nth(0)).toContainText('True');
  await expect(rows.nth(1)).toHaveAttribute('data-claim-id', String(ceasefire.id));
  await page.screenshot({ path: shots('board-rich'), fullPage: true });
  expect(await axeProblems(page), 'axe on the claim board').toEqual([]);
  await page.getByRole('link', { name: 'Reading order' }).click();
  await expect(rows.nth(0)).toHaveAttribute('data-claim-id', String(recognise.id));
  await expect(rows.nth(1)).toHaveAttribute('data-claim-id', String(ceasefire.id));
  await page.getByRole('link', { name: /^accepted/i }).click();
  await expect(page.getByText('No claim is accepted.')).toBeVisible();

  const api = (data: unknown) => page.request.post('/api/links', { data, headers: { origin: baseURL! } });
  const self = await api({ fromAnnotationId: recognise.id, toAnnotationId: recognise.id, relation: 'corroborates' });
  expect(self.status()).toBe(422);
  expect((await self.json()).error.message).toMatch(/itself/);
  expect((await api({ fromAnnotationId: recognise.id, toAnnotationId: jeddah.id, relation: 'supports' })).status()).toBe(400);
  expect((await api({ fromAnnotationId: recognise.id, toAnnotationId: legally.id, relation: 'corroborates' })).status()).toBe(409);
  const theirs = (await page.request.get(`/api/links?annotationId=${stoltenberg.id}`).then((r) => r.json())).links[0];
  expect((await page.request.delete(`/api/links/${theirs.id}`, { headers: { origin: baseURL! } })).status()).toBe(403);

  await page.goto(`/projects/${project.id}/compare/${recognise.id}`);
  await expect(page.getByTestId('compare-pair')).toHaveCount(5);
  await page.screenshot({ path: shots('compare-rich'), fullPage: true });
  expect(await axeProblems(page), 'axe on the quote comparison').toEqual([]);

  await page.goto(`/projects/${project.id}/articles/${arts[1].id}?focus=${legally.id}`);
  await expect(page.getByTestId('links-section').getByTestId('link-item')).toHaveCount(1);
  await page.keyboard.press('l');
  await page.getByTestId('link-search').fill('red line');
  await expect(page.getByTestId('suggestion').first()).toContainText(/red line/i);
  await page.screenshot({ path: shots('picker-typed'), fullPage: false });
  expect(await axeProblems(page), 'axe on the link picker').toEqual([]);

  // Keyboard only: Enter moves from the search box to the list, ArrowDown picks the second
  // statement, x says it conflicts, Enter links it.
  const second = (await page.getByTestId('suggestion').nth(1).innerText()).split('\n').pop()!.trim();
  await page.getByTestId('link-search').press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('x');
  await expect(page.getByTestId('relation-conflicts')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('link-picker')).toBeHidden();
  const items = page.getByTestId('links-section').getByTestId('link-item');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'Conflicts' })).toContainText(second);
});
