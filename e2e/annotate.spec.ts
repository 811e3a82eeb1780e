import type { Page } from '@playwright/test';
import { test, expect, makeUser, makeArticle, makeProject, pageFor, seedProjectId } from './fixtures';
import { SYSTEM } from '@/lib/data/actor';
import { listArticles } from '@/lib/data/articles';
import { createAnnotation } from '@/lib/data/annotations';
import type { AnnotationView } from '@/components/annotator/types';

const BASE = process.env.E2E_BASE_URL!;

/** Drags the mouse from the first character of `from` to the last of `to` (both in the body). */
async function dragSelect(page: Page, from: string, to: string): Promise<string> {
  const box = await page.evaluate(([a, b]) => {
    const body = document.querySelector('[data-testid="article-body"]')!;
    const text = body.textContent!;
    const start = text.indexOf(a);
    const end = text.indexOf(b, start) + b.length;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const point = (offset: number) => {
      let left = offset;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        if (left < n.length) return { node: n, offset: left };
        left -= n.length;
      }
      throw new Error('offset outside the body');
    };
    const rectOf = (offset: number) => {
      walker.currentNode = body;
      const p = point(offset);
      const r = document.createRange();
      r.setStart(p.node, p.offset);
      r.setEnd(p.node, p.offset + 1);
      return r.getBoundingClientRect();
    };
    const s = rectOf(start);
    const e = rectOf(end - 1);
    return { x1: s.left + 1, y1: s.top + s.height / 2, x2: e.right - 1, y2: e.top + e.height / 2 };
  }, [from, to]);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('selection-toolbar')).toBeVisible();
  return page.evaluate(() => window.getSelection()!.toString());
}

async function storedAnnotations(page: Page, articleId: number): Promise<AnnotationView[]> {
  const res = await page.request.get(`/api/articles/${articleId}/annotations`);
  expect(res.status()).toBe(200);
  return (await res.json()).annotations;
}

/** Texts painted by the Highlight API under one highlight name. */
async function paintedTexts(page: Page, name: string): Promise<string[]> {
  return page.evaluate((n) => {
    const h = (CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights.get(n);
    return h ? [...h].map((sr) => { const r = document.createRange(); r.setStart(sr.startContainer, sr.startOffset); r.setEnd(sr.endContainer, sr.endOffset); return r.toString(); }) : [];
  }, name);
}

function seedArticle(index: number) {
  const articles = listArticles({ actor: SYSTEM, projectId: seedProjectId() });
  return articles[index];
}

test('a reviewer selects text in a seed article with the mouse, presses 1, and after reload the claim is highlighted with the exact text', async ({ browser }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  const article = seedArticle(0);
  const page = await pageFor(browser, user);
  await page.goto(`/projects/${article.projectId}/articles/${article.id}`);
  const selected = await dragSelect(page, 'Ukraine will not', 'territories');
  await page.keyboard.press('1');
  await expect(page.getByTestId('annotation-item').filter({ hasText: selected })).toBeVisible();
  await expect(page.getByTestId('annotation-item').filter({ hasText: 'saving…' })).toHaveCount(0);
  await page.reload();
  const stored = await storedAnnotations(page, article.id);
  expect(stored.find((a) => a.authorId === user.id)).toMatchObject({ label: 'claim', exact: selected });
  await expect.poll(() => paintedTexts(page, 'fc-line-claim')).toContain(selected);
});

test('an imported article beginning with emoji and combining accents keeps exact offsets', async ({ browser }) => {
  const user = await makeUser();
  const project = makeProject([[user, 'reviewer']]);
  const body = '🇺🇦👍🏽 Zelenskyy q\u0323\u0301uoted: Ukraine will not recognise occupied territories.\n\nCafe\u0301 owners in Kyiv agreed.';
  const article = makeArticle(project.id, { title: `Emoji ${Date.now()}`, body });
  const page = await pageFor(browser, user);
  await page.goto(`/projects/${project.id}/articles/${article.id}`);
  const selected = await dragSelect(page, '🇺🇦', 'q\u0323\u0301uoted');
  expect(selected).toBe('🇺🇦👍🏽 Zelenskyy q\u0323\u0301uoted');
  await page.keyboard.press('2');
  await expect(page.getByTestId('annotation-item').filter({ hasText: 'Zelenskyy' })).toBeVisible();
  await page.reload();
  const [stored] = await storedAnnotations(page, article.id);
  expect(stored).toMatchObject({ label: 'quote', start: 0, exact: selected, startCodePoint: 0, endCodePoint: [...selected].length });
  await expect.poll(() => paintedTexts(page, 'fc-line-quote')).toContain(selected);

  const second = await dragSelect(page, 'Café', 'owners');
  expect(second).toBe('Café owners');
});

test('the keyboard flow: tag, move with j/k, edit, delete, undo', async ({ browser }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  const article = seedArticle(1);
  const page = await pageFor(browser, user);
  await page.goto(`/projects/${article.projectId}/articles/${article.id}`);
  const bodyText = await page.getByTestId('article-body').textContent();
  const words = bodyText!.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
  await dragSelect(page, words[3], words[3]);
  await page.keyboard.press('3');
  await dragSelect(page, words[12], words[14]);
  await page.keyboard.press('2');
  const items = page.getByTestId('annotation-item');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'saving…' })).toHaveCount(0);

  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(items.nth(0)).toHaveAttribute('class', /itemSelected/);
  await page.keyboard.press('j');
  await expect(items.nth(1)).toHaveAttribute('class', /itemSelected/);
  await page.keyboard.press('k');
  await expect(items.nth(0)).toHaveAttribute('class', /itemSelected/);
  await expect(page.getByTestId('annotation-tooltip')).toBeVisible();

  await page.keyboard.press('e');
  const dialog = page.getByTestId('edit-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Quote').check();
  await dialog.getByLabel('Speaker').fill('Volodymyr Zelenskyy');
  await dialog.getByLabel('Kind').selectOption('verbatim');
  await dialog.getByLabel('Note').fill('Checked against the video.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await storedAnnotations(page, article.id)).find((a) => a.note)?.attributes).toEqual({ speaker: 'Volodymyr Zelenskyy', quoteKind: 'verbatim' });

  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(1);
  await expect(page.getByTestId('reader-notice')).toContainText('Deleted');
  await expect.poll(async () => (await storedAnnotations(page, article.id)).length).toBe(1);
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(2);
  await expect.poll(async () => (await storedAnnotations(page, article.id)).map((a) => a.note)).toContain('Checked against the video.');
});

