/**
 * A day at the desk (issue 14), the gaps left: the history read as a person reads it, an
 * archived article gone from the board and the queue, the articles list and members page on a
 * phone, axe on overlapping and selected highlights, the queue naming an outlet once; and
 * screenshots of the desk's pages at 1440x900 and 390x844, for a person to judge.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, Reader, LinkPicker, ReviewQueue, createSeedCopy, createSeedCopies, createTestArticle, tagText } from './fixtures';
import { axeProblems } from './support/axe';
import { createAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { createLink } from '@/lib/data/links';
import { reviewAnnotation } from '@/lib/data/reviews';
import { addComment } from '@/lib/data/comments';

const SHOTS = '/work/notes/shots/flows';
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };

async function shoot(page: Page, name: string, fullPage = false) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('the history says what people did, in their words, and which two statements a link joins', async ({ project, lead, reviewer, pageAs }) => {
  const unnBody = 'Kyiv • UNN. «Ukraine will never recognise the occupied territories», Зеленський said. 🇺🇦';
  const zaminBody = 'Tashkent. Zelenskyy repeated that Ukraine will never recognise occupied land as Russian.';
  const unn = await createTestArticle(project, { title: 'Zelenskyy: no recognition', outlet: 'UNN', body: unnBody });
  const zamin = await createTestArticle(project, { title: 'Storm and talks', outlet: 'Zamin.uz', body: zaminBody });
  const quoteText = 'Ukraine will never recognise the occupied territories';
  const start = unnBody.indexOf(quoteText);
  const quote = await createAnnotation({ actor: { userId: reviewer.id }, articleId: unn.id, input: {
    label: 'quote', start, end: start + quoteText.length, attributes: { speaker: 'Volodymyr Zelenskyy', quoteKind: 'verbatim' },
  } });
  await updateAnnotation({ actor: { userId: reviewer.id }, annotationId: quote.id, ifMatch: quote.version, input: { start: start - 1, end: start + quoteText.length + 1, attributes: { speaker: 'Зеленський', quoteKind: 'verbatim' } } });
  const other = await tagText(reviewer, zamin, zaminBody, 'claim', 'Ukraine will never recognise occupied land as Russian');
  const link = await createLink({ actor: { userId: reviewer.id }, input: { fromAnnotationId: quote.id, toAnnotationId: other.id, relation: 'conflicts', note: 'Wording differs' } });
  await reviewAnnotation({ actor: { userId: lead.id }, id: quote.id, input: { decision: 'reject', reason: 'Not verbatim: «» left out' } });

  const page = await pageAs(lead);
  await page.setViewportSize(DESK);
  await page.goto(`/projects/${project.id}/history/annotation/${quote.id}`);
  const history = page.getByTestId('history');
  await expect(history).toContainText(`${reviewer.name} tagged it`);
  await expect(history).toContainText(`${reviewer.name} edited it`);
  const edit = history.locator('li').filter({ hasText: 'edited it' });
  await expect(edit.locator('dt')).toHaveText(['Text', 'Speaker', 'Span']);
  await expect(edit).toContainText('Volodymyr Zelenskyy → Зеленський');
  await expect(history).toContainText(`${reviewer.name} linked it to another statement`);
  await expect(history.locator('li').filter({ hasText: 'linked it' })).toContainText('UNN: ««Ukraine will never recognise the occupied…» ✕ conflicts Zamin.uz: «Ukraine will never recognise occupied land as…»');
  await expect(history).toContainText(`${lead.name} reviewed it`);
  await expect(history).toContainText('Not verbatim: «» left out');
  const text = await history.innerText();
  for (const internal of ['prefix', 'suffix', 'version', 'Substance', 'attributes', '{"', 'quoteKind', 'review ', 'link ']) {
    expect(text, `the history shows no "${internal}"`).not.toContain(internal);
  }
  await shoot(page, 'history-annotation-1440');

  await page.goto(`/projects/${project.id}/history/link/${link.id}`);
  await expect(page.getByTestId('link-joins')).toHaveText('UNN: ««Ukraine will never recognise the occupied…» ✕ conflicts Zamin.uz: «Ukraine will never recognise occupied land as…»');
  await expect(page.getByTestId('history')).toContainText(`${reviewer.name} linked the two statements`);
  await expect(page.getByTestId('history')).toContainText('Wording differs');
  expect(await page.getByTestId('history').innerText()).not.toMatch(/fromAnnotationId|toAnnotationId|version/);
  await page.setViewportSize(PHONE);
  expect(await noSidewaysScroll(page)).toBe(true);
  await shoot(page, 'history-link-390');
});

test('a lead archives an article: gone from the board and the queue; the reader says so, with Restore for leads', async ({ project, lead, reviewer, pageAs }) => {
  const [kept, gone] = await createSeedCopies(project, [0, 3]);
  const keptClaim = await tagText(reviewer, kept, kept.body, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  const goneText = 'We will never recognize';
  const goneClaim = await tagText(reviewer, gone, gone.body, 'claim', goneText);
  await createLink({ actor: { userId: reviewer.id }, input: { fromAnnotationId: keptClaim.id, toAnnotationId: goneClaim.id, relation: 'corroborates' } });

  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/board`);
  await expect(page.locator('main')).toContainText(goneText);
  await page.goto(`/projects/${project.id}/articles/${gone.id}/details`);
  await page.getByRole('button', { name: 'Archive the article…' }).click();
  await page.getByRole('group', { name: 'Confirm archiving' }).getByRole('button', { name: 'Archive it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'This article is archived' })).toBeVisible();

  await page.goto(`/projects/${project.id}/board`);
  await expect(page.locator('main')).toContainText('Ukraine will not legally recognize');
  await expect(page.locator('main')).not.toContainText(goneText);
  const queue = new ReviewQueue(page);
  await queue.open(project);
  await expect(queue.left).toHaveText('1');
  await expect(queue.outline).not.toContainText(goneText);
  await expect(queue.outlineItems).toHaveCount(1);

  await page.goto(`/projects/${project.id}/articles/${gone.id}`);
  const notice = page.getByTestId('archived-article');
  await expect(notice).toContainText('This article is archived');
  await expect(page.getByText('Select text and press')).toHaveCount(0);
  const reviewerPage = await pageAs(reviewer);
  await reviewerPage.goto(`/projects/${project.id}/articles/${gone.id}`);
  await expect(reviewerPage.getByTestId('archived-article')).toContainText('until a lead restores it');
  await expect(reviewerPage.getByTestId('archived-article').getByRole('button')).toHaveCount(0);
  // The reviewer's side panel still lists the claim, but the article takes no new tag.
  const reader = new Reader(reviewerPage);
  await expect(reader.itemWith(goneText)).toBeVisible();
  const answer = await reviewerPage.evaluate(async (articleId) => {
    const res = await fetch(`/api/articles/${articleId}/annotations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ label: 'claim', start: 0, end: 5 }) });
    return { status: res.status, body: await res.json() };
  }, gone.id);
  expect(answer.status).toBe(409);
  expect(JSON.stringify(answer.body)).toContain('This article is archived; restore it to annotate.');
  await page.setViewportSize(PHONE);
  await shoot(page, 'reader-archived-390');

  await notice.getByRole('button', { name: 'Restore the article' }).click();
  await expect(page.getByTestId('archived-article')).toBeHidden();
  await page.goto(`/projects/${project.id}/board`);
  await expect(page.locator('main')).toContainText(goneText);
});

test('at 390x844 the articles list and the members page stack as cards and do not scroll sideways', async ({ project, lead, reviewer, viewer, pageAs }) => {
  for (const i of [0, 1, 2, 3, 4]) await createSeedCopy(project, i);
  const page = await pageAs(lead);
  await page.setViewportSize(PHONE);
  await page.goto(`/projects/${project.id}`);
  const rows = page.getByRole('table', { name: 'Articles' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  expect(await noSidewaysScroll(page), 'the articles list').toBe(true);
  // Each card shows its counts by name, within the screen.
  await expect(rows.first().getByTestId('count-claim')).toBeVisible();
  const box = (await rows.first().boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await shoot(page, 'articles-390', true);
  await page.goto(`/projects/${project.id}/members`);
  await expect(page.getByTestId(`member-${reviewer.email}`)).toBeVisible();
  await expect(page.getByTestId(`member-${viewer.email}`)).toBeVisible();
  expect(await noSidewaysScroll(page), 'the members page').toBe(true);
  await shoot(page, 'members-390', true);
  expect(await axeProblems(page)).toEqual([]);
});

test('the reader with overlapping highlights and a selected claim has no serious axe findings', async ({ project, lead, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 0);
  const claim = await tagText(reviewer, article, article.body, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  await tagText(lead, article, article.body, 'quote', 'not legally recognize any temporarily occupied');
  await tagText(lead, article, article.body, 'context', 'temporarily occupied territories');
  const page = await pageAs(lead);
  for (const size of [DESK, PHONE]) {
    await page.setViewportSize(size);
    const reader = new Reader(page);
    await reader.open(article, { focus: claim.id });
    await reader.expectSelected(claim.id);
    expect(await axeProblems(page), `at ${size.width}px`).toEqual([]);
    await shoot(page, `reader-overlaps-${size.width}`);
  }
});

test('the review queue names an outlet once, in its outline and on the card', async ({ project, lead, reviewer, pageAs }) => {
  const body = 'A severe winter storm in the USA has disrupted the lives of thousands of people. This was reported by Zamin.uz.';
  const article = await createTestArticle(project, { title: 'Zamin.uz: Storm in the USA leaves thousands without power', outlet: 'Zamin.uz', body });
  await tagText(reviewer, article, body, 'claim', 'A severe winter storm in the USA has disrupted the lives of thousands of people.');
  const page = await pageAs(lead);
  const queue = new ReviewQueue(page);
  await queue.open(project);
  const group = page.getByTestId('outline-group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('Storm in the USA leaves thousands without power');
  expect((await group.innerText()).match(/Zamin\.uz/g)).toHaveLength(1);
  const source = queue.current.locator('figcaption a');
  await expect(source).toHaveText('Zamin.uz — Storm in the USA leaves thousands without power');
  await shoot(page, 'queue-outlet-once-1440');
});

test('screenshots of the reader, link picker, review queue, board and inbox at 1440x900 and 390x844', async ({ project, lead, reviewer, otherReviewer, pageAs }) => {
  const [a, b, c] = await createSeedCopies(project, [0, 3, 1]);
  const claim = await tagText(lead, a, a.body, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  await tagText(lead, a, a.body, 'quote', 'not legally recognize any temporarily occupied');
  const match = await tagText(reviewer, b, b.body, 'quote', 'We will never recognize');
  await tagText(otherReviewer, c, c.body, 'claim', c.body.split('\n').find((l) => l.length > 60)!.slice(0, 60).trim());
  await createLink({ actor: { userId: reviewer.id }, input: { fromAnnotationId: claim.id, toAnnotationId: match.id, relation: 'corroborates' } });
  await reviewAnnotation({ actor: { userId: reviewer.id }, id: claim.id, input: { decision: 'reject', reason: 'Too long a span' } });
  await addComment({ actor: { userId: otherReviewer.id }, target: { kind: 'annotation', id: claim.id }, input: { body: 'Is this the president’s wording? 🤔' } });
  const page = await pageAs(lead);
  for (const [size, tag] of [[DESK, '1440'], [PHONE, '390']] as const) {
    await page.setViewportSize(size);
    const reader = new Reader(page);
    await reader.open(a, { focus: claim.id });
    await reader.expectSelected(claim.id);
    await shoot(page, `reader-${tag}`);
    const picker = new LinkPicker(page);
    await picker.open();
    await shoot(page, `link-picker-${tag}`);
    await page.keyboard.press('Escape');
    await page.goto(`/projects/${project.id}/review`);
    await expect(page.getByTestId('queue-item')).toBeVisible();
    await shoot(page, `review-queue-${tag}`, true);
    expect(await noSidewaysScroll(page), `review queue at ${tag}`).toBe(true);
    await page.goto(`/projects/${project.id}/board`);
    await expect(page.locator('main')).toContainText('Ukraine will not legally recognize');
    await shoot(page, `board-${tag}`);
    await page.goto('/inbox');
    await expect(page.locator('main')).toContainText('Is this the president’s wording?');
    await shoot(page, `inbox-${tag}`);
    expect(await noSidewaysScroll(page), `inbox at ${tag}`).toBe(true);
  }
});
