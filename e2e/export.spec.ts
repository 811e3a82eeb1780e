/** Export and import through the UI: a lead exports native JSONL and imports it into another project. */
import fs from 'node:fs';
import { test, expect, addMember, createTestArticle, createTestProject, tagText } from './fixtures';
import { axeViolations } from './support/axe';

test('a lead exports native JSONL from the UI and imports it into a new project', async ({ project: source, lead, pageAs }) => {
  const body = 'Kyiv 🇺🇦 — The minister said: "We will not give up our territories." Officials confirmed it.';
  const article = await createTestArticle(source, { title: 'Minister rules out concessions', body, outlet: 'Wire' });
  await tagText(lead, article, body, 'claim', 'We will not give up our territories');

  const page = await pageAs(lead);
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

  const target = await createTestProject();
  await addMember(target, lead, 'lead');
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

test('a reviewer sees no export and cannot call it', async ({ project, reviewer, pageAs }) => {
  const page = await pageAs(reviewer);
  await page.goto(`/projects/${project.id}/export`);
  await expect(page.getByText('Only project leads can export')).toBeVisible();
  const response = await page.request.get(`/api/projects/${project.id}/export?format=jsonl`);
  expect(response.status()).toBe(403);
});

test('the export and import pages have no WCAG A/AA violations, also with results shown', async ({ project, lead, pageAs }) => {
  await createTestArticle(project, { title: 'Axe article', body: 'Some text to export.' });
  const page = await pageAs(lead);
  const axe = () => axeViolations(page);
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
