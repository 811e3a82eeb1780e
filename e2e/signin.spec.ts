import { test, expect, makeUser, signInThroughUi, seedProjectId, PASSWORD } from './fixtures';

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

test('after five wrong passwords the sixth attempt is refused as throttled', async ({ page }) => {
  const user = await makeUser();
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
