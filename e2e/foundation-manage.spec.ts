/**
 * Issue 2 end to end, the management pages: site admins manage accounts, leads manage members
 * and article details, everyone manages their own API tokens.
 */
import { test, expect, createTestArticle, createTestUser, signInThroughUi, unique, PASSWORD } from './fixtures';

test('a non-admin gets 404 for the users page', async ({ lead, pageAs }) => {
  const page = await pageAs(lead);
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
});

test('an admin adds a user, who signs in; once disabled, their next request goes to sign-in', async ({ browser, admin, pageAs }) => {
  const adminPage = await pageAs(admin);
  await adminPage.goto('/admin/users');
  const email = `${unique('new')}@example.test`;
  const form = adminPage.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill('Nadia Newcomer');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form.getByRole('status').first()).toContainText(`Account created for ${email}`);
  const password = (await form.getByTestId('one-time-secret').textContent())?.trim() ?? '';
  expect(password.length).toBeGreaterThanOrEqual(12);
  await expect(adminPage.getByTestId(`user-${email}`)).toContainText('active');

  const newcomer = await browser.newContext();
  const newcomerPage = await newcomer.newPage();
  await signInThroughUi(newcomerPage, email, password);
  await newcomerPage.goto('/settings');
  await expect(newcomerPage.getByRole('heading', { name: 'Settings' })).toBeVisible();

  await adminPage.getByRole('button', { name: `Disable ${email}` }).click();
  await expect(adminPage.getByTestId(`user-${email}`)).toContainText('disabled');
  await newcomerPage.goto('/settings');
  await expect(newcomerPage).toHaveURL(/\/signin/);
  await newcomer.close();
});

test('an admin resets a password; the new one is shown once and works', async ({ browser, admin, pageAs }) => {
  const target = await createTestUser();
  const adminPage = await pageAs(admin);
  await adminPage.goto('/admin/users');
  await adminPage.getByRole('button', { name: `Reset password of ${target.email}` }).click();
  await adminPage.getByRole('button', { name: 'Reset and sign them out everywhere' }).click();
  const secret = adminPage.getByTestId('one-time-secret');
  await expect(secret).toBeVisible();
  const password = (await secret.textContent())?.trim() ?? '';
  expect(password).not.toBe(PASSWORD);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughUi(page, target.email, password);
  await expect(page).toHaveURL(/\/projects$/);
  await adminPage.reload();
  await expect(adminPage.getByTestId('one-time-secret')).toHaveCount(0);
  await context.close();
});

