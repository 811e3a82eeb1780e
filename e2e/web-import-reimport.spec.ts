/**
 * Importing the same web address again after the page was corrected: the article gets its next
 * revision (re-anchored) instead of a duplicate, the report says so with the counts, and the
 * same page once more is an unchanged duplicate. The page is served by an HTTP server this test
 * starts on 127.0.0.1 (the app server runs with IMPORT_ALLOWED_HOSTS=127.0.0.1).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { test, expect, tagText } from './fixtures';

const PAGE = fs.readFileSync(path.join(__dirname, '..', 'tests', 'import', 'pages', 'news-jsonld.html'), 'utf8');
const CORRECTED = PAGE.replace('This is an absolutely fair position', 'This is a fair position');
const SHOTS = '/work/notes/shots';

test('a lead imports a corrected page again by its web address and gets a new revision', async ({ project, lead, reviewer, pageAs }) => {
  let html = PAGE;
  const server = http.createServer((req, res) => {
    if (req.url === '/story') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/story`;
  try {
    const page = await pageAs(lead);
    const importUrl = async () => {
      await page.goto(`/projects/${project.id}/import`);
      await page.getByRole('tab', { name: 'Web address' }).click();
      await page.getByLabel('Web address of the article').fill(url);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      return page.getByRole('region', { name: 'Import results' });
    };
    let results = await importUrl();
    await expect(results.getByRole('heading', { name: 'Imported 1 article' })).toBeVisible();
    const href = await results.getByRole('link', { name: 'Zelenskyy: Ukraine will never recognise occupied land as Russian' }).getAttribute('href');
    const articleId = Number(/articles\/(\d+)/.exec(href!)![1]);
    const body = (await (await page.request.get(`/api/articles/${articleId}/revisions/1`)).json()).revision.body as string;
    await tagText(reviewer, { id: articleId }, body, 'quote', 'This is an absolutely fair position');
    await tagText(reviewer, { id: articleId }, body, 'claim', 'Ukraine will not legally recognise any temporarily occupied territories as Russian');

    html = CORRECTED;
    results = await importUrl();
    await expect(results.getByRole('heading', { name: 'Imported 0 articles, 1 new revision' })).toBeVisible();
    const revised = results.getByTestId('import-revised');
    await expect(revised).toContainText('is now revision 2: 1 kept, 1 edited, 0 moved, 0 orphaned');
    await expect(revised.getByRole('list', { name: 'Removed from the page' })).toContainText('navigation');
    if (fs.existsSync(SHOTS)) {
      for (const [w, h, tag] of [[1440, 900, 'desktop'], [390, 844, 'phone']] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.screenshot({ path: path.join(SHOTS, `webimport-reimport-${tag}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 1400, height: 900 });
    }
    await revised.getByRole('link', { name: 'See what changed' }).click();
    await expect(page.getByRole('heading', { name: 'Revision 1 → 2' })).toBeVisible();
    await expect(page.getByTestId('count-edited')).toHaveText('1');
    await expect(page.getByTestId('revision-diff').locator('del').filter({ hasText: 'absolutely' })).toBeVisible();
    const list = await (await page.request.get(`/api/articles/${articleId}/revisions`)).json();
    expect(list.items.map((r: { source: string }) => r.source)).toEqual(['import', 'reimport']);

    results = await importUrl();
    await expect(results.getByRole('heading', { name: 'Imported 0 articles, 1 already in the project' })).toBeVisible();
    await expect(results).toContainText('the same text as before, nothing changed');
    expect((await (await page.request.get(`/api/articles/${articleId}/revisions`)).json()).items).toHaveLength(2);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
