import { test, expect, makeUser, signInThroughUi, seedProjectId } from './fixtures';

test('a member signs in and sees the seeded project', async ({ page }) => {
  const user = await makeUser({ project: seedProjectId(), role: 'reviewer' });
  await signInThroughUi(page, user.email);
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole('link', { name: 'Zelenskyy on occupied territories' })).toBeVisible();
});

test('a wrong password shows one generic message', async ({ page }) => {
  const user = await makeUser();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('That email and password do not match an active account.');
  await page.getByLabel('Email').fill('nobody@example.test');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('That email and password do not match an active account.');
});
