/**
 * Review in the browser with two reviewers: A tags and links (through lib/data, as the reader
 * is another feature's), B works the queue with the keyboard, A reads the inbox and replies;
 * nobody reviews their own work; the agreement page shows figures worked out by hand.
 */
import { test, expect, ReviewQueue, Reader, addMember, createTestArticle, createTestUser, tagText } from './fixtures';
import { axeProblems } from './support/axe';
import { createLink } from '@/lib/data/links';
import { listComments } from '@/lib/data/comments';
import { listReviews, reviewAnnotation } from '@/lib/data/reviews';

const KYIV = 'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said on Friday in Kyiv.';
const WIRE = 'Speaking in Kyiv, the president said the constitution forbids giving up land. Officials in Moscow did not comment.';

test('B works the queue with a and r, A sees both in the inbox and replies, B cannot review their own tag', async ({ project, reviewer: a, otherReviewer: b, baseURL, pageAs }) => {
  const kyiv = await createTestArticle(project, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  const wire = await createTestArticle(project, { title: 'President cites constitution', body: WIRE, outlet: 'Reuters' });
  const claim = await tagText(a, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories as Russian');
  const context = await tagText(a, kyiv, KYIV, 'context', 'on Friday in Kyiv');
  const quote = await tagText(a, wire, WIRE, 'quote', 'the constitution forbids giving up land');
  await createLink({ actor: { userId: a.id }, input: { fromAnnotationId: claim.id, toAnnotationId: quote.id, relation: 'corroborates' } });
  const own = await tagText(b, wire, WIRE, 'context', 'Officials in Moscow did not comment');

  const pageB = await pageAs(b);
  const queue = new ReviewQueue(pageB);
  await queue.open(project);
  await expect(queue.left).toHaveText('4');
  await expect(queue.exact).toHaveText(claim.exact);
  await expect(queue.outline).not.toContainText('Officials in Moscow');
  expect(await axeProblems(pageB)).toEqual([]);

  await queue.accept(3);
  await expect(queue.status).toContainText('Accepted');
  await expect(queue.exact).toHaveText(context.exact);
  await queue.reject('Time and place are not context for the claim.', 2);
  await pageB.keyboard.press('n');
  await expect(queue.current).toBeVisible();

  const refused = await pageB.request.post(`/api/annotations/${own.id}/reviews`, { data: { decision: 'accept' }, headers: { origin: baseURL! } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/your own/);

  const pageA = await pageAs(a);
  await pageA.goto('/inbox');
  await expect(pageA.getByTestId('inbox-count')).toHaveText('2');
  const items = pageA.getByTestId('inbox-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(`${b.name} rejected your context`);
  await expect(items.nth(0)).toContainText('Time and place are not context for the claim.');
  await expect(items.nth(1)).toContainText(`${b.name} accepted your claim`);
  await expect(items.nth(0)).toHaveAttribute('data-unread', 'true');
  expect(await axeProblems(pageA)).toEqual([]);
  await items.nth(0).getByRole('button', { name: 'Reply' }).click();
  await items.nth(0).getByLabel('Your reply').fill('Fair point, I will drop it.');
  await items.nth(0).getByRole('button', { name: 'Post reply' }).click();
  await expect(items.nth(0).getByRole('status')).toHaveText('Reply posted');
  const thread = (await listComments({ actor: { userId: b.id }, target: { kind: 'annotation', id: context.id } })).comments;
  expect(thread.map((c) => [c.authorName, c.body])).toEqual([[a.name, 'Fair point, I will drop it.']]);
  await pageA.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(pageA.getByTestId('inbox-count')).toHaveCount(0);
  await expect(pageA.getByTestId('inbox-item').first()).toHaveAttribute('data-unread', 'false');

  await pageB.goto('/inbox');
  await expect(pageB.getByTestId('inbox-item')).toContainText(`${a.name} commented on a context you reviewed`);
  await expect(pageB.getByTestId('inbox-item')).toContainText('Fair point, I will drop it.');
});

test("the reader offers no review controls on your own tag, and accept on a colleague's", async ({ project, reviewer: a, otherReviewer: b, pageAs }) => {
  const kyiv = await createTestArticle(project, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  const mine = await tagText(b, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize');
  const theirs = await tagText(a, kyiv, KYIV, 'context', 'on Friday in Kyiv');
  const reader = new Reader(await pageAs(b));
  const { page, reviewSection: section } = reader;
  await reader.open(kyiv, { focus: mine.id });
  await expect(section).toBeVisible();
  await expect(section).toContainText('This is your own tag');
  await expect(section.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await reader.open(kyiv, { focus: theirs.id });
  await section.getByRole('button', { name: 'Accept' }).click();
  await expect(section.getByTestId('status-badge')).toHaveText('Accepted');
  await section.getByLabel('Add a comment').fill('Is the date needed as context here?');
  await section.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(section.getByTestId('comment')).toContainText('Is the date needed as context here?');
  await page.goto(`/projects/${project.id}/history/annotation/${theirs.id}`);
  await expect(page.getByTestId('history')).toContainText(`${b.name} reviewed it`);
  await expect(page.getByTestId('history')).toContainText(`${b.name} commented`);
  expect(await axeProblems(page)).toEqual([]);
});

test('the agreement table shows the figures worked out by hand for a prepared pair', async ({ project, pageAs }) => {
  const [c, d, e] = await Promise.all(['Carla', 'Dmytro', 'Eve'].map((name) => createTestUser({ name })));
  for (const user of [c, d, e]) await addMember(project, user, 'reviewer');
  const kyiv = await createTestArticle(project, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  // 117 characters. Carla: claim [0,34) "Ukraine will not legally recognize", quote [39,71)
  // "temporarily occupied territories". Dmytro: the same claim, and context on the same 32 characters.
  await tagText(c, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize');
  await tagText(c, kyiv, KYIV, 'quote', 'temporarily occupied territories');
  await tagText(d, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize');
  await tagText(d, kyiv, KYIV, 'context', 'temporarily occupied territories');
  await tagText(e, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  // Exact and overlap F1: one of 2 + 2 spans match: 2·1/4 = 0.50.
  // Characters: claim/claim 34, quote/context 32, none/none 51: po = 85/117.
  // pe = (34·34 + 51·51) / 117² = 3757/13689; kappa = (85/117 − pe) / (1 − pe) = 0.623 -> "0.62".
  const page = await pageAs(c);
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
  expect(await axeProblems(page)).toEqual([]);
});

test('a lead settles a disputed tag from the review page with a reason', async ({ project, reviewer: a, otherReviewer: b, lead, pageAs }) => {
  const c = await createTestUser({ name: 'Chen Reviewer' });
  await addMember(project, c, 'reviewer');
  const kyiv = await createTestArticle(project, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  const claim = await tagText(a, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories as Russian');
  await reviewAnnotation({ actor: { userId: b.id }, id: claim.id, input: { decision: 'accept' } });
  await reviewAnnotation({ actor: { userId: c.id }, id: claim.id, input: { decision: 'reject', reason: 'This is a quote, not a claim.' } });
  const queue = new ReviewQueue(await pageAs(lead));
  await queue.open(project);
  await expect(queue.disputed.getByTestId('queue-item')).toHaveCount(1);
  await queue.settle('accept', 'A policy statement the president makes: a claim to check.');
  await expect(queue.disputed).toContainText('No disputes in this project.');
  expect((await listReviews({ actor: { userId: a.id }, kind: 'annotation', id: claim.id })).status).toBe('accepted');
});

test('a reviewer proposes a claim verdict with evidence and a lead sets the final one in the reader', async ({ project, reviewer: a, otherReviewer: b, lead, pageAs }) => {
  const kyiv = await createTestArticle(project, { title: 'Zelenskyy rules out recognising occupied land', body: KYIV, outlet: 'Kyiv Independent' });
  const wire = await createTestArticle(project, { title: 'President cites constitution', body: WIRE, outlet: 'Reuters' });
  const claim = await tagText(a, kyiv, KYIV, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories as Russian');
  const quote = await tagText(a, wire, WIRE, 'quote', 'the constitution forbids giving up land');
  await createLink({ actor: { userId: a.id }, input: { fromAnnotationId: claim.id, toAnnotationId: quote.id, relation: 'corroborates' } });

  const readerB = new Reader(await pageAs(b));
  await readerB.open(kyiv, { focus: claim.id });
  const verdictsB = readerB.verdicts;
  await verdictsB.getByRole('button', { name: 'Propose a verdict…' }).click();
  await verdictsB.getByLabel('Verdict').selectOption('mostly-true');
  await verdictsB.getByLabel('Rationale').fill('The constitution bars ceding territory; Reuters quotes it.');
  await verdictsB.getByRole('checkbox').check();
  await verdictsB.getByRole('button', { name: 'Propose', exact: true }).click();
  await expect(verdictsB).toContainText('Mostly true');
  await expect(verdictsB).toContainText('Evidence: 1 link(s)');

  const readerL = new Reader(await pageAs(lead));
  await readerL.open(kyiv, { focus: claim.id });
  const verdictsL = readerL.verdicts;
  await expect(verdictsL).toContainText(b.name);
  await verdictsL.getByRole('button', { name: 'Propose or set verdict…' }).click();
  await verdictsL.getByLabel('Verdict').selectOption('true');
  await verdictsL.getByLabel('Rationale').fill('Article 2 of the constitution; confirmed by two outlets.');
  await verdictsL.getByRole('button', { name: 'Set as final verdict' }).click();
  await expect(verdictsL).toContainText(`final, by ${lead.name}`);
});
