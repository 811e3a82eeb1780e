/**
 * Tagging in the reader with mouse and keyboard, on copies of the seed texts in each test's
 * own project: exact offsets (emoji, combining accents), the side panel, edit / delete / undo,
 * colleagues' annotations arriving by polling, the <mark> fallback, and refused or stale edits.
 */
import { test, expect, Reader, addMember, createSeedCopy, createTestArticle, createTestUser } from './fixtures';
import { createAnnotation, updateAnnotation } from '@/lib/data/annotations';

const BASE = process.env.E2E_BASE_URL!;

test('a reviewer selects text with the mouse, presses 1, and after reload the claim is highlighted with the exact text', async ({ reviewer, article, pageAs }) => {
  const reader = new Reader(await pageAs(reviewer));
  await reader.open(article);
  const selected = await reader.select('Ukraine will not', 'territories');
  await reader.tag('claim', selected);
  await reader.expectSaved();
  await reader.page.reload();
  expect(await reader.stored(article.id)).toEqual([expect.objectContaining({ label: 'claim', exact: selected, authorId: reviewer.id })]);
  await expect.poll(() => reader.paintedTexts('fc-line-claim')).toEqual([selected]);
});

test('an imported article beginning with emoji and combining accents keeps exact offsets', async ({ project, reviewer, pageAs }) => {
  const body = '🇺🇦👍🏽 Zelenskyy q\u0323\u0301uoted: Ukraine will not recognise occupied territories.\n\nCafe\u0301 owners in Kyiv agreed.';
  const article = await createTestArticle(project, { title: 'Emoji', body });
  const reader = new Reader(await pageAs(reviewer));
  await reader.open(article);
  const selected = await reader.select('🇺🇦', 'q\u0323\u0301uoted');
  expect(selected).toBe('🇺🇦👍🏽 Zelenskyy q\u0323\u0301uoted');
  await reader.tag('quote', 'Zelenskyy');
  await reader.expectSaved();
  await reader.page.reload();
  const [stored] = await reader.stored(article.id);
  expect(stored).toMatchObject({ label: 'quote', start: 0, exact: selected, startCodePoint: 0, endCodePoint: [...selected].length });
  await expect.poll(() => reader.paintedTexts('fc-line-quote')).toContain(selected);
  expect(await reader.select('Café', 'owners')).toBe('Café owners');
});

test('the keyboard flow: tag, move with j/k, edit, delete, undo', async ({ project, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 1);
  const reader = new Reader(await pageAs(reviewer));
  const { page, items } = reader;
  await reader.open(article);
  const words = article.body.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
  await reader.select(words[3], words[3]);
  await page.keyboard.press('3');
  await reader.select(words[12], words[14]);
  await page.keyboard.press('2');
  await expect(items).toHaveCount(2);
  await reader.expectSaved();

  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(items.nth(0)).toHaveAttribute('class', /itemSelected/);
  await page.keyboard.press('j');
  await expect(items.nth(1)).toHaveAttribute('class', /itemSelected/);
  await page.keyboard.press('k');
  await expect(items.nth(0)).toHaveAttribute('class', /itemSelected/);
  await expect(reader.tooltip).toBeVisible();

  await page.keyboard.press('e');
  const dialog = reader.editDialog;
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Quote').check();
  await dialog.getByLabel('Speaker').fill('Volodymyr Zelenskyy');
  await dialog.getByLabel('Kind').selectOption('verbatim');
  await dialog.getByLabel('Note').fill('Checked against the video.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await reader.stored(article.id)).find((a) => a.note)?.attributes).toEqual({ speaker: 'Volodymyr Zelenskyy', quoteKind: 'verbatim' });

  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(1);
  await expect(reader.notice).toContainText('Deleted');
  await expect.poll(async () => (await reader.stored(article.id)).length).toBe(1);
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(2);
  await expect.poll(async () => (await reader.stored(article.id)).map((a) => a.note)).toContain('Checked against the video.');
});

test("a second reviewer sees the first's annotation within 5 s and can neither edit nor delete it", async ({ project, reviewer, otherReviewer, pageAs }) => {
  const article = await createSeedCopy(project, 2);
  const reader = new Reader(await pageAs(otherReviewer));
  // The page is on screen and has polled once: what follows can only arrive by polling.
  const polled = reader.page.waitForResponse((r) => r.url().includes(`/api/articles/${article.id}/annotations?since=`));
  await reader.open(article);
  await polled;

  const start = article.body.indexOf(' ') + 1;
  const end = article.body.indexOf(' ', start + 3);
  const created = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start, end, note: 'from the first reviewer' } });

  const item = reader.itemWith(created.exact);
  await expect(item).toBeVisible({ timeout: 5000 });
  await item.getByRole('button').first().click();
  await expect(item).toContainText('from the first reviewer');
  await expect(item.getByRole('button', { name: /Edit/ })).toHaveCount(0);
  await expect(item.getByRole('button', { name: /Delete/ })).toHaveCount(0);

  const patch = await reader.page.request.patch(`/api/annotations/${created.id}`, {
    headers: { Origin: BASE, 'If-Match': `"${created.version}"` },
    data: { note: 'hijacked' },
  });
  expect(patch.status()).toBe(403);
  const del = await reader.page.request.delete(`/api/annotations/${created.id}`, { headers: { Origin: BASE } });
  expect(del.status()).toBe(403);
});

