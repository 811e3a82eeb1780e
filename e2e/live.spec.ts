/**
 * Live updates by push (GET /api/live): a change made by one person through the API reaches
 * another person's open reader, review queue and inbox badge within 2 s, faster than the
 * fallback poll, which waits 15 s while the stream is connected.
 */
import { test, expect, Reader, ReviewQueue, createTestArticle, tagText } from './fixtures';

const BASE = process.env.E2E_BASE_URL!;
const BODY = 'Україна ніколи не визнає окуповані території російськими, заявив Зеленський у п’ятницю 🇺🇦. Officials in Moscow did not comment.';
const CLAIM = 'Україна ніколи не визнає окуповані території російськими';
const CONTEXT = 'Officials in Moscow did not comment';

test("a colleague's tag appears in an open reader and queue within 2 s, and a review lights the author's badge", async ({ project, reviewer: olena, otherReviewer: dilshod, pageAs }) => {
  const article = await createTestArticle(project, { title: 'Заява президента', body: BODY, outlet: 'UNN' });
  const pageD = await pageAs(dilshod);
  const live = pageD.waitForResponse((r) => r.url().endsWith('/api/live') && r.status() === 200);
  const reader = new Reader(pageD);
  await reader.open(article);
  await live;

  // Olena tags through the API, as her own reader would.
  const pageO = await pageAs(olena);
  await pageO.goto('/projects');
  const start = BODY.indexOf(CLAIM);
  const created = await pageO.request.post(`/api/articles/${article.id}/annotations`, {
    headers: { Origin: BASE },
    data: { label: 'claim', start, end: start + CLAIM.length, note: 'Pushed, not polled' },
  });
  expect(created.status()).toBe(201);
  const { annotation: claim } = await created.json();
  await expect(reader.itemWith(CLAIM)).toBeVisible({ timeout: 2_000 });

  // Dilshod's queue, open before Olena's next tag, says it is behind and shows it on request.
  const queue = new ReviewQueue(pageD);
  await queue.open(project);
  await expect(queue.left).toHaveText('1');
  const ctxStart = BODY.indexOf(CONTEXT);
  const second = await pageO.request.post(`/api/articles/${article.id}/annotations`, {
    headers: { Origin: BASE },
    data: { label: 'context', start: ctxStart, end: ctxStart + CONTEXT.length },
  });
  expect(second.status()).toBe(201);
  const notice = pageD.getByTestId('live-changes');
  await expect(notice).toContainText('One change by colleagues since the review queue was loaded.', { timeout: 2_000 });
  await notice.getByRole('button', { name: 'Show them' }).click();
  await expect(queue.left).toHaveText('2');
  await expect(notice).toHaveCount(0);

  // Dilshod accepts the claim; Olena's header badge counts it without a reload.
  await expect(pageO.getByTestId('inbox-count')).toHaveCount(0);
  const review = await pageD.request.post(`/api/annotations/${claim.id}/reviews`, { headers: { Origin: BASE }, data: { decision: 'accept' } });
  expect(review.status(), await review.text()).toBe(201);
  await expect(pageO.getByTestId('inbox-count')).toHaveText('1', { timeout: 3_000 });
  await expect(pageO.getByRole('link', { name: /^Inbox\W+1 unread$/ })).toBeVisible();
});

test('a write by another process (here the test, on the database file) still reaches the open reader', async ({ project, reviewer, otherReviewer, pageAs }) => {
  const article = await createTestArticle(project, { title: 'Wire copy', body: BODY, outlet: 'Reuters' });
  const page = await pageAs(otherReviewer);
  const live = page.waitForResponse((r) => r.url().endsWith('/api/live') && r.status() === 200);
  const reader = new Reader(page);
  await reader.open(article);
  await live;
  await tagText(reviewer, article, BODY, 'context', CONTEXT);
  // The server reads the log's head once a second for writes it did not make itself.
  await expect(reader.itemWith(CONTEXT)).toBeVisible({ timeout: 4_000 });
});
