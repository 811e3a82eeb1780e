/**
 * The agreement page at a desk's size: the per-article table and the disagreement list are
 * paginated (50 a page, cursors in the URL), a span tagged claim by one reviewer and quote by
 * the other is listed as a label disagreement ("claim vs quote"), and on a phone nothing
 * scrolls sideways. Screenshots: /work/notes/shots/agreement-*.png.
 */
import { test, expect, addMember, createTestArticle, createTestUser, tagText } from './fixtures';
import { axeProblems } from './support/axe';

const SHOTS = '/work/notes/shots';
const BODY = (n: number) =>
  `Report ${n}: Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said in Kyiv. ` +
  `Україна не визнає окуповані території російськими 🇺🇦, додав він. Officials in Washington declined to comment on the London talks.`;

test('a claim and a quote on the same span are a label disagreement, not two one-sided tags', async ({ project, pageAs }) => {
  const [carla, dmytro] = await Promise.all(['Carla', 'Dmytro'].map((name) => createTestUser({ name })));
  for (const user of [carla, dmytro]) await addMember(project, user, 'reviewer');
  const body = BODY(0);
  const article = await createTestArticle(project, { title: 'Zelenskyy rules out recognising occupied land', body, outlet: 'Kyiv Independent' });
  const span = 'Ukraine will not legally recognize any temporarily occupied territories as Russian';
  await tagText(carla, article, body, 'claim', span);
  await tagText(dmytro, article, body, 'quote', span);
  // Dmytro also tagged an overlapping claim: it used to take Carla's claim away from the quote.
  await tagText(dmytro, article, body, 'claim', 'temporarily occupied territories as Russian, Zelenskyy said');
  const page = await pageAs(carla);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/projects/${project.id}/agreement?a=${carla.id}&b=${dmytro.id}`);
  const list = page.getByTestId('disagreements');
  const label = list.locator('tr[data-kind="label"]');
  await expect(label).toHaveCount(1);
  await expect(label).toContainText('Different labels: claim vs quote');
  await expect(label.getByRole('link').first()).toContainText(span);
  await expect(list.locator('tr[data-kind="only-a"]')).toHaveCount(0);
  await expect(list.locator('tr[data-kind="only-b"]')).toHaveCount(1);
  // The chosen pair's figures, spelled out under the matrix.
  await expect(page.getByTestId('pair-detail')).toContainText('Carla × Dmytro: κ');
  await expect(page.getByTestId('pair-detail')).toContainText('1 shared article');
  await page.screenshot({ path: `${SHOTS}/agreement-label-desktop.png`, fullPage: true });
  expect(await axeProblems(page)).toEqual([]);
});

test('the per-article table and the disagreement list page through 50 at a time; a phone does not scroll sideways', async ({ project, pageAs }) => {
  test.setTimeout(120_000);
  const [alma, bohdan] = await Promise.all(['Alma', 'Bohdan'].map((name) => createTestUser({ name })));
  for (const user of [alma, bohdan]) await addMember(project, user, 'reviewer');
  for (let n = 1; n <= 60; n++) {
    const body = BODY(n);
    const article = await createTestArticle(project, { title: `Occupied territories, report ${n}`, body, outlet: n % 2 ? 'UNN' : 'Zamin.uz' });
    await tagText(alma, article, body, 'claim', 'Ukraine will not legally recognize any temporarily occupied territories');
    await tagText(bohdan, article, body, 'quote', 'Ukraine will not legally recognize any temporarily occupied territories');
    await tagText(bohdan, article, body, 'context', 'Officials in Washington declined to comment');
  }
  const page = await pageAs(alma);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/projects/${project.id}/agreement?a=${alma.id}&b=${bohdan.id}`);
  const rows = page.getByTestId('article-agreement').locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('report 1');
  const disagreements = page.locator('[data-testid="disagreements"] tbody tr');
  await expect(disagreements).toHaveCount(50);
  await page.screenshot({ path: `${SHOTS}/agreement-desktop.png` });

  // The article table's next page: the 10 left, and the disagreement list stays where it was.
  await page.getByTestId('article-pager').getByRole('link', { name: 'Next page »' }).click();
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText('report 51');
  await expect(page.getByTestId('article-pager')).toContainText('Last page');
  await expect(disagreements).toHaveCount(50);

  // The disagreement list, page by page: 120 entries (a label and an only-Bohdan per article), none twice.
  const seen: string[] = [];
  for (const expected of [50, 50, 20]) {
    await expect(disagreements).toHaveCount(expected);
    seen.push(...(await page.locator('[data-testid="disagreements"] tbody tr a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))));
    if (expected === 20) break;
    await page.getByTestId('disagreement-pager').getByRole('link', { name: 'Next page »' }).click();
  }
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.length).toBe(180);
  await expect(page.getByTestId('disagreement-pager')).toContainText('Last page');
  await page.getByTestId('disagreement-pager').getByRole('link', { name: '« First page' }).click();
  await expect(disagreements).toHaveCount(50);

  // An edited cursor is not an error page: the list starts again, with a note.
  await page.goto(`/projects/${project.id}/agreement?a=${alma.id}&b=${bohdan.id}&articles=forged.cursor`);
  await expect(page.getByRole('status')).toContainText('starts again from its first page');
  await expect(rows).toHaveCount(50);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/projects/${project.id}/agreement?a=${alma.id}&b=${bohdan.id}`);
  await expect(rows).toHaveCount(50);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/agreement-phone.png` });
  await page.locator('#disagreements').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/agreement-phone-disagreements.png` });
  expect(await axeProblems(page)).toEqual([]);
});
