/**
 * The reader page of a long article stays bounded (issue #12): the HTML carries the body once,
 * the first page of annotations and the total, the rest arrives in pages after first paint,
 * ?focus= finds an annotation far past the first page, j/k reach the last one and colleagues'
 * changes still appear.
 */
import { test, expect, Reader, createTestArticle } from './fixtures';
import { createAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { makeArticle, makeSpans } from '@/bench/reader/article';
import type { AnnotationView } from '@/lib/domain';

const SHOTS = '/work/notes/shots/readerpage';

test('a 60,000-character article with 800 annotations: a bounded page, then every annotation', async ({ project, reviewer, pageAs }) => {
  test.setTimeout(120_000);
  const body = makeArticle(60_000, 12);
  const article = await createTestArticle(project, { title: 'A long hearing', body, outlet: 'Page size test' });
  const created: AnnotationView[] = [];
  const spans = makeSpans(body, 800, 3);
  for (let i = 0; i < spans.length; i += 100) {
    created.push(...await Promise.all(spans.slice(i, i + 100).map((s) => createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: s.label, start: s.start, end: s.end } }))));
  }
  const byText = [...created].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  const page = await pageAs(reviewer);

  const html = await (await page.request.get(`/projects/${project.id}/articles/${article.id}`)).text();
  const bytes = Buffer.byteLength(html);
  console.log(`reader page HTML, 60k chars and 800 annotations: ${(bytes / 1024).toFixed(0)} KB`);
  // 146 KB since the body is sent once (216 KB with it in the RSC payload too).
  expect(bytes).toBeLessThanOrEqual(170 * 1024);
  // The text is in the HTML before any script runs; the last annotation is not.
  expect(html).toContain(body.slice(59_000, 59_040).split('\n')[0]);
  // (The RSC payload escapes its quotes: \"id\":N.)
  expect(html).toMatch(new RegExp(`\\\\?"id\\\\?":${byText[0].id},`));
  expect(html).not.toMatch(new RegExp(`\\\\?"id\\\\?":${byText[byText.length - 1].id},`));

  // The last annotation in text order, far past the first page, is focused and selected.
  const far = byText[byText.length - 1];
  const reader = new Reader(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await reader.open(article, { focus: far.id });
  await reader.expectSelected(far.id);
  await expect(page.getByTestId('annotation-count')).toHaveText('800');
  await page.screenshot({ path: `${SHOTS}/long-1440.png` });

  // A colleague's edit of an annotation from a later page reaches the open reader once.
  await reader.open(article);
  await expect(page.getByTestId('annotation-count')).toHaveText('800');
  const late = byText[799];
  await updateAnnotation({ actor: { userId: reviewer.id }, annotationId: late.id, ifMatch: late.version, input: { note: 'Seen by the poll' } });
  // k from nothing selected goes to the last annotation: the whole list is there, each once.
  await page.keyboard.press('k');
  await reader.expectSelected(late.id);
  await expect(page.locator(`[data-annotation-id="${late.id}"]`)).toContainText('Seen by the poll', { timeout: 10_000 });

  await page.setViewportSize({ width: 390, height: 844 });
  await reader.open(article, { focus: byText[300].id });
  await reader.expectSelected(byText[300].id);
  await page.screenshot({ path: `${SHOTS}/long-390.png` });
});

test('the body is sent once, and is there after a client-side navigation and after history back', async ({ project, reviewer, pageAs }) => {
  const body = 'Україна 🇺🇦 will not recognize the occupied territories, the president said.\n\nКрим — це Україна: café naïve résumé.\nA third paragraph 👍🏽 closes it.';
  const article = await createTestArticle(project, { title: 'Sent once', body, outlet: 'Page size test' });
  const quote = 'café naïve résumé';
  const claim = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start: body.indexOf(quote), end: body.indexOf(quote) + quote.length } });
  const page = await pageAs(reviewer);

  const html = await (await page.request.get(`/projects/${project.id}/articles/${article.id}`)).text();
  // In the HTML once, readable without JavaScript, and not again in the RSC payload.
  expect(html.split('the president said.').length - 1).toBe(1);

  const reader = new Reader(page);
  const expectReaderWorks = async () => {
    await expect.poll(() => reader.body.evaluate((el) => el.textContent)).toBe(body);
    await reader.item(claim.id).click();
    await reader.expectSelected(claim.id);
    // The highlight is painted over the right characters.
    await expect.poll(() => page.evaluate(() => [...(CSS.highlights as unknown as Map<string, Highlight>).values()]
      .flatMap((h) => [...h] as StaticRange[]).map((r) => r.startContainer.textContent!.slice(r.startOffset, r.endOffset)).join('|'))).toContain(quote);
  };
  await reader.open(article);
  await expectReaderWorks();

  // Client-side navigation in: the payload carries the body.
  await page.getByRole('link', { name: '← All articles' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
  await page.getByRole('link', { name: 'Sent once' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/articles/${article.id}$`));
  await expectReaderWorks();

  // History back to a page loaded in full: the router re-shows it from its cache, and the body is fetched.
  await reader.open(article);
  await page.getByRole('link', { name: '← All articles' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/articles/${article.id}$`));
  await expectReaderWorks();
});
