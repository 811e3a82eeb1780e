/**
 * The claim board at desk size, on a project the test makes: 30 articles over six outlets
 * (and two without one), 90 claims, statements linked across outlets, one conflicting link
 * rejected by a reviewer. Clusters show under outlet columns; a filter and a sort change the
 * URL and the rows; the next page continues; the rejected link counts nowhere; a bad cursor
 * gets a message. Screenshots at 1440x900 and 390x844 go to /work/notes/shots/board-*.png.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, createTestArticle, tagText, type TestUser } from './fixtures';
import { createLink } from '@/lib/data/links';
import { reviewAnnotation, reviewLink } from '@/lib/data/reviews';
import type { Relation } from '@/lib/domain';

const OUTLETS = ['Kyiv Independent', 'UNN', 'Zamin.uz', 'Reuters', 'Ukrainska Pravda', 'Meduza'];
const SHOTS = '/work/notes/shots';

interface Story { articleId: number; outlet: string; claims: number[]; quote: number }

function bodyOf(n: number, outlet: string): { body: string; claims: string[]; quote: string } {
  const claims = [
    `Grain exports through the Black Sea corridor rose by ${10 + n} percent in November, officials in Kyiv said.`,
    `Air defence units shot down ${20 + n} drones over the Odesa region overnight, the military said.`,
    `The Ukrainian government will not legally recognize any occupied territories, report ${n} notes.`,
  ];
  const quote = `“We will not trade land for peace”, Zelenskyy told reporters in Kyiv on day ${n}.`;
  const body = [`${outlet} — Kyiv.`, ...claims, quote, 'Talks are expected to resume next week; the Kremlin did not comment. Ціни на хліб зросли 🌾.'].join(' ');
  return { body, claims, quote };
}

async function buildDesk(project: { id: number }, author: TestUser, reviewer: TestUser, lead: TestUser) {
  const stories: Story[] = [];
  for (let n = 0; n < 32; n++) {
    const noOutlet = n >= 30;
    const outlet = noOutlet ? '' : OUTLETS[n % OUTLETS.length];
    const { body, claims, quote } = bodyOf(n, outlet || 'Desk');
    const article = await createTestArticle(project, {
      title: noOutlet ? `Drone attack on Odesa port: what we know on day ${n}` : `${outlet}: the war on day ${n}`,
      body, outlet: outlet || undefined, url: noOutlet ? `https://www.nv.ua/eng/news/${n}.html` : undefined,
      publishedAt: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}`,
    });
    const claimIds: number[] = [];
    for (const c of claims) claimIds.push((await tagText(author, article, body, 'claim', c)).id);
    stories.push({ articleId: article.id, outlet: outlet || 'nv.ua', claims: claimIds, quote: (await tagText(author, article, body, 'quote', quote)).id });
  }
  const link = (a: number, b: number, relation: Relation) => createLink({ actor: { userId: author.id }, input: { fromAnnotationId: a, toAnnotationId: b, relation } });
  // Twelve clusters: a claim corroborated by a quote and a claim of two other outlets; and three
  // pairs of claims that conflict (each pair in two outlets).
  for (let i = 0; i < 12; i++) {
    await link(stories[i].claims[0], stories[12 + i].quote, 'corroborates');
    await link(stories[i].claims[0], stories[13 + i].claims[2], 'corroborates');
    if (i % 4 === 0) await link(stories[i].claims[1], stories[i + 1].claims[1], 'conflicts');
  }
  // A conflicting link a reviewer rejects ("wrong target"): it must count nowhere.
  const wrong = await link(stories[26].claims[2], stories[29].claims[2], 'conflicts');
  await reviewLink({ actor: { userId: reviewer.id }, id: wrong.id, input: { decision: 'reject', reason: 'Wrong target: a different claim.' } });
  await reviewAnnotation({ actor: { userId: reviewer.id }, id: stories[0].claims[0], input: { decision: 'accept' } });
  void lead;
  return { stories, rejected: { from: stories[26].claims[2], to: stories[29].claims[2] } };
}

async function rowIds(page: Page): Promise<string[]> {
  return page.getByTestId('board-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cluster-id') ?? ''));
}

test('the claim board: outlet columns, filters and sorts in the URL, pages, rejected links out of the counts', async ({ project, lead, reviewer, otherReviewer, pageAs }) => {
  test.setTimeout(180_000);
  const { stories, rejected } = await buildDesk(project, reviewer, otherReviewer, lead);
  const page = await pageAs(lead);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/projects/${project.id}/board`);

  // Columns are outlets (the busiest seven), never one per article.
  const heads = await page.getByTestId('outlet-column').allInnerTexts();
  expect(heads.length).toBeLessThanOrEqual(8);
  for (const outlet of ['Kyiv Independent', 'UNN', 'Reuters']) expect(heads).toContain(outlet);
  expect(heads.join(' ')).not.toContain('Unknown');
  await expect(page.getByTestId('board-row')).toHaveCount(50);

  // The head claim's words head its row; in its own outlet's column it is only marked ◆, above
  // the quote of that outlet linked to it; the other outlet's claim sits in its own column.
  const headRow = page.locator(`[data-cluster-id="${stories[0].claims[0]}"]`);
  await expect(headRow.locator('th')).toContainText('Grain exports through the Black Sea corridor rose by 10 percent');
  const own = headRow.locator('td[data-outlet="Kyiv Independent"]');
  await expect(own).toContainText('◆ the claim');
  await expect(own).toContainText('✓ 1');
  await expect(own).toContainText('We will not trade land for peace');
  await expect(own).not.toContainText('more');
  await expect(headRow.locator('td[data-outlet="UNN"]')).toContainText('will not legally recognize any occupied territories, report 13');

  // 96 claims, 15 of them merged into others' clusters: 81. Contested: the three live conflicts, not the rejected one.
  await expect(page.getByTestId('stat-clusters')).toContainText('81');
  await expect(page.getByTestId('stat-contested')).toContainText('3');
  await expect(page.getByTestId('stat-rejected')).toContainText('1');

  // The rejected link's two claims stay apart, show no ✕, and say a rejected link is not counted.
  const search = (n: number) => `/projects/${project.id}/board?q=${encodeURIComponent(`will not legally recognize any occupied territories, report ${n}`)}`;
  await page.goto(search(26));
  const lonely = page.locator(`[data-cluster-id="${rejected.from}"]`);
  await expect(lonely).toBeVisible();
  await expect(lonely).toContainText('1 rejected link, not counted');
  await expect(lonely.locator('th')).not.toContainText('✕');
  await page.screenshot({ path: `${SHOTS}/board-rejected.png` });
  await page.goto(search(29));
  await expect(page.getByTestId('board-row')).toHaveCount(1);
  await expect(page.locator(`[data-cluster-id="${rejected.to}"]`)).toContainText('1 rejected link, not counted');

  // A filter (form, GET) changes the URL and the rows.
  await page.goto(`/projects/${project.id}/board`);
  const before = await rowIds(page);
  await page.locator('select[name="outlet"]').selectOption('Meduza');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/outlet=Meduza/);
  const meduza = await rowIds(page);
  expect(meduza).not.toEqual(before);
  for (const row of await page.getByTestId('board-row').all()) await expect(row.locator('td[data-outlet="Meduza"] a').first()).toBeVisible();

  // A sort changes the URL and the order, and keeps the filter.
  await page.getByRole('link', { name: 'Most corroborated' }).click();
  await expect(page).toHaveURL(/sort=corroborated/);
  await expect(page).toHaveURL(/outlet=Meduza/);
  const corroborated = await rowIds(page);
  expect(corroborated).not.toEqual(meduza);
  expect(new Set(corroborated)).toEqual(new Set(meduza));

  // The next page continues where the first stopped.
  await page.goto(`/projects/${project.id}/board?sort=newest`);
  const first = await rowIds(page);
  await page.getByTestId('board-next').click();
  await expect(page).toHaveURL(/cursor=/);
  const second = await rowIds(page);
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  await expect(page.getByRole('link', { name: '← First page' })).toBeVisible();

  // A forged cursor or an unknown sort: a clear message on the page, not a crash.
  await page.goto(`/projects/${project.id}/board?cursor=forged`);
  await expect(page.getByTestId('board-error')).toContainText('cursor');
  await page.goto(`/projects/${project.id}/board?sort=loudest`);
  await expect(page.getByTestId('board-error')).toContainText('sort must be one of');

  // What a fact-checker sees, on a desk and on a phone.
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.goto(`/projects/${project.id}/board`);
  await page.screenshot({ path: `${SHOTS}/board-desktop.png` });
  await page.screenshot({ path: `${SHOTS}/board-desktop-full.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/projects/${project.id}/board`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.screenshot({ path: `${SHOTS}/board-phone.png` });
  await page.getByTestId('board-row').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/board-phone-rows.png` });
  expect(stories).toHaveLength(32);
});
