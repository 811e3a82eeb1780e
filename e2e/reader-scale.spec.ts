/**
 * The reader at the size of a real desk and the details of selecting in it: an article with
 * 2,000 annotations (a virtualized side panel, highlights painted near the viewport), the
 * boundary buttons' round trip, Shift+arrow selections snapped like mouse ones, overlapping
 * labels that stay readable, the selection marked in its label's colour, the phone layout, and
 * the link back landing on the annotation. Every test makes its own project and people.
 */
import type { Page } from '@playwright/test';
import { test, expect, Reader, createSeedCopy, createTestArticle, tagText } from './fixtures';
import { createAnnotation } from '@/lib/data/annotations';
import { makeArticle, makeSpans } from '@/bench/reader/article';
import type { AnnotationView } from '@/lib/domain';

const SHOTS = '/work/notes/shots';

/** Creates `spans` as `userId` through the data layer, a hundred at a time (they are group-committed). */
async function createMany(userId: number, articleId: number, spans: Array<{ start: number; end: number; label: 'claim' | 'quote' | 'context' }>) {
  const out: AnnotationView[] = [];
  for (let i = 0; i < spans.length; i += 100) {
    out.push(...await Promise.all(spans.slice(i, i + 100).map((s) => createAnnotation({ actor: { userId }, articleId, input: { label: s.label, start: s.start, end: s.end } }))));
  }
  return out;
}

/** Scrolls the window so body offset `at` is in the middle of the screen; returns its centre point. */
async function pointOfOffset(page: Page, at: number) {
  return page.evaluate((offset) => {
    const body = document.querySelector('[data-testid="article-body"]')!;
    const p = [...body.querySelectorAll<HTMLElement>('p[data-start]')].filter((el) => Number(el.dataset.start) <= offset).pop()!;
    const r = document.createRange();
    r.setStart(p.firstChild!, offset - Number(p.dataset.start));
    r.setEnd(p.firstChild!, offset - Number(p.dataset.start) + 1);
    window.scrollBy(0, r.getBoundingClientRect().top - window.innerHeight / 2);
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }, at);
}

/** Whether a side-panel row is fully inside the list's visible area. */
async function rowInView(page: Page, id: number) {
  return page.evaluate((annotationId) => {
    const list = document.querySelector('[data-testid="annotation-list"]')!.getBoundingClientRect();
    const row = document.querySelector(`[data-annotation-id="${annotationId}"]`)?.getBoundingClientRect();
    return !!row && row.top >= list.top - 1 && row.top < list.bottom;
  }, id);
}

test('an article with 2,000 annotations: few panel rows in the DOM, the last reachable, a highlight far down selects its row', async ({ project, reviewer, pageAs }) => {
  test.setTimeout(120_000);
  const body = makeArticle(120_000, 11);
  const article = await createTestArticle(project, { title: 'A long transcript', body, outlet: 'Desk test' });
  const spans = makeSpans(body, 2_000, 5);
  const t0 = Date.now();
  const created = await createMany(reviewer.id, article.id, spans);
  console.log(`created ${created.length} annotations in ${Date.now() - t0} ms`);
  const reader = new Reader(await pageAs(reviewer));
  const { page } = reader;
  const t1 = Date.now();
  await reader.open(article);
  await expect(page.getByTestId('annotation-count')).toHaveText('2000');
  console.log(`reader open with 2,000 annotations: ${Date.now() - t1} ms`);
  const rows = await reader.items.count();
  expect(rows).toBeGreaterThan(3);
  expect(rows).toBeLessThan(60);

  // Scrolling the panel to its end shows the last annotation, still with few rows in the DOM.
  const list = page.getByTestId('annotation-list');
  await list.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(page.locator('[aria-posinset="2000"]')).toBeVisible();
  await expect.poll(() => reader.items.count()).toBeLessThan(60);

  // A click on a highlight near the end of the article selects the innermost span there, and its row scrolls into view.
  const byText = [...created].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  const target = byText[byText.length - 40];
  const at = target.start + 1;
  const covering = created.filter((a) => a.start <= at && at < a.end);
  const innermost = covering.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  await list.evaluate((el) => { el.scrollTop = 0; });
  const point = await pointOfOffset(page, at);
  await page.mouse.click(point.x, point.y);
  await reader.expectSelected(innermost.id);
  await expect.poll(() => rowInView(page, innermost.id)).toBe(true);

  // j moves to the next annotation in text order, and its row follows.
  const next = byText[byText.findIndex((a) => a.id === innermost.id) + 1];
  await page.keyboard.press('j');
  await reader.expectSelected(next.id);
  await expect.poll(() => rowInView(page, next.id)).toBe(true);
  // Highlights are registered only near the viewport: far fewer ranges than annotations.
  const ranges = await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.values()].reduce((n, h) => n + h.size, 0));
  expect(ranges).toBeLessThan(1_000);

  // What a reader sees at the top of this article, many spans overlapping, on a desktop and a phone.
  const paintedNearTop = () => page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights.values()]
    .some((h) => [...h].some((r) => Number(r.startContainer.parentElement?.dataset.start ?? Infinity) < 1_000)));
  for (const [name, size] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(paintedNearTop).toBe(true);
    await page.screenshot({ path: `${SHOTS}/reader/many-spans-${name}.png` });
  }
});

