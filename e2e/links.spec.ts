/**
 * Linking statements across outlets in the browser, on copies of the five seed texts in each
 * test's own project: a reviewer opens a claim, presses l, picks the matching sentence of
 * another outlet from the suggestions (c, label, Link), jumps to it and back, sees the link on
 * the claim board and in the quote comparison, and after one end is deleted the link is gone
 * from the board.
 */
import { test, expect, Reader, LinkPicker, addMember, createSeedCopies, createTestUser, seedTexts, tagText, type TestUser } from './fixtures';
import { axeProblems } from './support/axe';
import { deleteAnnotation } from '@/lib/data/annotations';
import { createLink } from '@/lib/data/links';
import { finalizeVerdict } from '@/lib/data/verdicts';
import { linksForAnnotation } from '@/lib/data/linkViews';
import type { Label, Relation } from '@/lib/domain';

const CLAIM = 'Ukraine will not legally recognize any temporarily occupied territories';
const MATCH = 'Zelenskiy: Ukraine will not recognize the territories occupied by Russia';

test('link a claim to another outlet, jump both ways, see it on the board and in the comparison, then lose it with its end', async ({ project, reviewer, pageAs }) => {
  const [source, , , target] = await createSeedCopies(project, seedTexts().map((_, i) => i));
  const claim = await tagText(reviewer, source, source.body, 'claim', CLAIM);

  const reader = new Reader(await pageAs(reviewer));
  const { page } = reader;
  await reader.open(source, { focus: claim.id });
  await expect(reader.linksSection).toContainText('Not linked yet');
  const picker = new LinkPicker(page);
  await picker.open();
  const match = picker.suggestion(MATCH);
  await expect(match).toHaveCount(1);
  expect((await picker.suggestions.allInnerTexts()).slice(0, 5).some((s) => s.includes(MATCH))).toBe(true);
  await match.click();
  await picker.relation('corroborates');
  await picker.labelSentence('quote');
  await picker.rationale('Same refusal, reported as a headline.');
  await picker.link();

  const item = reader.linksSection.getByTestId('link-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Corroborates');
  await expect(item).toContainText(MATCH);
  await expect(item).toContainText('Same refusal, reported as a headline.');
  const [link] = await linksForAnnotation({ actor: { userId: reviewer.id }, annotationId: claim.id });
  expect(link.other).toMatchObject({ articleId: target.id, label: 'quote', exact: MATCH });

  await item.getByRole('link').click();
  await page.waitForURL(new RegExp(`/articles/${target.id}\\?focus=${link.other.annotationId}&from=${claim.id}`));
  await expect(reader.linksSection.getByTestId('link-item')).toContainText(CLAIM);
  await reader.linksSection.getByTestId('links-back').click();
  await page.waitForURL(new RegExp(`/articles/${source.id}\\?focus=${claim.id}`));
  await expect(reader.linksSection.getByTestId('link-item')).toContainText(MATCH);

  // The board (issue 12): the claim heads its cluster, the quote sits in its outlet's column.
  await page.goto(`/projects/${project.id}/board`);
  const row = page.locator(`[data-testid="board-row"][data-cluster-id="${claim.id}"]`);
  await expect(row.locator('th')).toContainText('✓ 1');
  await expect(row.locator('td[data-outlet]').filter({ hasText: MATCH }).first()).toBeVisible();

  await row.getByRole('link', { name: 'compare' }).click();
  await page.waitForURL(new RegExp(`/compare/${claim.id}$`));
  await expect(page.getByTestId('compare-base')).toContainText(CLAIM);
  const pair = page.getByTestId('compare-pair');
  await expect(pair).toHaveCount(1);
  await expect(pair.locator('mark').first()).toBeVisible();
  await expect(pair).toContainText('Corroborates');

  await deleteAnnotation({ actor: { userId: reviewer.id }, annotationId: link.other.annotationId });
  await page.goto(`/projects/${project.id}/board`);
  await expect(row).toBeVisible();
  await expect(row.locator('th')).not.toContainText('✓');
  await expect(row).not.toContainText(MATCH);
});

test('the board puts the most contested claim first, shows a disagreement and a verdict, and filters by status; the API refuses bad links', async ({ project, lead, baseURL, pageAs }) => {
  const r1 = await createTestUser({ name: 'Rui Reviewer' });
  const r2 = await createTestUser({ name: 'Ines Reviewer' });
  await addMember(project, r1, 'reviewer');
  await addMember(project, r2, 'reviewer');
  const arts = await createSeedCopies(project, seedTexts().map((_, i) => i));
  const t = async (user: TestUser, i: number, label: Label, text: string) => await tagText(user, arts[i], arts[i].body, label, text);
  const link = async (user: TestUser, a: { id: number }, b: { id: number }, relation: Relation, note = '') =>
    await createLink({ actor: { userId: user.id }, input: { fromAnnotationId: a.id, toAnnotationId: b.id, relation, note } });

  const recognise = await t(r1, 0, 'claim', CLAIM);
  const ceasefire = await t(r1, 3, 'claim', 'Kyiv agreed to the 30-day ceasefire plan proposed by Washington.');
  await t(r2, 4, 'claim', 'Zelenskyy maintained that military victory remains possible');
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
  await finalizeVerdict({ actor: { userId: lead.id }, annotationId: recognise.id, input: { verdict: 'true', rationale: 'Four outlets report the same refusal.' } });

  const page = await pageAs(r1);
  await page.goto(`/projects/${project.id}/board`);
  const rows = page.getByTestId('board-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-cluster-id', String(recognise.id));
  await expect(rows.nth(0)).toContainText('1 disagreement');
  await expect(rows.nth(0)).toContainText('True');
  expect(await axeProblems(page), 'axe on the claim board').toEqual([]);
  await page.getByRole('link', { name: 'Newest' }).click();
  await expect(page).toHaveURL(/sort=newest/);
  await expect(rows).toHaveCount(3);
  await page.goto(`/projects/${project.id}/board?status=accepted`);
  await expect(page.getByText('No cluster matches these filters.')).toBeVisible();

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
  expect(await axeProblems(page), 'axe on the quote comparison').toEqual([]);

  const reader = new Reader(page);
  await reader.open(arts[1], { focus: legally.id });
  await expect(reader.linksSection.getByTestId('link-item')).toHaveCount(1);
  const picker = new LinkPicker(page);
  await picker.open();
  await picker.searchFor('red line');
  expect(await axeProblems(page), 'axe on the link picker').toEqual([]);

  // Keyboard only: Enter moves from the search box to the list, ArrowDown picks the second
  // statement, x says it conflicts, Enter links it.
  const second = await picker.statementOf(1);
  await picker.search.press('Enter');
  await page.keyboard.press('ArrowDown');
  await picker.relation('conflicts');
  await page.keyboard.press('Enter');
  await expect(picker.dialog).toBeHidden();
  const items = reader.linksSection.getByTestId('link-item');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'Conflicts' })).toContainText(second);
});
