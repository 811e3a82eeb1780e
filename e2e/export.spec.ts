import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, makeUser, makeProject, makeArticle, pageFor } from './fixtures';
import { createAnnotation } from '@/lib/data/annotations';

test('a lead exports native JSONL from the UI and imports it into a new project', async ({ browser }) => {
  const lead = await makeUser({ name: 'Export Lead' });
  const source = makeProject([[lead, 'lead']]);
  const body = 'Kyiv 🇺🇦 — The minister said: "We will not give up our territories." Officials confirmed it.';
  const article = makeArticle(source.id, { title: 'Minister rules out concessions', body, outlet: 'Wire' });
  const start = body.indexOf('We will');
  await createAnnotation({ actor: { userId: lead.id }, articleId: article.id, input: { label: 'claim', start, end: start + 'We will not give up our territories'.length } });

  const page = await pageFor(browser, lead);
  await page.goto(`/projects/${source.id}/export`);
  await expect(page.getByRole('heading', { name: 'Export' })).toBeVisible();
  await page.getByLabel(/Native JSONL/).check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-jsonl-\d{8}T\d{6}Z\.jsonl$/);
  await expect(page.getByText(/Export ready/)).toBeVisible();
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines[0]).toMatchObject({ type: 'manifest', counts: { articles: 1, annotations: 1 } });

  const target = makeProject([[lead, 'lead']]);
  await page.goto(`/projects/${target.id}/import`);
  await page.getByLabel('Files to import').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const results = page.getByRole('region', { name: 'Import results' });
  await expect(results.getByRole('heading', { name: 'Imported 1 article' })).toBeVisible();
  await expect(results).toContainText(/with 1 annotation(?!s)/);
  await results.getByRole('link', { name: 'Minister rules out concessions' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${target.id}/articles/\\d+`));
  await expect(page.getByText('We will not give up our territories', { exact: false }).first()).toBeVisible();
});

test('a reviewer sees no export and cannot call it', async ({ browser }) => {
  const lead = await makeUser();
  const reviewer = await makeUser();
  const project = makeProject([[lead, 'lead'], [reviewer, 'reviewer']]);
  const page = await pageFor(browser, reviewer);
  await page.goto(`/projects/${project.id}/export`);
  await expect(page.getByText('Only project leads can export')).toBeVisible();
  const response = await page.request.get(`/api/projects/${project.id}/export?format=jsonl`);
  expect(response.status()).toBe(403);
});

test('the export and import pages have no WCAG A/AA violations, also with results shown', async ({ browser }) => {
  const lead = await makeUser();
  const project = makeProject([[lead, 'lead']]);
  makeArticle(project.id, { title: 'Axe article', body: 'Some text to export.' });
  const page = await pageFor(browser, lead);
  const axe = async () => (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations;
  await page.goto(`/projects/${project.id}/export`);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByText(/Export ready/)).toBeVisible();
  expect(await axe()).toEqual([]);
  await page.goto(`/projects/${project.id}/import`);
  await page.getByRole('tab', { name: 'Paste text' }).click();
  await page.getByLabel('Title').fill('Pasted');
  await page.getByLabel('Text').fill('Some text to export.');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Import results' })).toContainText('already in the project');
  expect(await axe()).toEqual([]);
});