test('the boundary buttons round trip and never leave a space or a dash at an edge', async ({ project, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 0);
  const quote = await tagText(reviewer, article, article.body, 'quote', 'only the Ukrainian people have the right');
  const reader = new Reader(await pageAs(reviewer));
  await reader.open(article, { focus: quote.id });
  await reader.expectSelected(quote.id);
  await reader.page.keyboard.press('e');
  const dialog = reader.editDialog;
  const preview = dialog.getByTestId('edit-preview');
  await dialog.getByRole('button', { name: 'Start one word earlier' }).click();
  await expect(preview).toHaveText('unchanged — only the Ukrainian people have the right');
  await dialog.getByRole('button', { name: 'Start one word later' }).click();
  await expect(preview).toHaveText('only the Ukrainian people have the right');
  await dialog.getByRole('button', { name: 'End one word later' }).click();
  await expect(preview).toHaveText('only the Ukrainian people have the right to');
  await dialog.getByRole('button', { name: 'End one word earlier' }).click();
  await expect(preview).toHaveText('only the Ukrainian people have the right');
  await dialog.getByRole('button', { name: 'Start one word later' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await reader.stored(article.id))[0].exact).toBe('the Ukrainian people have the right');
});

test('a Shift+arrow selection is snapped like a mouse one (no trailing bracket); Alt keeps it raw', async ({ project, reviewer, pageAs }) => {
  const body = 'KYIV, April 22 (Reuters) - Ukraine will not legally recognise Russian control over Crimea, the president said.\n\nOfficials declined to comment.';
  const article = await createTestArticle(project, { title: 'Keyboard', body });
  const reader = new Reader(await pageAs(reviewer));
  const { page } = reader;
  await reader.open(article);
  await reader.body.focus();
  // A caret inside "KYIV", then Shift+Right up to just past "(".
  await page.evaluate(() => {
    const p = document.querySelector('[data-testid="article-body"] p')!;
    window.getSelection()!.collapse(p.firstChild!, 1);
  });
  await page.keyboard.down('Shift');
  for (let i = 1; i < 'KYIV, April 22 ('.length; i++) await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => window.getSelection()!.toString())).toBe('YIV, April 22 (');
  await page.keyboard.up('Shift');
  await expect(reader.toolbar).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.getSelection()!.toString())).toBe('KYIV, April 22');
  await page.keyboard.press('1');
  await reader.expectSaved();
  await expect.poll(async () => (await reader.stored(article.id)).map((a) => a.exact)).toEqual(['KYIV, April 22']);
});

