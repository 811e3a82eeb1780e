/**
 * The Playwright `test` every spec imports. Each test gets its own data, made fresh when the
 * test (or its retry) asks for it, so no test sees another's rows and none touches the shared
 * seed project:
 *
 *   project                     a new, empty project
 *   lead, reviewer,             people with that role in `project` (made only when a test
 *   otherReviewer, viewer       names them)
 *   admin                       a site admin with no project
 *   article                     a copy of the first seed text in `project`
 *   pageAs(user)                a page signed in as `user` (own browser context, closed after
 *                               the test; each user signs in once per test)
 *
 * Anything else (more articles, people with other names, annotations) comes from the builders
 * in ./support/data, called inside the test. See e2e/README.md.
 */
import { test as base, expect } from '@playwright/test';
import type { ArticleMeta } from '@/lib/data/articles';
import type { Role } from '@/lib/domain';
import { addMember, createSeedCopy, createTestProject, createTestUser, type TestProject, type TestUser } from './support/data';
import { sessionPages, type SessionPages } from './support/session';

interface Fixtures {
  project: TestProject;
  lead: TestUser;
  reviewer: TestUser;
  otherReviewer: TestUser;
  viewer: TestUser;
  admin: TestUser;
  article: ArticleMeta & { body: string };
  pageAs: SessionPages;
}

/** A fixture for a new member of the test's project with `role`, named `name`. */
function member(name: string, role: Role) {
  return async ({ project }: { project: TestProject }, use: (u: TestUser) => Promise<void>) => {
    const user = await createTestUser({ name });
    await addMember(project, user, role);
    await use(user);
  };
}

export const test = base.extend<Fixtures>({
  // Playwright reads the fixture's first argument as an object pattern; this one needs none.
  // eslint-disable-next-line no-empty-pattern
  project: async ({}, use) => use(await createTestProject()),
  lead: member('Lena Lead', 'lead'),
  reviewer: member('Rae Reviewer', 'reviewer'),
  otherReviewer: member('Otto Reviewer', 'reviewer'),
  viewer: member('Vic Viewer', 'viewer'),
  // eslint-disable-next-line no-empty-pattern
  admin: async ({}, use) => use(await createTestUser({ name: 'Sam Admin', admin: true })),
  article: async ({ project }, use) => use(await createSeedCopy(project, 0)),
  pageAs: async ({ browser, baseURL }, use) => {
    const pages = sessionPages((storageState) => browser.newContext({ storageState }), baseURL!);
    await use(pages.open);
    await pages.closeAll();
  },
});

export { expect };
export * from './support/data';
export { signInThroughUi } from './support/session';
export { Reader } from './support/reader';
export { LinkPicker } from './support/linkPicker';
export { ReviewQueue } from './support/reviewQueue';
