/** The sign-in page: a member lands on their projects; wrong passwords get one message, then throttling. */
import { test, expect, createTestUser, signInThroughUi, PASSWORD } from './fixtures';

test('a member signs in and sees their project', async ({ page, project, reviewer }) => {
  await signInThroughUi(page, reviewer.email);
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole('link', { name: project.name })).toBeVisible();
});

test('a wrong password shows one generic message', async ({ page }) => {
  const user = await createTestUser();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('That email and password do not match an active account.');
  await page.getByLabel('Email').fill('nobody@example.test');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('That email and password do not match an active account.');
});

test('after five wrong passwords the sixth attempt is refused as throttled', async ({ page }) => {
  const user = await createTestUser();
  await page.goto('/signin');
  const alert = page.locator('form').getByRole('alert');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(`wrong password ${attempt}`);
    const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await answered;
    await expect(alert).toHaveText('That email and password do not match an active account.');
  }
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alert).toHaveText('Too many failed sign-ins. Wait 15 minutes and try again.');
  await expect(page).toHaveURL(/\/signin/);
});
