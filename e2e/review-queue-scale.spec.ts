/**
 * The review page at the size of a desk: a project made here with 66 tags by one reviewer
 * across three outlets. The queue comes a page at a time and keeps going across the page end
 * on the keyboard; filters narrow it and show their counts; a lead sees the disputes first with
 * both reasons in the settle form; a link says which two statements it joins; the verdict form
 * starts empty; the inbox calls a proposal a proposal; phone screens get buttons, no sideways scroll.
 */
import type { Page } from '@playwright/test';
import { test, expect, ReviewQueue, Reader, addMember, createTestArticle, createTestUser, tagText, type TestUser } from './fixtures';
import { createLink } from '@/lib/data/links';
import { reviewAnnotation } from '@/lib/data/reviews';
import type { Label } from '@/lib/db/tables';

const OUTLETS = ['UNN', 'Zamin.uz', 'Kyiv Independent'];
const PER_ARTICLE = 22;
const LABELS: Label[] = ['claim', 'quote', 'context'];
const SHOTS = '/work/notes/shots';

/** "UNN point 7": the text tagged in sentence 7 of the UNN article. */
const point = (outlet: string, i: number) => `${outlet} point ${i}`;

function bodyOf(outlet: string) {
  return Array.from({ length: PER_ARTICLE }, (_, i) =>
    `${point(outlet, i + 1)}: Зеленський said Ukraine will not recognise the occupied territories as Russian, and «the constitution forbids it» 🇺🇦.`,
  ).join(' ');
}

/** Three articles, one per outlet, each with 22 tags by `author` (claim, quote, context in turn). */
async function desk(project: { id: number }, author: TestUser) {
  const articles = [];
  for (const outlet of OUTLETS) {
    const body = bodyOf(outlet);
    const article = await createTestArticle(project, { title: `${outlet}: Zelensky rules out recognising occupied land`, body, outlet });
    const tags = [];
    for (let i = 1; i <= PER_ARTICLE; i++) tags.push(await tagText(author, article, body, LABELS[(i - 1) % 3], point(outlet, i)));
    articles.push({ article, body, tags });
  }
  return articles;
}

async function noSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
}

test('the queue comes a page at a time, filters narrow it with counts, and the keys keep going across the page end', async ({ project, reviewer: a, otherReviewer: b, pageAs }) => {
  test.setTimeout(120_000);
  await desk(project, a);
  const page = await pageAs(b);
  await page.setViewportSize({ width: 1440, height: 900 });
  const queue = new ReviewQueue(page);
  await queue.open(project);
  await expect(queue.left).toHaveText('66');
  await expect(queue.exact).toHaveText(point('UNN', 1));
  await expect(queue.outlineItems).toHaveCount(25);
  await expect(queue.labelCounts).toContainText('claim 24');
  await expect(queue.labelCounts).toContainText('quote 21');
  await expect(queue.labelCounts).toContainText('context 21');
  await page.screenshot({ path: `${SHOTS}/queue-desktop.png` });

  // Filters: an outlet, then a label within it; the counts follow the other filters.
  await queue.filter('outlet', 'Zamin.uz (22)');
  await expect(queue.left).toHaveText('22');
  await expect(queue.exact).toHaveText(point('Zamin.uz', 1));
  await expect(queue.labelCounts).toContainText('claim 8');
  await queue.labelCounts.getByRole('link', { name: /quote/ }).click();
  await expect(page).toHaveURL(/label=quote/);
  await expect(queue.left).toHaveText('7');
  await expect(queue.exact).toHaveText(point('Zamin.uz', 2));
  await expect(page.getByTestId('filter-outlet').locator('option', { hasText: 'UNN' })).toHaveText('UNN (7)');
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(queue.left).toHaveText('66');

  // The keyboard across the end of the first page: item 25 is Zamin.uz point 3, 26 comes from page 2.
  for (let i = 2; i <= PER_ARTICLE; i++) await queue.next(point('UNN', i));
  for (let i = 1; i <= 3; i++) await queue.next(point('Zamin.uz', i));
  await queue.next(point('Zamin.uz', 4));
  await expect(queue.outlineItems).toHaveCount(50);
  await queue.accept(65);
  await expect(queue.exact).toHaveText(point('Zamin.uz', 5));
  await queue.reject('The sentence number is not a claim.', 64);
  await expect(queue.exact).toHaveText(point('Zamin.uz', 6));
});

