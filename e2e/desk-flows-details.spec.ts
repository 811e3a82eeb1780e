/**
 * A day at the desk (issue 14, items 11 and 12): whole tabs and no sideways scroll at 390 px on
 * the pages of this area, a favicon, linked ids once in the CSV, a comment icon that needs no
 * emoji font; and screenshots of the pages changed, for a person to judge.
 */
import fs from 'node:fs';
import { test, expect, Reader, LinkPicker, createSeedCopy, createSeedCopies, tagText } from './fixtures';
import { axeProblems } from './support/axe';
import { createLink } from '@/lib/data/links';
import { addComment } from '@/lib/data/comments';

const SHOTS = '/work/notes/shots';
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };

async function shoot(page: import('@playwright/test').Page, name: string) {
  if (!fs.existsSync(SHOTS)) return;
  await page.screenshot({ path: `${SHOTS}/flows-${name}.png`, fullPage: false });
}

test('at 390x844 every project tab is whole and no page of this area scrolls sideways', async ({ project, lead, admin, pageAs }) => {
  await createSeedCopy(project, 0);
  const page = await pageAs(lead);
  await page.setViewportSize(PHONE);
  await page.goto(`/projects/${project.id}`);
  const tabs = page.getByRole('navigation', { name: 'Project' }).getByRole('link');
  await expect(tabs).toHaveCount(8);
  for (const tab of await tabs.all()) {
    const box = (await tab.boundingBox())!;
    expect(box.x, await tab.innerText()).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, await tab.innerText()).toBeLessThanOrEqual(PHONE.width);
    expect(await tab.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await expect(tabs.filter({ hasText: 'Agreement' })).toHaveText('Agreement');
  await shoot(page, 'tabs-390');
  for (const path of [`/projects/${project.id}`, `/projects/${project.id}/members`, `/projects/${project.id}/import`, `/projects/${project.id}/export`, '/settings']) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(PHONE.width);
  }
  await page.goto(`/projects/${project.id}/import`);
  await page.getByRole('tab', { name: 'Paste text' }).click();
  await shoot(page, 'import-390');
  await page.goto('/settings');
  await shoot(page, 'settings-390');
  expect(await axeProblems(page)).toEqual([]);

  const adminPage = await pageAs(admin);
  await adminPage.setViewportSize(PHONE);
  await adminPage.goto('/admin/users');
  expect(await adminPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});

test('the favicon is served, the CSV names each linked id once, the comment icon is drawn', async ({ project, lead, reviewer, otherReviewer, pageAs }) => {
  const [a, b] = await createSeedCopies(project, [0, 3]);
  const claim = await tagText(lead, a, a.body, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  const match = await tagText(lead, b, b.body, 'quote', 'We will never recognize');
  // Two reviewers link the same pair: two links, one linked id.
  await createLink({ actor: { userId: reviewer.id }, input: { fromAnnotationId: claim.id, toAnnotationId: match.id, relation: 'corroborates' } });
  await createLink({ actor: { userId: otherReviewer.id }, input: { fromAnnotationId: claim.id, toAnnotationId: match.id, relation: 'corroborates' } });
  await addComment({ actor: { userId: reviewer.id }, target: { kind: 'annotation', id: claim.id }, input: { body: 'Is this the UNN wording? 🤔' } });

  const page = await pageAs(lead);
  await page.goto('/inbox');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toMatch(/icon/);
  expect((await page.request.get(href!)).status()).toBe(200);
  const item = page.getByTestId('inbox-item').filter({ hasText: 'Is this the UNN wording?' });
  await expect(item).toBeVisible();
  await expect(item.locator('svg').first()).toBeVisible();
  expect(await item.innerText()).not.toContain('💬');

  const csv = await (await page.request.get(`/api/projects/${project.id}/export?format=csv-raw`)).text();
  const [head, ...rows] = parseCsv(csv);
  const row = rows.find((r) => r[head.indexOf('annotation_id')] === String(claim.id));
  expect(row, csv).toBeTruthy();
  expect(row![head.indexOf('linked_annotation_ids')]).toBe(String(match.id));
});

test('screenshots of the link picker, import, settings and tabs at 1440x900 and 390x844', async ({ project, reviewer, lead, pageAs }) => {
  const [source] = await createSeedCopies(project, [0, 1, 2, 3, 4]);
  const claim = await tagText(reviewer, source, source.body, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
  for (const [size, name] of [[DESK, '1440'], [PHONE, '390']] as const) {
    const reader = new Reader(await pageAs(reviewer));
    await reader.page.setViewportSize(size);
    await reader.open(source, { focus: claim.id });
    const picker = new LinkPicker(reader.page);
    await picker.open();
    await shoot(reader.page, `picker-${name}`);
    expect(await axeProblems(reader.page)).toEqual([]);
    await reader.page.keyboard.press('Escape');
    const page = await pageAs(lead);
    await page.setViewportSize(size);
    await page.goto(`/projects/${project.id}`);
    await page.getByText('Set the outlet of several articles').click();
    await shoot(page, `tabs-outlets-${name}`);
    await page.goto(`/projects/${project.id}/import`);
    await page.getByRole('tab', { name: 'Paste text' }).click();
    await page.getByLabel('Title').fill('Zelenskyy: «We will never recognize» 🇺🇦');
    await page.getByLabel('Text').fill(`Kyiv • UNN\nZelenskyy said: "We will never recognize it." ${name} ${Date.now()}`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('import-summary')).toBeFocused();
    await shoot(page, `import-${name}`);
    await page.goto('/settings');
    await shoot(page, `settings-${name}`);
  }
});

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
