/**
 * Long work as a person meets it: on a slow connection (Chromium's own network throttling),
 * an export of a large project shows records done of the total and the time left and can be
 * cancelled; a large upload shows files sent of the total and can be cancelled, importing
 * nothing. Then the same work, unthrottled, completes. And a ClaimReview export, refused
 * until a lead sets the publishing settings, reports what each unpublished claim is missing.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect, createTestUser, createProjectWith, createTestArticle } from './fixtures';
import { createAnnotation } from '@/lib/data/annotations';
import { importArticle, listArticles } from '@/lib/data/articles';
import { reviewAnnotation } from '@/lib/data/reviews';
import { finalizeVerdict } from '@/lib/data/verdicts';
import { SYSTEM } from '@/lib/data/actor';

const ARTICLES = 60;

/** About 40 KB of distinct text per article, so each JSONL line is a large record. */
function longBody(n: number): string {
  const sentence = `Report ${n}: the minister 🇺🇦 said "we will not give up our territories", officials confirmed it. `;
  return sentence.repeat(400);
}

/** WCAG A/AA violations on the page as it is now. */
async function violations(page: Page) {
  return (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => v.id);
}

async function throttle(page: Page, bytesPerSecond: number | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', bytesPerSecond === null
    ? { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
    : { offline: false, latency: 20, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
}

test('a lead follows a large export, cancels it, then exports it in full', async ({ pageAs }) => {
  const lead = await createTestUser({ name: 'Progress Lead' });
  const project = await createProjectWith([[lead, 'lead']]);
  for (let n = 0; n < ARTICLES; n++) {
    const body = longBody(n);
    const article = await createTestArticle(project, { title: `Report ${n}`, body, outlet: 'Wire' });
    const start = body.indexOf('we will');
    await createAnnotation({ actor: { userId: lead.id }, articleId: article.id, input: { label: 'claim', start, end: start + 'we will not give up our territories'.length } });
  }
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/export`);
  await page.getByLabel(/Native JSONL/).check();
  await throttle(page, 120 * 1024);
  let downloads = 0;
  page.on('download', () => downloads++);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const bar = page.getByRole('progressbar', { name: 'Export progress' });
  const stats = page.getByTestId('progress-stats');
  await expect(stats).toContainText(`of ${ARTICLES + 1} records`);
  await expect(stats).toContainText(/s left|min left/, { timeout: 20_000 });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(await violations(page)).toEqual([]);
  const shown = await stats.textContent();
  expect(Number(/^(\d+)% · (\d+) of/.exec(shown ?? '')?.[2])).toBeLessThan(ARTICLES + 1);

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Export cancelled. Nothing was saved.')).toBeVisible();
  await expect(bar).toBeHidden();
  expect(downloads).toBe(0);

  await throttle(page, null);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  await expect(page.getByText(/Export ready/)).toBeVisible();
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(ARTICLES + 1);
  expect(JSON.parse(lines[0])).toMatchObject({ counts: { articles: ARTICLES, annotations: ARTICLES } });
});

test('a lead follows a large upload, cancels it with nothing imported, then imports it', async ({ pageAs }) => {
  const lead = await createTestUser({ name: 'Upload Lead' });
  const project = await createProjectWith([[lead, 'lead']]);
  const files = Array.from({ length: 20 }, (_, n) => {
    const file = test.info().outputPath(`report-${n}.txt`);
    fs.writeFileSync(file, `Upload report ${n}\n\n${longBody(n + 100).repeat(2)}`);
    return file;
  });
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/import`);
  await page.getByLabel('Files to import').setInputFiles(files);
  await throttle(page, 150 * 1024);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const stats = page.getByTestId('progress-stats');
  await expect(stats).toContainText('of 20 files');
  await expect(stats).toContainText(/s left|min left/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Import cancelled while uploading. Nothing was imported.')).toBeVisible();
  expect(await listArticles({ actor: SYSTEM, projectId: project.id })).toHaveLength(0);

  await throttle(page, null);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Import results' }).getByRole('heading', { name: 'Imported 20 articles' })).toBeVisible({ timeout: 30_000 });
  expect(await listArticles({ actor: SYSTEM, projectId: project.id })).toHaveLength(20);
});

test('a lead sets the publishing settings, then a ClaimReview export says which claims are missing what', async ({ pageAs }) => {
  const lead = await createTestUser({ name: 'Publishing Lead' });
  const reviewer = await createTestUser({ name: 'Claim Reviewer' });
  const project = await createProjectWith([[lead, 'lead'], [reviewer, 'reviewer']]);
  const body = 'The minister said: "We will not give up our territories." Later he added that talks would resume in May.';
  const article = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Minister on talks', body, outlet: 'Wire', url: 'https://news.example/ministre-déclare', publishedAt: '2025-04-25' } });
  const span = (text: string) => ({ label: 'claim' as const, start: body.indexOf(text), end: body.indexOf(text) + text.length });
  const checked = await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: span('We will not give up our territories') });
  await createAnnotation({ actor: { userId: reviewer.id }, articleId: article.id, input: span('talks would resume in May') });
  await reviewAnnotation({ actor: { userId: lead.id }, id: checked.id, input: { decision: 'accept' } });
  await finalizeVerdict({ actor: { userId: lead.id }, annotationId: checked.id, input: { verdict: 'false', rationale: 'The transcript shows otherwise.' } });

  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/export`);
  await page.getByLabel(/^ClaimReview/).check();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Export the dataset' }).getByRole('alert')).toContainText('needs the project\'s publishing settings');

  await page.getByRole('link', { name: 'publishing settings' }).click();
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('Organization name').fill('Desk Fact Check');
  await page.getByLabel('Organization address (URL)').fill('https://desk.example/');
  await page.getByLabel('Public address of a fact-check').fill('https://desk.example/fact-checks/{claimId}');
  await page.getByLabel('Per-claim addresses (optional)').fill(`${checked.id} https://desk.example/2025/04/minister-talks`);
  await page.getByRole('button', { name: 'Save publishing settings' }).click();
  await expect(page.getByRole('form', { name: 'Publishing settings' }).getByRole('status')).toContainText('Publishing settings saved');

  await page.goto(`/projects/${project.id}/export`);
  await page.getByLabel(/^ClaimReview/).check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-claimreview-\d{8}T\d{6}Z\.claimreview\.zip$/);
  const zipped = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  const [reviews] = Object.entries(zipped).filter(([name]) => name.endsWith('/claim-reviews.json')).map(([, bytes]) => JSON.parse(strFromU8(bytes)));
  expect(reviews).toMatchObject([{ url: 'https://desk.example/2025/04/minister-talks', claimReviewed: 'We will not give up our territories', itemReviewed: { appearance: { url: 'https://news.example/ministre-d%C3%A9clare' } } }]);
  const report = page.getByRole('region', { name: 'ClaimReview report' });
  await expect(report.getByRole('heading')).toHaveText('1 of 2 claims published as ClaimReview');
  await expect(report).toContainText('“talks would resume in May”: reviewers have not accepted it (status: proposed); no final verdict (a lead gives it).');
  expect(await violations(page)).toEqual([]);
});