test('a lead sees the disputes first, with both reasons in the settle form, and a link names its two statements', async ({ project, reviewer: a, otherReviewer: b, lead, pageAs }) => {
  test.setTimeout(120_000);
  const c = await createTestUser({ name: 'Chen Reviewer' });
  await addMember(project, c, 'reviewer');
  const [unn, zamin] = await desk(project, a);
  const claim = unn.tags[0];
  await reviewAnnotation({ actor: { userId: b.id }, id: claim.id, input: { decision: 'accept', reason: 'Word for word in the UNN text.' } });
  await reviewAnnotation({ actor: { userId: c.id }, id: claim.id, input: { decision: 'reject', reason: 'This is a quote, not a claim.' } });
  await createLink({ actor: { userId: a.id }, input: { fromAnnotationId: unn.tags[1].id, toAnnotationId: zamin.tags[1].id, relation: 'conflicts' } });

  const page = await pageAs(lead);
  await page.setViewportSize({ width: 1440, height: 900 });
  const queue = new ReviewQueue(page);
  await queue.open(project);
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(/Disputed/);
  await expect(page.getByTestId('disputed-count')).toHaveText('1');
  const reasons = queue.disputed.getByTestId('dispute-reviews');
  await expect(reasons).toContainText(`${b.name} accepted: “Word for word in the UNN text.”`);
  await expect(reasons).toContainText('Chen Reviewer rejected: “This is a quote, not a claim.”');

  // The link sits right after its first end, and says what it joins, in the card and on the side.
  await queue.labelCounts.getByRole('link', { name: /link/ }).click();
  await expect(queue.current.getByTestId('link-description')).toHaveText('UNN: «UNN point 2» ✕ conflicts Zamin.uz: «Zamin.uz point 2»');
  await expect(queue.outlineItems.first()).toContainText('UNN: «UNN point 2» ✕ conflicts Zamin.uz: «Zamin.uz point 2»');
  await page.goto(`/projects/${project.id}/review`);

  // The settle form opens under both reasons.
  await queue.disputed.getByRole('button', { name: 'Settle dispute…' }).click();
  await expect(reasons).toBeVisible();
  await expect(queue.disputed.getByLabel('Reason for the decision')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/queue-lead-disputed.png` });
  await queue.disputed.getByLabel('Final decision').selectOption('reject');
  await queue.disputed.getByLabel('Reason for the decision').fill('A quote by the president: tag it as a quote.');
  await queue.disputed.getByRole('button', { name: 'Settle', exact: true }).click();
  await expect(queue.disputed).toContainText('No disputes in this project.');
});

test('the verdict form starts with no verdict, and the author’s inbox calls it a proposal', async ({ project, reviewer: a, otherReviewer: b, pageAs }) => {
  test.setTimeout(120_000);
  const [unn] = await desk(project, a);
  const claim = unn.tags[0];
  const reader = new Reader(await pageAs(b));
  await reader.open(unn.article, { focus: claim.id });
  await reader.verdicts.getByRole('button', { name: 'Propose a verdict…' }).click();
  const select = reader.verdicts.getByLabel('Verdict');
  await expect(select).toHaveValue('');
  await reader.verdicts.getByLabel('Rationale').fill('Reuters quotes the same sentence.');
  const propose = reader.verdicts.getByRole('button', { name: 'Propose', exact: true });
  await expect(propose).toBeDisabled();
  await select.selectOption('mostly-true');
  await propose.click();
  await expect(reader.verdicts).toContainText('Mostly true');

  const inbox = await pageAs(a);
  await inbox.goto('/inbox');
  await expect(inbox.getByTestId('inbox-item').first()).toContainText(`${b.name} proposed a verdict on your claim: Mostly true`);
  await expect(inbox.getByTestId('inbox-item').first()).not.toContainText('gave your claim');
});

test('the inbox comes a page at a time with Older, and both pages work on a phone', async ({ project, reviewer: a, otherReviewer: b, pageAs }) => {
  test.setTimeout(120_000);
  const [unn, zamin] = await desk(project, a);
  for (const t of [...unn.tags, ...zamin.tags.slice(0, 18)]) {
    await reviewAnnotation({ actor: { userId: b.id }, id: t.id, input: t.id % 2 ? { decision: 'accept' } : { decision: 'reject', reason: 'The point number is not what the sentence claims; tag the statement after it.' } });
  }
  const page = await pageAs(a);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/inbox');
  const items = page.getByTestId('inbox-item');
  await expect(items).toHaveCount(30);
  await page.screenshot({ path: `${SHOTS}/queue-inbox-desktop.png` });
  await page.getByRole('button', { name: 'Older' }).click();
  await expect(items).toHaveCount(40);
  await expect(page.getByText('That is everything.')).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/inbox');
  await expect(items).toHaveCount(30);
  await noSidewaysScroll(page);
  await page.screenshot({ path: `${SHOTS}/queue-inbox-phone.png` });

  const phone = await pageAs(b);
  await phone.setViewportSize({ width: 390, height: 844 });
  const queue = new ReviewQueue(phone);
  await queue.open(project);
  await expect(queue.left).toHaveText('26');
  await expect(queue.exact).toHaveText(point('Zamin.uz', 19));
  await noSidewaysScroll(phone);
  await expect(phone.locator('kbd').first()).toBeHidden();
  for (const name of ['Accept', 'Reject…', 'Next']) await expect(queue.current.getByRole('button', { name })).toBeVisible();
  await phone.screenshot({ path: `${SHOTS}/queue-phone.png` });
  await queue.current.getByRole('button', { name: 'Accept' }).click();
  await expect(queue.left).toHaveText('25');
  await expect(queue.exact).toHaveText(point('Zamin.uz', 20));
  await queue.current.getByRole('button', { name: 'Next' }).click();
  await expect(queue.exact).toHaveText(point('Zamin.uz', 21));
});