test("a second reviewer sees the first's annotation within 5 s and can neither edit nor delete it", async ({ browser }) => {
  const first = await makeUser({ project: seedProjectId(), role: 'reviewer', name: 'First Reviewer' });
  const second = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  const article = seedArticle(2);
  const page = await pageFor(browser, second);
  await page.goto(`/projects/${article.projectId}/articles/${article.id}`);
  await expect(page.getByTestId('article-body')).toBeVisible();
  await page.waitForTimeout(500);

  const body = (await page.getByTestId('article-body').textContent())!;
  const start = body.indexOf(' ') + 1;
  const end = body.indexOf(' ', start + 3);
  const created = await createAnnotation({ actor: { userId: first.id }, articleId: article.id, input: { label: 'claim', start, end, note: 'from the first reviewer' } });

  const item = page.getByTestId('annotation-item').filter({ hasText: created.exact });
  await expect(item).toBeVisible({ timeout: 5000 });
  await item.getByRole('button').first().click();
  await expect(item).toContainText('from the first reviewer');
  await expect(item.getByRole('button', { name: /Edit/ })).toHaveCount(0);
  await expect(item.getByRole('button', { name: /Delete/ })).toHaveCount(0);

  const patch = await page.request.patch(`/api/annotations/${created.id}`, {
    headers: { Origin: BASE, 'If-Match': `"${created.version}"` },
    data: { note: 'hijacked' },
  });
  expect(patch.status()).toBe(403);
  const del = await page.request.delete(`/api/annotations/${created.id}`, { headers: { Origin: BASE } });
  expect(del.status()).toBe(403);
});

test('without the CSS Highlight API the reader falls back to <mark> segments and keeps the text intact', async ({ browser }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  const article = seedArticle(4);
  const body = (await import('@/lib/data/articles')).getArticle({ actor: SYSTEM, articleId: article.id }).article.body;
  const start = body.indexOf('Ukrainian President Volodymyr');
  const end = start + 'Ukrainian President'.length;
  const a = await createAnnotation({ actor: { userId: user.id }, articleId: article.id, input: { label: 'context', start, end } });
  const b = await createAnnotation({ actor: { userId: user.id }, articleId: article.id, input: { label: 'claim', start, end: end + ' Volodymyr'.length } });
  const page = await pageFor(browser, user);
  await page.addInitScript(() => Object.defineProperty(CSS, 'highlights', { value: undefined, configurable: true }));
  await page.goto(`/projects/${article.projectId}/articles/${article.id}`);
  await expect(page.locator('mark.fc-overlap')).toHaveText(a.exact);
  await expect(page.locator('mark.fc-line-claim').last()).toHaveText(b.exact.slice(a.exact.length));
  expect(await page.getByTestId('article-body').textContent()).toBe(body);
});

