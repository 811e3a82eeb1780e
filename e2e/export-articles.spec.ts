/**
 * The export's article filter at a desk's size: the page offers a few articles and finds any
 * other by search (title, outlet or text); only the chosen articles are exported.
 */
import fs from 'node:fs';
import { test, expect, createTestArticle, tagText } from './fixtures';

test('a lead finds articles by search, adds and removes them, and exports only those', async ({ project, lead, pageAs }) => {
  const bodies = [
    'Kyiv 🇺🇦 — Зеленський заявив, що Україна не визнає окуповані території. Officials confirmed it.',
    'Paris — Le ministre a déclaré que la France soutiendrait Kyiv. The statement came late.',
    'Tashkent — Officials in Tashkent declined to comment on the grain corridor. Nobody answered.',
  ];
  const articles = [
    await createTestArticle(project, { title: 'Zelensky rules out recognition', body: bodies[0], outlet: 'Ukrinform' }),
    await createTestArticle(project, { title: 'La France soutiendra Kyiv', body: bodies[1], outlet: 'Le Monde' }),
    await createTestArticle(project, { title: 'Grain corridor: no comment', body: bodies[2], outlet: 'Zamin.uz' }),
  ];
  await tagText(lead, articles[0], bodies[0], 'claim', 'Україна не визнає окуповані території');
  await tagText(lead, articles[2], bodies[2], 'claim', 'declined to comment on the grain corridor');

  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/export`);
  const search = page.getByRole('searchbox', { name: /Articles/ });
  await expect(page.getByRole('list', { name: 'Most annotated articles' }).getByRole('button')).toHaveCount(3);

  // By outlet, then by a word of the text.
  await search.fill('Monde');
  const matches = page.getByRole('list', { name: 'Matching articles' });
  await expect(matches.getByRole('button')).toHaveCount(1);
  await matches.getByRole('button', { name: 'Add La France soutiendra Kyiv' }).click();
  await search.fill('corridor');
  await matches.getByRole('button', { name: 'Add Grain corridor: no comment' }).click();
  const chosen = page.getByRole('list', { name: 'Chosen articles' });
  await expect(chosen.getByRole('listitem')).toHaveCount(2);
  await chosen.getByRole('button', { name: 'Remove La France soutiendra Kyiv' }).click();
  await expect(chosen.getByRole('listitem')).toHaveCount(1);
  await search.fill('nothing like this');
  await expect(page.getByText('No article matches “nothing like this”.')).toBeVisible();

  await page.getByLabel(/Native JSONL/).check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines[0]).toMatchObject({ type: 'manifest', counts: { articles: 1, annotations: 1 } });
  expect(lines.filter((l) => l.type === 'article').map((l) => l.title)).toEqual(['Grain corridor: no comment']);
});
