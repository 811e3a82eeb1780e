/**
 * Test data for Playwright, written through lib/data as the trusted SYSTEM actor on the same
 * SQLite file the server under test uses (E2E_DATA_DIR; the server was started on it by
 * playwright.config.ts). Every builder makes new rows with unique emails and slugs, so a test
 * (or its retry) never meets rows another test or attempt made.
 */
import fs from 'node:fs';

process.env.DATA_DIR = process.env.E2E_DATA_DIR;

import { SYSTEM } from '@/lib/data/actor';
import { createUser } from '@/lib/data/users';
import { createProject, setMember } from '@/lib/data/projects';
import { importArticle, type ArticleMeta, type ImportArticleInput } from '@/lib/data/articles';
import { createAnnotation } from '@/lib/data/annotations';
import { normalizeArticleText } from '@/lib/anchoring/normalize';
import { seedFiles } from '@/seeds/load';
import { statedMetadata } from '@/seeds/metadata';
import type { Label, Role } from '@/lib/domain';

/** The password of every user these builders make. */
export const PASSWORD = 'e2e password 123';

export interface TestUser {
  id: number;
  email: string;
  name: string;
}

export type TestProject = { id: number; slug: string; name: string };

let counter = 0;
/** A name no other test, worker or earlier run has used: time, process, counter and noise. */
export function unique(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${process.pid.toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

/** A new user with PASSWORD; a site admin when `admin`. */
export async function createTestUser(opts: { name?: string; admin?: boolean } = {}): Promise<TestUser> {
  const email = `${unique('u')}@example.test`;
  const { user } = await createUser({
    actor: SYSTEM,
    input: { email, name: opts.name ?? email.split('@')[0], password: PASSWORD, isAdmin: opts.admin ?? false },
  });
  return { id: user.id, email: user.email, name: user.name };
}

/** A new project with no members (SYSTEM creates it, so nobody becomes its lead by default). */
export async function createTestProject(name = unique('Project')): Promise<TestProject> {
  const project = await createProject({ actor: SYSTEM, input: { name, slug: unique('p').toLowerCase() } });
  return { id: project.id, slug: project.slug, name: project.name };
}

/** Gives `user` a role in a project (adds them, or changes the role they have). */
/** A new project with these members, for a test that needs people the fixtures do not give. */
export async function createProjectWith(members: Array<[TestUser, Role]>): Promise<TestProject> {
  const project = await createTestProject();
  for (const [user, role] of members) await addMember(project, user, role);
  return project;
}

export async function addMember(project: { id: number }, user: TestUser, role: Role): Promise<void> {
  await setMember({ actor: SYSTEM, projectId: project.id, input: { userId: user.id, role } });
}

/** Imports an article into a project as the operator would. */
export async function createTestArticle(project: { id: number }, input: ImportArticleInput): Promise<ArticleMeta> {
  return await importArticle({ actor: SYSTEM, projectId: project.id, input });
}

/** The seed texts (seeds/*.txt, in file order) as the offsets contract stores them. */
export function seedTexts(): string[] {
  return seedFiles().map((file) => normalizeArticleText(fs.readFileSync(file, 'utf8')));
}

/**
 * A copy of seed text `index` (0-4) in `project`, with the title and outlet the text states:
 * real article text to tag without touching the shared seed project.
 */
export async function createSeedCopy(project: { id: number }, index: number): Promise<ArticleMeta & { body: string }> {
  const body = seedTexts()[index];
  const meta = statedMetadata(body);
  const article = await createTestArticle(project, { body, title: meta.title ?? `Seed ${index}`, outlet: meta.outlet, publishedAt: meta.publishedAt });
  return { ...article, body };
}

/** Copies of several seed texts, made one after another so their ids follow `indexes`. */
export async function createSeedCopies(project: { id: number }, indexes: number[]): Promise<Array<ArticleMeta & { body: string }>> {
  const copies: Array<ArticleMeta & { body: string }> = [];
  for (const index of indexes) copies.push(await createSeedCopy(project, index));
  return copies;
}

/** Tags the first occurrence of `text` in `body` as `user` (through lib/data, not the reader). */
export async function tagText(user: TestUser, article: { id: number }, body: string, label: Label, text: string, note?: string) {
  const start = body.indexOf(text);
  if (start < 0) throw new Error(`not in the article: ${text}`);
  return await createAnnotation({ actor: { userId: user.id }, articleId: article.id, input: { label, start, end: start + text.length, exact: text, note } });
}
