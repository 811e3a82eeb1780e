/**
 * Test data for Playwright: users, projects and articles are made directly through lib/data on
 * the same SQLite file the server under test uses (E2E_DATA_DIR), then each user signs in
 * through the real sign-in page once and the session is stored for reuse.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

process.env.DATA_DIR = process.env.E2E_DATA_DIR;

import { SYSTEM } from '@/lib/data/actor';
import { createUser } from '@/lib/data/users';
import { createProject, setMember, resolveProjectId } from '@/lib/data/projects';
import { importArticle } from '@/lib/data/articles';
import type { Role } from '@/lib/db/schema';

export const PASSWORD = 'e2e password 123';
export const SEED_PROJECT_SLUG = 'zelenskyy-territories';
const stateDir = path.resolve(`test-results/e2e-sessions-${process.env.E2E_PORT || 3100}`);

export interface TestUser {
  id: number;
  email: string;
  name: string;
}

let counter = 0;
function unique(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates a user (and optionally adds them to a project with a role). */
export async function makeUser(opts: { name?: string; admin?: boolean; project?: number | string; role?: Role } = {}): Promise<TestUser> {
  const email = `${unique('u')}@example.test`;
  const { user } = await createUser({
    actor: SYSTEM,
    input: { email, name: opts.name ?? email.split('@')[0], password: PASSWORD, isAdmin: opts.admin ?? false },
  });
  if (opts.project !== undefined) {
    const projectId = typeof opts.project === 'number' ? opts.project : resolveProjectId(opts.project);
    setMember({ actor: SYSTEM, projectId, input: { userId: user.id, role: opts.role ?? 'reviewer' } });
  }
  return { id: user.id, email: user.email, name: user.name };
}

/** A fresh project with the given members. */
export function makeProject(members: Array<[TestUser, Role]>, name = unique('Project')) {
  const project = createProject({ actor: SYSTEM, input: { name, slug: unique('p').toLowerCase() } });
  for (const [user, role] of members) setMember({ actor: SYSTEM, projectId: project.id, input: { userId: user.id, role } });
  return project;
}

export function makeArticle(projectId: number, input: { title: string; body: string; outlet?: string }) {
  return importArticle({ actor: SYSTEM, projectId, input });
}

export function seedProjectId(): number {
  return resolveProjectId(SEED_PROJECT_SLUG);
}

/** Signs in through the sign-in page. */
export async function signInThroughUi(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** A browser context signed in as `user`, reusing the stored session after the first sign-in. */
export async function contextFor(browser: Browser, user: TestUser): Promise<BrowserContext> {
  fs.mkdirSync(stateDir, { recursive: true });
  const file = path.join(stateDir, `${user.id}.json`);
  if (fs.existsSync(file)) return browser.newContext({ storageState: file });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughUi(page, user.email);
  await context.storageState({ path: file });
  await page.close();
  return context;
}

/** A page signed in as `user`. */
export async function pageFor(browser: Browser, user: TestUser): Promise<Page> {
  const context = await contextFor(browser, user);
  return context.newPage();
}

export const test = base;
export { expect };