test('overlapping labels each stay readable, and the selection keeps its label colour', async ({ project, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 0);
  const claim = await tagText(reviewer, article, article.body, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  await tagText(reviewer, article, article.body, 'quote', 'any temporarily occupied territories as Russian');
  await tagText(reviewer, article, article.body, 'context', 'accession to NATO');
  const reader = new Reader(await pageAs(reviewer));
  const { page } = reader;
  await reader.open(article);
  // The overlap is one piece: the inner span's tint and underline, the other label's line above.
  await expect.poll(() => reader.paintedTexts('fc-over-claim')).toEqual(['any temporarily occupied territories']);
  expect(await reader.paintedTexts('fc-line-quote')).toContain('any temporarily occupied territories');
  expect(await reader.paintedTexts('fc-line-claim')).toEqual(['Ukraine will not legally recognize ']);
  const looks = await page.evaluate(() => {
    const rules = [...(document.getElementById('fc-highlight-css') as HTMLStyleElement).sheet!.cssRules] as CSSStyleRule[];
    const style = (name: string) => rules.find((r) => r.selectorText === `::highlight(${name})`)!.style;
    const painted = (name: string) => [...((CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights.get(name) ?? [])]
      .map((sr) => { const r = document.createRange(); r.setStart(sr.startContainer, sr.startOffset); r.setEnd(sr.endContainer, sr.endOffset); return r.toString(); });
    const tints = [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()].filter((n) => n.startsWith('fc-bg'))
      .filter((n) => painted(n).some((t) => t.includes('occupied')));
    return {
      under: [style('fc-line-quote').textDecorationLine, style('fc-line-quote').textDecorationColor],
      over: [style('fc-over-claim').textDecorationLine, style('fc-over-claim').textDecorationColor],
      tints,
    };
  });
  expect(looks.under[0]).toBe('underline');
  expect(looks.over[0]).toBe('overline');
  expect(looks.under[1]).not.toBe(looks.over[1]);
  expect(looks.tints).toEqual(['fc-bg-quote']);

  // Selecting the claim: its own stronger tint and a ring in the claim colour, never the quote's blue.
  await reader.item(claim.id).getByRole('button').first().click();
  await expect.poll(() => reader.paintedTexts('fc-sel-claim')).toEqual([claim.exact]);
  const ring = page.getByTestId('selection-ring').locator('span').first();
  await expect(ring).toHaveCSS('border-top-color', 'rgb(179, 79, 0)');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/reader-overlap-desktop.png` });
});

test('on a phone the reader fits the screen: toolbar inside, no key hints, the panel below', async ({ project, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 0);
  const claim = await tagText(reviewer, article, article.body, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  await tagText(reviewer, article, article.body, 'quote', 'any temporarily occupied territories as Russian');
  const page = await pageAs(reviewer);
  await page.setViewportSize({ width: 390, height: 844 });
  const reader = new Reader(page);
  await reader.open(article, { focus: claim.id });
  await reader.expectSelected(claim.id);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/reader-phone-selected.png` });
  await expect(page.getByText('Select text, then tap Claim, Quote or Context.')).toBeVisible();
  await expect(page.locator('header kbd').first()).toBeHidden();

  await reader.select('Alliance', 'members');
  const box = (await reader.toolbar.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await expect(reader.toolbar.locator('kbd').first()).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/reader-phone-toolbar.png` });
  const article_ = (await page.locator('[data-testid="article-body"]').boundingBox())!;
  const panel = (await page.getByRole('complementary', { name: 'Annotations' }).boundingBox())!;
  expect(panel.y).toBeGreaterThan(article_.y + article_.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test('the link back selects the annotation and scrolls the article to it', async ({ project, reviewer, pageAs }) => {
  const body = makeArticle(40_000, 3);
  const long = await createTestArticle(project, { title: 'Long source', body, outlet: 'Long Outlet' });
  const start = body.indexOf(' ', 36_000) + 1;
  const far = await createAnnotation({ actor: { userId: reviewer.id }, articleId: long.id, input: { label: 'claim', start, end: body.indexOf(' ', start + 20) } });
  const other = await createSeedCopy(project, 1);
  const reader = new Reader(await pageAs(reviewer));
  const { page } = reader;
  await page.goto(`/projects/${project.id}/articles/${other.id}?from=${far.id}`);
  await page.getByTestId('link-back').click();
  await expect(page).toHaveURL(new RegExp(`/articles/${long.id}\\?focus=${far.id}`));
  await reader.expectSelected(far.id);
  const inView = () => page.evaluate(() => {
    const ring = document.querySelector('[data-testid="selection-ring"] span');
    const r = ring?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  await expect.poll(inView).toBe(true);
  // History back and forward land on it again.
  await page.goBack();
  await page.goForward();
  await reader.expectSelected(far.id);
  await expect.poll(inView).toBe(true);
});