test('a lead adds a member, changes their role and removes them; errors show inline', async ({ project, lead, pageAs }) => {
  const newcomer = await createTestUser({ name: 'Mo Member' });
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}/members`);
  const form = page.getByRole('form', { name: 'Add a member' });

  await form.getByLabel('Email').fill('nobody-here@example.test');
  await form.getByRole('button', { name: 'Add member' }).click();
  await expect(form.getByRole('alert')).toContainText('No account uses nobody-here@example.test');
  await expect(form.getByLabel('Email')).toHaveValue('nobody-here@example.test');

  await form.getByLabel('Email').fill(newcomer.email.toUpperCase());
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Add member' }).click();
  await expect(form.getByRole('status')).toContainText(`${newcomer.email} is now a viewer`);
  const row = page.getByTestId(`member-${newcomer.email}`);
  await expect(row).toContainText('Mo Member');

  const memberPage = await pageAs(newcomer);
  const opened = await memberPage.goto(`/projects/${project.id}`);
  expect(opened?.status()).toBe(200);
  await expect(memberPage.getByRole('heading', { name: 'Articles' })).toBeVisible();

  await row.getByRole('combobox', { name: `Role of ${newcomer.email}` }).selectOption('reviewer');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId(`member-${newcomer.email}`).getByRole('combobox', { name: `Role of ${newcomer.email}` })).toHaveValue('reviewer');

  const leadRow = page.getByTestId(`member-${lead.email}`);
  await leadRow.getByRole('combobox', { name: `Role of ${lead.email}` }).selectOption('viewer');
  await leadRow.getByRole('button', { name: 'Save' }).click();
  await expect(leadRow.getByRole('alert')).toContainText('A project needs at least one lead');

  await page.getByRole('button', { name: `Remove ${newcomer.email}` }).click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByTestId(`member-${newcomer.email}`)).toHaveCount(0);
  const after = await memberPage.goto(`/projects/${project.id}`);
  expect(after?.status()).toBe(404);
});

test('a reviewer sees members but cannot manage them', async ({ project, lead, reviewer, pageAs }) => {
  const page = await pageAs(reviewer);
  await page.goto(`/projects/${project.id}/members`);
  await expect(page.getByTestId(`member-${lead.email}`)).toContainText('lead');
  await expect(page.getByTestId(`member-${reviewer.email}`)).toContainText('reviewer');
  await expect(page.getByRole('form', { name: 'Add a member' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
});

test('unknown metadata shows as Untitled and a dash; a lead fills it in', async ({ project, lead, reviewer, pageAs }) => {
  const article = await createTestArticle(project, { title: '', body: 'A statement with no stated title.\n\nSecond paragraph.' });
  const page = await pageAs(lead);
  await page.goto(`/projects/${project.id}`);
  const row = page.getByRole('table', { name: 'Articles' }).locator('tbody tr').first();
  await expect(row.getByRole('link', { name: 'Untitled', exact: true })).toBeVisible();
  await expect(row.locator('td').nth(1)).toHaveText('—');
  await expect(row.locator('td').nth(2)).toHaveText('—');

  await row.getByRole('link', { name: /Edit details/ }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${article.id}/details$`));
  const form = page.getByRole('form', { name: 'Article details' });
  await form.getByLabel('URL').fill('not a url');
  await form.getByLabel('URL').evaluate((el) => el.setAttribute('type', 'text'));
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form.getByRole('alert')).toContainText('url: must be an http(s) address');

  await form.getByLabel('Title').fill('Zelenskyy rules out recognition');
  await form.getByLabel('Outlet').fill('Ukrinform');
  await form.getByLabel('Published').fill('2025-04-25');
  await form.getByLabel('URL').fill('https://example.test/article');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form.getByRole('status')).toHaveText('Details saved.');
  await page.goto(`/projects/${project.id}`);
  await expect(row.getByRole('link', { name: 'Zelenskyy rules out recognition', exact: true })).toBeVisible();
  await expect(row.locator('td').nth(1)).toHaveText('Ukrinform');
  await expect(row.locator('td').nth(2)).toHaveText('25 Apr 2025');

  const reviewerPage = await pageAs(reviewer);
  await reviewerPage.goto(`/projects/${project.id}/articles/${article.id}/details`);
  await expect(reviewerPage.getByRole('form', { name: 'Article details' })).toHaveCount(0);
  await expect(reviewerPage.getByText('Only project leads can change these details.')).toBeVisible();
});

test('a token created in settings works as a bearer token until it is revoked', async ({ project, viewer, request, pageAs }) => {
  const page = await pageAs(viewer);
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Create a token' });
  await form.getByLabel('Token name').fill('nightly export');
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = (await form.getByTestId('one-time-secret').textContent())?.trim() ?? '';
  expect(token).toMatch(/^fcw_/);
  const row = page.getByTestId('token-nightly export');
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText('never');

  const headers = { Authorization: `Bearer ${token}` };
  const ok = await request.get('/api/projects', { headers });
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.projects.map((p: { slug: string }) => p.slug)).toEqual([project.slug]);

  await page.reload();
  await expect(page.getByTestId('one-time-secret')).toHaveCount(0);
  await expect(page.getByTestId('token-nightly export')).not.toContainText('never');
  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('token-nightly export')).toContainText('revoked');
  const refused = await request.get('/api/projects', { headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('unauthenticated');
});

test('an admin creates a project and lands on it as lead; another admin joins it', async ({ admin, pageAs }) => {
  const page = await pageAs(admin);
  await page.goto('/projects');
  const form = page.getByRole('form', { name: 'New project' });
  const name = `Ceasefire claims ${unique('c')}`;
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/projects\/\d+$/);
  await expect(page.getByRole('navigation', { name: 'Project' })).toBeVisible();
  await expect(page.getByText(name).first()).toBeVisible();
  await expect(page.getByText('No articles yet.')).toBeVisible();

  await page.goto('/projects');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(form.getByRole('alert')).toContainText('already exists');

  const second = await createTestUser({ admin: true });
  const secondPage = await pageAs(second);
  await secondPage.goto('/projects');
  await secondPage.getByRole('form', { name: `Join ${name}` }).getByRole('button', { name: 'Join as lead' }).click();
  await expect(secondPage).toHaveURL(/\/members$/);
  await expect(secondPage.getByTestId(`member-${second.email}`)).toContainText('(you)');
});