test('without the CSS Highlight API the reader falls back to <mark> segments and keeps the text intact', async ({ project, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 4);
  const start = article.body.indexOf('Ukrainian President Volodymyr');
  const end = start + 'Ukrainian President'.length;
  const a = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'context', start, end } });
  const b = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start, end: end + ' Volodymyr'.length } });
  const page = await pageAs(reviewer);
  await page.addInitScript(() => Object.defineProperty(CSS, 'highlights', { value: undefined, configurable: true }));
  const reader = new Reader(page);
  await reader.open(article);
  // The overlap is one piece: the inner (context) span's tint and underline, the claim's line above.
  await expect(page.locator('mark.fc-line-context.fc-over-claim')).toHaveText(a.exact);
  await expect(page.locator('mark.fc-line-claim').last()).toHaveText(b.exact.slice(a.exact.length));
  expect(await reader.body.textContent()).toBe(article.body);
});

test('?focus= opens the reader on that annotation, selected', async ({ project, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 3);
  const start = article.body.lastIndexOf('Ukrain');
  const a = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'quote', start, end: start + 6 } });
  const reader = new Reader(await pageAs(reviewer));
  await reader.open(article, { focus: a.id });
  await reader.expectSelected(a.id);
  await expect.poll(() => reader.paintedTexts('fc-selected')).toEqual(['Ukrain']);
});

test('a refused annotation disappears again with a message saying why', async ({ project, reviewer, article, pageAs }) => {
  const reader = new Reader(await pageAs(reviewer));
  await reader.open(article);
  await reader.select('Alliance', 'members');
  await addMember(project, reviewer, 'viewer');
  await reader.page.keyboard.press('1');
  await expect(reader.notice).toContainText('was not saved');
  await expect(reader.notice).toContainText('viewer');
  await expect(reader.itemWith('Alliance members')).toHaveCount(0);
});

test('an edit based on a stale version is explained and the annotation reloaded', async ({ project, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 1);
  const start = article.body.indexOf('Ukraine');
  const a = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: { label: 'claim', start, end: start + 7 } });
  const reader = new Reader(await pageAs(reviewer));
  await reader.open(article, { focus: a.id });
  await reader.expectSelected(a.id);
  await reader.page.keyboard.press('e');
  await expect(reader.editDialog).toBeVisible();
  await updateAnnotation({ actor: { userId: reviewer.id }, annotationId: a.id, ifMatch: 1, input: { note: 'changed in another tab' } });
  await reader.editDialog.getByLabel('Note').fill('my late edit');
  await reader.editDialog.getByRole('button', { name: 'Save' }).click();
  await expect(reader.notice).toContainText('changed this annotation while you were editing');
  await reader.editDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(reader.item(a.id)).toContainText('changed in another tab');
});

test('hovering a highlight shows label, author and note; clicking it selects it in the side panel', async ({ project, reviewer, pageAs }) => {
  const author = await createTestUser({ name: 'Hover Author' });
  await addMember(project, author, 'reviewer');
  const article = await createTestArticle(project, { title: 'Hover', body: 'Officials said the front line held overnight near Pokrovsk.\n\nNo further details were given.' });
  const start = 'Officials said '.length;
  const a = await createAnnotation({ actor: { userId: author.id }, articleId: article.id, input: { label: 'claim', start, end: start + 'the front line held'.length, note: 'Needs a second source' } });
  const reader = new Reader(await pageAs(reviewer));
  await reader.open(article);
  await expect.poll(() => reader.paintedTexts('fc-line-claim')).toEqual(['the front line held']);
  const point = await reader.pointAt(start + 4);
  await reader.page.mouse.move(point.x, point.y);
  await expect(reader.tooltip).toContainText('Claim');
  await expect(reader.tooltip).toContainText('Hover Author');
  await expect(reader.tooltip).toContainText('Needs a second source');
  await reader.page.mouse.click(point.x, point.y);
  await reader.expectSelected(a.id);
});
