/**
 * Clean import of web pages through the UI: an .html upload and an import by web address
 * against a server this test starts on 127.0.0.1 (the app server runs with
 * IMPORT_ALLOWED_HOSTS=127.0.0.1, see playwright.config.ts). Each test uses its own project.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { axeViolations } from './support/axe';

const PAGES = path.join(__dirname, '..', 'tests', 'import', 'pages');
const SHOTS = '/work/notes/shots';

async function shoot(page: Page, name: string) {
  if (!fs.existsSync(SHOTS)) return;
  for (const [w, h, tag] of [[1440, 900, 'desktop'], [390, 844, 'phone']] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(SHOTS, `webimport-${name}-${tag}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

test('a lead uploads an .html page and sees the clean text, the metadata sources and what was removed', async ({ project, lead, pageAs }) => {
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/import`);
  await page.getByLabel('Files to import').setInputFiles(path.join(PAGES, 'news-jsonld.html'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const results = page.getByRole('region', { name: 'Import results' });
  await expect(results.getByRole('heading', { name: 'Imported 1 article' })).toBeVisible();
  const meta = results.getByRole('table', { name: 'Metadata and its sources' });
  await expect(meta.getByRole('row', { name: /Title Zelenskyy: Ukraine will never recognise occupied land as Russian JSON-LD/ })).toBeVisible();
  await expect(meta.getByRole('row', { name: /Author Olena Kovalenko, Mark Ellison JSON-LD/ })).toBeVisible();
  await expect(meta.getByRole('row', { name: /Modified 2025-04-26T09:05:00\+03:00 JSON-LD/ })).toBeVisible();
  await expect(results.getByLabel('Start of the imported text')).toContainText('Ukraine will not legally recognise any temporarily occupied territories');
  const removed = results.getByRole('list', { name: 'Removed from the page' });
  await expect(results.getByText(/Removed 18 blocks of page text/)).toBeVisible();
  await expect(removed.getByRole('listitem').filter({ hasText: 'navigation ×5' })).toContainText('“World”, “Politics”, “Business”');
  await expect(removed.getByRole('listitem').filter({ hasText: 'advertisement ×2' })).toContainText('Lisbon');
  await expect(removed.getByRole('listitem').filter({ hasText: 'cookie banner' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await shoot(page, 'upload');

  await results.getByRole('link', { name: 'Zelenskyy: Ukraine will never recognise occupied land as Russian' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/articles/\\d+`));
  await expect(page.getByText('Only the Ukrainian people have the right to decide', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Book your summer holiday')).toHaveCount(0);
});

test('a lead imports an article by its web address; a redirect to a private address is refused', async ({ project, lead, pageAs }) => {
  const server = http.createServer((req, res) => {
    if (req.url === '/old') return res.writeHead(301, { location: '/report' }).end();
    if (req.url === '/report') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(path.join(PAGES, 'cyrillic-emoji.html')));
    if (req.url === '/sneaky') return res.writeHead(302, { location: 'http://10.1.2.3/admin' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const page = await pageAs(lead);
    await page.goto(`/projects/${project.id}/import`);
    await page.getByRole('tab', { name: 'Web address' }).click();
    await page.getByLabel('Web address of the article').fill(`${base}/sneaky`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Nothing was imported' })).toContainText('10.1.2.3, a private address');

    await page.getByLabel('Web address of the article').fill(`${base}/old`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const results = page.getByRole('region', { name: 'Import results' });
    await expect(results.getByRole('heading', { name: 'Imported 1 article' })).toBeVisible();
    await expect(results).toContainText(`Fetched from ${base}/report`);
    const meta = results.getByRole('table', { name: 'Metadata and its sources' });
    await expect(meta.getByRole('row', { name: /Outlet Новости Мира OpenGraph/ })).toBeVisible();
    await expect(results.getByLabel('Start of the imported text')).toContainText('Президент Украины Владимир Зеленский');
    await expect(results.getByRole('list', { name: 'Removed from the page' })).toContainText('weather widget ×1');
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'url');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