test('?focus= opens the reader on that annotation, selected', async ({ browser }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  const article = seedArticle(3);
  const body = (await import('@/lib/data/articles')).getArticle({ actor: SYSTEM, articleId: article.id }).article.body;
  const start = body.lastIndexOf('Ukrain');
  const a = await createAnnotation({ actor: { userId: user.id }, articleId: article.id, input: { label: 'quote', start, end: start + 6 } });
  const page = await pageFor(browser, user);
  await page.goto(`/projects/${article.projectId}/articles/${article.id}?focus=${a.id}`);
  await expect(page.locator(`[data-annotation-id="${a.id}"]`)).toHaveAttribute('class', /itemSelected/);
  await expect.poll(() => paintedTexts(page, 'fc-selected')).toEqual(['Ukrain']);
});

test('a refused annotation disappears again with a message saying why', async ({ browser }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  const article = seedArticle(0);
  const page = await pageFor(browser, user);
  await page.goto(`/projects/${article.projectId}/articles/${article.id}`);
  await dragSelect(page, 'Alliance', 'members');
  const { setMember } = await import('@/lib/data/projects');
  setMember({ actor: SYSTEM, projectId: seedProjectId(), input: { userId: user.id, role: 'viewer' } });
  await page.keyboard.press('1');
  await expect(page.getByTestId('reader-notice')).toContainText('was not saved');
  await expect(page.getByTestId('reader-notice')).toContainText('viewer');
  await expect(page.getByTestId('annotation-item').filter({ hasText: 'Alliance members' })).toHaveCount(0);
});

test('an edit based on a stale version is explained and the annotation reloaded', async ({ browser }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  const article = seedArticle(1);
  const body = (await import('@/lib/data/articles')).getArticle({ actor: SYSTEM, articleId: article.id }).article.body;
  const start = body.indexOf('Ukraine');
  const a = await createAnnotation({ actor: { userId: user.id }, articleId: article.id, input: { label: 'claim', start, end: start + 7 } });
  const page = await pageFor(browser, user);
  await page.goto(`/projects/${article.projectId}/articles/${article.id}?focus=${a.id}`);
  await expect(page.locator(`[data-annotation-id="${a.id}"]`)).toHaveAttribute('class', /itemSelected/);
  await page.keyboard.press('e');
  const { updateAnnotation } = await import('@/lib/data/annotations');
  await updateAnnotation({ actor: { userId: user.id }, annotationId: a.id, ifMatch: 1, input: { note: 'changed in another tab' } });
  await page.getByTestId('edit-dialog').getByLabel('Note').fill('my late edit');
  await page.getByTestId('edit-dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('reader-notice')).toContainText('changed this annotation while you were editing');
  await page.getByTestId('edit-dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator(`[data-annotation-id="${a.id}"]`)).toContainText('changed in another tab');
});

test('hovering a highlight shows label, author and note; clicking it selects it in the side panel', async ({ browser }) => {
  const author = await makeUser({ name: 'Hover Author' });
  const reader = await makeUser();
  const project = makeProject([[author, 'reviewer'], [reader, 'reviewer']]).id;
  const article = makeArticle(project, { title: `Hover ${Date.now()}`, body: 'Officials said the front line held overnight near Pokrovsk.\n\nNo further details were given.' });
  const start = 'Officials said '.length;
  const a = await createAnnotation({ actor: { userId: author.id }, articleId: article.id, input: { label: 'claim', start, end: start + 'the front line held'.length, note: 'Needs a second source' } });
  const page = await pageFor(browser, reader);
  await page.goto(`/projects/${project}/articles/${article.id}`);
  await expect.poll(() => paintedTexts(page, 'fc-line-claim')).toEqual(['the front line held']);
  const box = await page.evaluate((offset) => {
    const p = document.querySelector('[data-testid="article-body"] p')!;
    const r = document.createRange();
    r.setStart(p.firstChild!, offset);
    r.setEnd(p.firstChild!, offset + 3);
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }, start + 4);
  await page.mouse.move(box.x, box.y);
  const tip = page.getByTestId('annotation-tooltip');
  await expect(tip).toContainText('Claim');
  await expect(tip).toContainText('Hover Author');
  await expect(tip).toContainText('Needs a second source');
  await page.mouse.click(box.x, box.y);
  await expect(page.locator(`[data-annotation-id="${a.id}"]`)).toHaveAttribute('class', /itemSelected/);
});
