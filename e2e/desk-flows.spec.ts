/**
 * A day at the desk (issue 14, items 5, 6, 7): outlets named for many articles at once and a
 * readable name for the rest, the link picker's keyboard flow with its confirmation, and the
 * import's feedback where the eye is. Each test makes its own project and people.
 */
import { test, expect, Reader, LinkPicker, createSeedCopy, createSeedCopies, createTestArticle, tagText } from './fixtures';
import { getArticle } from '@/lib/data/articles';
import { SYSTEM } from '@/lib/data/actor';

const CLAIM = 'Ukraine will not legally recognize any temporarily occupied territories';

test('a lead sets the outlet of every article without one in one go', async ({ project, lead, pageAs }) => {
  const unn = await createSeedCopy(project, 2);
  const zamin = await createSeedCopy(project, 3);
  const plain = await createSeedCopies(project, [0, 1, 4]);
  // The seed metadata names the outlets the texts state: the dateline "Kyiv • UNN" and "This was reported by Zamin.uz."
  expect([unn.outlet, zamin.outlet, ...plain.map((a) => a.outlet)]).toEqual(['UNN', 'Zamin.uz', null, null, null]);

  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}`);
  await page.getByText('Set the outlet of several articles').click();
  const form = page.getByRole('form', { name: 'Set the outlet of several articles' });
  // Articles without one are shown by a short name cut at a word, never "Unknown outlet".
  await expect(form).toContainText('no outlet (shown as “Zelenskyy: We aren’t discussing…”)');
  await expect(form).not.toContainText('Unknown outlet');
  await form.getByRole('button', { name: 'Select those without an outlet' }).click();
  await expect(form.getByRole('checkbox', { checked: true })).toHaveCount(3);
  await form.getByRole('combobox', { name: 'Outlet' }).fill('Ukrinform');
  await form.getByRole('button', { name: 'Set for 3 selected' }).click();
  await expect(form.getByRole('status')).toHaveText('Outlet now “Ukrinform” for 3 articles.');
  for (const a of plain) expect((await getArticle({ actor: SYSTEM, articleId: a.id })).article.outlet).toBe('Ukrinform');
  expect((await getArticle({ actor: SYSTEM, articleId: unn.id })).article.outlet).toBe('UNN');
  await expect(page.getByRole('table', { name: 'Articles' }).getByRole('cell', { name: 'Ukrinform' })).toHaveCount(3);
});

test('the link picker opens on the first suggestion: x, Enter, and a toast leads to the new link', async ({ project, reviewer, pageAs }) => {
  const [source, , unn] = await createSeedCopies(project, [0, 1, 2, 3, 4]);
  const claim = await tagText(reviewer, source, source.body, 'claim', CLAIM);
  const reader = new Reader(await pageAs(reviewer));
  const { page } = reader;
  await reader.open(source, { focus: claim.id });
  const picker = new LinkPicker(page);
  await picker.open();
  const list = picker.dialog.getByRole('listbox', { name: 'Statements' });
  await expect(list).toBeFocused();
  await expect(picker.suggestions.first()).toHaveAttribute('aria-selected', 'true');
  // Outlets the seed texts state are named; the others by a short title.
  await expect(picker.dialog).toContainText('UNN');
  await expect(picker.dialog).not.toContainText('Unknown outlet');

  // No suggested sentence cuts a quotation in half.
  const statements = await Promise.all((await picker.suggestions.all()).map((_, i) => picker.statementOf(i)));
  for (const s of statements) {
    expect((s.match(/“/g) ?? []).length, s).toBe((s.match(/”/g) ?? []).length);
    expect((s.match(/"/g) ?? []).length % 2, s).toBe(0);
  }

  const first = await picker.statementOf(0);
  await page.keyboard.press('x');
  await expect(picker.dialog.getByTestId('relation-conflicts')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(picker.dialog).toBeHidden();
  const toast = page.getByTestId('linked-toast');
  await expect(toast).toContainText(/Linked to .+ as conflicts/);
  await expect(reader.linksSection.getByTestId('link-item')).toContainText(first);
  await toast.getByRole('link', { name: 'view' }).click();
  await page.waitForURL(new RegExp(`/projects/${project.id}/articles/\\d+\\?focus=\\d+&from=${claim.id}`));
  await expect(reader.linksSection.getByTestId('link-item')).toContainText(CLAIM);
  expect(unn.outlet).toBe('UNN');
});

test('after a paste the result shows at the form, focused, with a link; a duplicate names the article already there', async ({ project, lead, pageAs }) => {
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/import`);
  await page.getByRole('tab', { name: 'Paste text' }).click();
  const form = page.getByRole('form', { name: 'Import articles' });
  const body = `Київ • Укрінформ\nЗеленський: «Ми ніколи не визнаємо окуповані території російськими». 🇺🇦 ${Date.now()}`;
  await form.getByLabel('Title').fill('Зеленський: ми ніколи не визнаємо');
  await form.getByLabel('Text').fill(body);
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  const summary = form.getByTestId('import-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toHaveText('Imported Зеленський: ми ніколи не визнаємо. Open it to start tagging.');
  await expect(summary).toBeInViewport();

  await form.getByLabel('Title').fill('A second title for the same text');
  await form.getByLabel('Text').fill(body);
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('This text is already in the project as Зеленський: ми ніколи не визнаємо: not imported again.');
  await expect(summary).not.toContainText('A second title');
  await summary.getByRole('link', { name: 'Зеленський: ми ніколи не визнаємо' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/articles/\\d+$`));
  await expect(page.getByText('Ми ніколи не визнаємо', { exact: false }).first()).toBeVisible();
});

test('an article without an outlet is named by a short title in the review queue, never "Unknown outlet"', async ({ project, reviewer, lead, pageAs }) => {
  const body = `KYIV — Zelensky said Ukraine would never recognize occupied land as Russian. ${Date.now()}`;
  const article = await createTestArticle(project, { title: 'Zelensky: We will never recognize occupied land as Russian, he says', body, url: 'https://www.kyivindependent.com/zelensky-never/' });
  await tagText(reviewer, article, body, 'claim', 'Zelensky said Ukraine would never recognize occupied land as Russian');
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/review`);
  const outline = page.getByRole('complementary', { name: 'Queue by article' });
  // The queue's groups carry no URL: the title, cut after a whole word.
  await expect(outline).toContainText('Zelensky: We will never recognize…');
  await expect(outline).not.toContainText('Unknown outlet');
});
