/**
 * A day at the desk (issue 14, item 8): one undo history for the toast and Ctrl+Z, a password
 * reset that asks first, changing one's own password, archiving an article imported by mistake.
 */
import { test, expect, Reader, createSeedCopy, createTestArticle, createTestUser, signInThroughUi, tagText, PASSWORD } from './fixtures';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { events } from '@/lib/db/tables';
import { listArchivedArticles } from '@/lib/data/articleArchive';
import { SYSTEM } from '@/lib/data/actor';
import { all } from '@/lib/db/query';

test("Ctrl+Z after the toast's Undo does not undo the delete a second time", async ({ project, reviewer, pageAs }) => {
  const article = await createSeedCopy(project, 0);
  const claim = await tagText(reviewer, article, article.body, 'claim', 'Ukraine will not legally recognize');
  const reader = new Reader(await pageAs(reviewer));
  const { page } = reader;
  await reader.open(article, { focus: claim.id });
  await reader.expectSelected(claim.id);
  await page.keyboard.press('Delete');
  await expect(reader.notice).toContainText('Deleted the claim');
  await reader.notice.getByRole('button', { name: 'Undo' }).click();
  await expect(reader.item(claim.id)).toBeVisible();
  await expect.poll(async () => (await reader.stored(article.id)).length).toBe(1);
  await page.keyboard.press('Control+z');
  await expect(reader.notice).toContainText('Nothing to undo.');
  await expect(reader.notice).not.toContainText('Could not undo');
  await expect.poll(async () => (await reader.stored(article.id)).length).toBe(1);
});

test('Reset password asks first; "keep their sessions" leaves a colleague signed in', async ({ browser, admin, pageAs }) => {
  const colleague = await createTestUser({ name: 'Iryna Colleague' });
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signInThroughUi(theirPage, colleague.email);

  const page = await pageAs(admin);
  await page.goto('/admin/users');
  const reset = page.getByRole('button', { name: `Reset password of ${colleague.email}` });
  await reset.click();
  const ask = page.getByRole('group', { name: new RegExp(`Reset the password of ${colleague.email.replace('.', '\\.')}`) });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Reset, keep their sessions' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(reset).toBeFocused();
  await expect(page.getByTestId('one-time-secret')).toHaveCount(0);

  await reset.click();
  await ask.getByRole('button', { name: 'Reset, keep their sessions' }).click();
  await expect(page.getByText(`New password for ${colleague.email} (their sessions are kept)`)).toBeVisible();
  await expect(page.getByTestId('one-time-secret')).toBeVisible();
  await theirPage.goto('/settings');
  await expect(theirPage).toHaveURL(/\/settings$/);
  await theirs.close();
});

test('a reviewer changes their own password: other sessions end, this one stays', async ({ browser, reviewer, pageAs }) => {
  const laptop = await browser.newContext();
  const laptopPage = await laptop.newPage();
  await signInThroughUi(laptopPage, reviewer.email);

  const page = await pageAs(reviewer);
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Change your password' });
  await form.locator('input[name=currentPassword]').fill('not my password');
  await form.locator('input[name=newPassword]').fill('a brand new passphrase');
  await form.locator('input[name=confirmPassword]').fill('a brand new passphrase');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText('Your current password is not right. Nothing was changed.');

  await form.locator('input[name=currentPassword]').fill(PASSWORD);
  await form.locator('input[name=confirmPassword]').fill('a different passphrase');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText('The two new passwords do not match. Nothing was changed.');

  await form.locator('input[name=confirmPassword]').fill('a brand new passphrase');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toContainText(/Password changed\. \d+ other sessions? signed out\. You stay signed in here\./);

  await page.reload();
  await expect(page).toHaveURL(/\/settings$/);
  await laptopPage.goto('/settings');
  await expect(laptopPage).toHaveURL(/\/signin/);
  await signInThroughUi(laptopPage, reviewer.email, 'a brand new passphrase');
  await expect(laptopPage).toHaveURL(/\/projects$/);
  await laptop.close();
});

test('a lead archives an article imported by mistake and restores it; both are in the audit log', async ({ project, lead, pageAs }) => {
  const mistake = await createTestArticle(project, { title: 'Weather in Tashkent — imported by mistake', body: `+4° пасмурно, ветер 2.1 м/с ${Date.now()}` });
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/articles/${mistake.id}/details`);
  await page.getByRole('button', { name: 'Archive the article…' }).click();
  await page.getByRole('group', { name: 'Confirm archiving' }).getByRole('button', { name: 'Archive it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'This article is archived' })).toBeVisible();
  expect((await listArchivedArticles({ actor: SYSTEM, projectId: project.id })).map((a) => a.id)).toEqual([mistake.id]);

  await page.goto(`/projects/${project.id}`);
  const archived = page.getByTestId('archived-articles');
  await expect(archived).toContainText('Weather in Tashkent — imported by mistake');
  await archived.getByRole('button', { name: 'Restore Weather in Tashkent — imported by mistake' }).click();
  await expect(archived).toBeHidden();
  expect(await listArchivedArticles({ actor: SYSTEM, projectId: project.id })).toEqual([]);
  const actions = (await all(getDb().select({ action: events.action }).from(events).where(and(eq(events.entityType, 'article'), eq(events.entityId, mistake.id))))).map((e) => e.action);
  expect(actions).toEqual(['article.import', 'article.archive', 'article.restore']);
});
