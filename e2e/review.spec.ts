/**
 * Review in the browser with two reviewers: A tags and links (through lib/data, as the reader
 * is another feature's), B works the queue with the keyboard, A reads the inbox and replies;
 * nobody reviews their own work; the agreement page shows figures worked out by hand.
 */
import { test, expect, makeUser, makeProject, makeArticle, pageFor, type TestUser } from './fixtures';
import { createAnnotation } from '@/lib/data/annotations';
import { createLink } from '@/lib/data/links';
import { listComments } from '@/lib/data/comments';
import { listReviews, reviewAnnotation } from '@/lib/data/reviews';
import type { Label } from '@/lib/db/schema';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Serious or critical WCAG 2.1 A/AA violations on the current page. */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const KYIV = 'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said on Friday in Kyiv.';
const WIRE = 'Speaking in Kyiv, the president said the constitution forbids giving up land. Officials in Moscow did not comment.';

async function tagAs(user: TestUser, article: { id: number }, body: string, label: Label, text: string) {
  const start = body.indexOf(text);
  return await createAnnotation({ actor: { userId: user.id }, articleId: article.id, input: { label, start, end: start + text.length, exact: text } });
}

const shots = (name: string) => `test-results/screens-h5/${name}.png`;

test('B works the queue with a and r, A sees both in the inbox and replies, B cannot review their own tag', async ({ browser, baseURL }) => {
  const a = await makeUser({ name: 'Alice Author' });
  const b = await makeUser({ name: 'Bruno Reviewer' });
  const project = makeProject([[a, 'reviewer'], [b, 'reviewer']]);
  const kyiv = makeArticle(project.id, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  const wire = makeArticle(project.id, { title: 'President cites constitution', body: WIRE, outlet: 'Reuters' });
  const claim = await tagAs(a, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories as Russian');
  const context = await tagAs(a, kyiv, KYIV, 'context', 'on Friday in Kyiv');
  const quote = await tagAs(a, wire, WIRE, 'quote', 'the constitution forbids giving up land');
  await createLink({ actor: { userId: a.id }, input: { fromAnnotationId: claim.id, toAnnotationId: quote.id, relation: 'corroborates' } });
  const own = await tagAs(b, wire, WIRE, 'context', 'Officials in Moscow did not comment');

  const pageB = await pageFor(browser, b);
  await pageB.goto(`/projects/${project.id}/review`);
  await expect(pageB.getByTestId('queue-left')).toHaveText('4');
  await expect(pageB.getByTestId('queue-exact')).toHaveText(claim.exact);
  await expect(pageB.locator('aside')).not.toContainText('Officials in Moscow');
  await pageB.screenshot({ path: shots('queue'), fullPage: true });
  expect(await axeProblems(pageB)).toEqual([]);

  await pageB.keyboard.press('a');
  await expect(pageB.getByTestId('queue-left')).toHaveText('3');
  await expect(pageB.getByRole('status')).toContainText('Accepted');
  await expect(pageB.getByTestId('queue-exact')).toHaveText(context.exact);
  await pageB.keyboard.press('r');
  await pageB.getByLabel('Why do you reject it?').fill('Time and place are not context for the claim.');
  await pageB.getByRole('button', { name: 'Reject with this reason' }).click();
  await expect(pageB.getByTestId('queue-left')).toHaveText('2');
  await pageB.keyboard.press('n');
  await expect(pageB.getByTestId('queue-item')).toBeVisible();

  const refused = await pageB.request.post(`/api/annotations/${own.id}/reviews`, { data: { decision: 'accept' }, headers: { origin: baseURL! } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/your own/);

  const pageA = await pageFor(browser, a);
  await pageA.goto('/inbox');
  await expect(pageA.getByTestId('inbox-count')).toHaveText('2');
  const items = pageA.getByTestId('inbox-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Bruno Reviewer rejected your context');
  await expect(items.nth(0)).toContainText('Time and place are not context for the claim.');
  await expect(items.nth(1)).toContainText('Bruno Reviewer accepted your claim');
  await expect(items.nth(0)).toHaveAttribute('data-unread', 'true');
  await pageA.screenshot({ path: shots('inbox'), fullPage: true });
  expect(await axeProblems(pageA)).toEqual([]);
  await items.nth(0).getByRole('button', { name: 'Reply' }).click();
  await items.nth(0).getByLabel('Your reply').fill('Fair point, I will drop it.');
  await items.nth(0).getByRole('button', { name: 'Post reply' }).click();
  await expect(items.nth(0).getByRole('status')).toHaveText('Reply posted');
  const thread = listComments({ actor: { userId: b.id }, target: { kind: 'annotation', id: context.id } }).comments;
  expect(thread.map((c) => [c.authorName, c.body])).toEqual([['Alice Author', 'Fair point, I will drop it.']]);
  await pageA.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(pageA.getByTestId('inbox-count')).toHaveCount(0);
  await expect(pageA.getByTestId('inbox-item').first()).toHaveAttribute('data-unread', 'false');

  await pageB.goto('/inbox');
  await expect(pageB.getByTestId('inbox-item')).toContainText('Alice Author commented on a context you reviewed');
  await expect(pageB.getByTestId('inbox-item')).toContainText('Fair point, I will drop it.');
});

test('the reader offers no review controls on your own tag, and accept on a colleague\'s', async ({ browser }) => {
  const a = await makeUser({ name: 'Alice Author' });
  const b = await makeUser({ name: 'Bruno Reviewer' });
  const project = makeProject([[a, 'reviewer'], [b, 'reviewer']]);
  const kyiv = makeArticle(project.id, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  const mine = await tagAs(b, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize');
  const theirs = await tagAs(a, kyiv, KYIV, 'context', 'on Friday in Kyiv');
  const page = await pageFor(browser, b);
  await page.goto(`/projects/${project.id}/articles/${kyiv.id}?focus=${mine.id}`);
  const section = page.getByTestId('review-section');
  await expect(section).toBeVisible();
  await expect(section).toContainText('This is your own tag');
  await expect(section.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await page.goto(`/projects/${project.id}/articles/${kyiv.id}?focus=${theirs.id}`);
  await section.getByRole('button', { name: 'Accept' }).click();
  await expect(section.getByTestId('status-badge')).toHaveText('Accepted');
  await section.getByLabel('Add a comment').fill('Is the date needed as context here?');
  await section.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(section.getByTestId('comment')).toContainText('Is the date needed as context here?');
  await page.screenshot({ path: shots('reader-review'), fullPage: true });
  await page.goto(`/projects/${project.id}/history/annotation/${theirs.id}`);
  await expect(page.getByTestId('history')).toContainText('Bruno Reviewer reviewed it');
  await expect(page.getByTestId('history')).toContainText('Bruno Reviewer commented');
  await page.screenshot({ path: shots('history'), fullPage: true });
  expect(await axeProblems(page)).toEqual([]);
});

test('the agreement table shows the figures worked out by hand for a prepared pair', async ({ browser }) => {
  const c = await makeUser({ name: 'Carla' });
  const d = await makeUser({ name: 'Dmytro' });
  const e = await makeUser({ name: 'Eve' });
  const project = makeProject([[c, 'reviewer'], [d, 'reviewer'], [e, 'reviewer']]);
  const kyiv = makeArticle(project.id, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  // 117 characters. Carla: claim [0,34) "Ukraine will not legally recognize", quote [39,71)
  // "temporarily occupied territories". Dmytro: the same claim, and context on the same 32 characters.
  await tagAs(c, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize');
  await tagAs(c, kyiv, KYIV, 'quote', 'temporarily occupied territories');
  await tagAs(d, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize');
  await tagAs(d, kyiv, KYIV, 'context', 'temporarily occupied territories');
  await tagAs(e, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  // Exact and overlap F1: one of 2 + 2 spans match: 2·1/4 = 0.50.
  // Characters: claim/claim 34, quote/context 32, none/none 51: po = 85/117.
  // pe = (34·34 + 51·51) / 117² = 3757/13689; kappa = (85/117 − pe) / (1 − pe) = 0.623 -> "0.62".
  const page = await pageFor(browser, c);
  await page.goto(`/projects/${project.id}/agreement?a=${c.id}&b=${d.id}`);
  await expect(page.getByTestId(`cell-${c.id}-${d.id}`)).toHaveText('0.62');
  await expect(page.getByTestId(`cell-${d.id}-${c.id}`)).toHaveText('0.62');
  const row = page.getByTestId('article-agreement').getByRole('row').filter({ hasText: 'Carla × Dmytro' });
  await expect(row).toContainText('2 / 2');
  await expect(row.locator('.score-chip').nth(0)).toHaveText('0.50');
  await expect(row.locator('.score-chip').nth(1)).toHaveText('0.50');
  await expect(row.locator('.score-chip').nth(2)).toHaveText('0.62');
  const list = page.getByTestId('disagreements');
  await expect(list).toContainText('Different labels');
  await expect(list.getByRole('link', { name: /temporarily occupied territories/ }).first()).toHaveAttribute('href', new RegExp(`/projects/${project.id}/articles/${kyiv.id}\\?focus=\\d+`));
  await page.screenshot({ path: shots('agreement'), fullPage: true });
  expect(await axeProblems(page)).toEqual([]);
});

test('a lead settles a disputed tag from the review page with a reason', async ({ browser }) => {
  const a = await makeUser({ name: 'Alice Author' });
  const b = await makeUser({ name: 'Bruno Reviewer' });
  const c = await makeUser({ name: 'Chen Reviewer' });
  const lead = await makeUser({ name: 'Lena Lead' });
  const project = makeProject([[a, 'reviewer'], [b, 'reviewer'], [c, 'reviewer'], [lead, 'lead']]);
  const kyiv = makeArticle(project.id, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  const claim = await tagAs(a, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories as Russian');
  await reviewAnnotation({ actor: { userId: b.id }, id: claim.id, input: { decision: 'accept' } });
  await reviewAnnotation({ actor: { userId: c.id }, id: claim.id, input: { decision: 'reject', reason: 'This is a quote, not a claim.' } });
  const page = await pageFor(browser, lead);
  await page.goto(`/projects/${project.id}/review`);
  const disputed = page.locator('section[aria-labelledby="disputed-title"]');
  await expect(disputed.getByTestId('queue-item')).toHaveCount(1);
  await disputed.getByRole('button', { name: 'Settle dispute…' }).click();
  await disputed.getByLabel('Final decision').selectOption('accept');
  await disputed.getByLabel('Reason for the decision').fill('A policy statement the president makes: a claim to check.');
  await page.screenshot({ path: shots('settle'), fullPage: true });
  await disputed.getByRole('button', { name: 'Settle', exact: true }).click();
  await expect(disputed).toContainText('No disputes in this project.');
  expect(listReviews({ actor: { userId: a.id }, kind: 'annotation', id: claim.id }).status).toBe('accepted');
});

test('a reviewer proposes a claim verdict with evidence and a lead sets the final one in the reader', async ({ browser }) => {
  const a = await makeUser({ name: 'Alice Author' });
  const b = await makeUser({ name: 'Bruno Reviewer' });
  const lead = await makeUser({ name: 'Lena Lead' });
  const project = makeProject([[a, 'reviewer'], [b, 'reviewer'], [lead, 'lead']]);
  const kyiv = makeArticle(project.id, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  const wire = makeArticle(project.id, { title: 'President cites constitution', body: WIRE, outlet: 'Reuters' });
  const claim = await tagAs(a, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories as Russian');
  const quote = await tagAs(a, wire, WIRE, 'quote', 'the constitution forbids giving up land');
  const evidence = await createLink({ actor: { userId: a.id }, input: { fromAnnotationId: claim.id, toAnnotationId: quote.id, relation: 'corroborates' } });

  const pageB = await pageFor(browser, b);
  await pageB.goto(`/projects/${project.id}/articles/${kyiv.id}?focus=${claim.id}`);
  const verdictsB = pageB.getByTestId('verdicts');
  await verdictsB.getByRole('button', { name: 'Propose a verdict…' }).click();
  await verdictsB.getByLabel('Verdict').selectOption('mostly-true');
  await verdictsB.getByLabel('Rationale').fill('The constitution bars ceding territory; Reuters quotes it.');
  await verdictsB.getByRole('checkbox').check();
  await verdictsB.getByRole('button', { name: 'Propose', exact: true }).click();
  await expect(verdictsB).toContainText('Mostly true');
  await expect(verdictsB).toContainText('Evidence: 1 link(s)');

  const pageL = await pageFor(browser, lead);
  await pageL.goto(`/projects/${project.id}/articles/${kyiv.id}?focus=${claim.id}`);
  const verdictsL = pageL.getByTestId('verdicts');
  await expect(verdictsL).toContainText('Bruno Reviewer');
  await verdictsL.getByRole('button', { name: 'Propose or set verdict…' }).click();
  await verdictsL.getByLabel('Verdict').selectOption('true');
  await verdictsL.getByLabel('Rationale').fill('Article 2 of the constitution; confirmed by two outlets.');
  await verdictsL.getByRole('button', { name: 'Set as final verdict' }).click();
  await expect(verdictsL).toContainText('final, by Lena Lead');
  await pageL.screenshot({ path: shots('verdict'), fullPage: true });
  expect(evidence.id).toBeGreaterThan(0);
});
