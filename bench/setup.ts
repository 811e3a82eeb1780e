/**
 * Sets up a benchmark world on DATA_DIR through lib/data (the same code the app runs): one
 * project, two articles, `reviewers` reviewers with API tokens. Must run after the server
 * has created and migrated the database.
 */
import { SYSTEM } from '../lib/data/actor';
import { createUser } from '../lib/data/users';
import { createProject, setMember } from '../lib/data/projects';
import { importArticle } from '../lib/data/articles';
import { createToken } from '../lib/data/tokens';
import { closeDb } from '../lib/db/client';
import { articleText } from './harness';

export interface BenchWorld {
  projectId: number;
  articleId: number;
  otherArticleId: number;
  articleLength: number;
  reviewers: Array<{ id: number; token: string }>;
}

export async function setupWorld(dataDir: string, reviewers: number): Promise<BenchWorld> {
  process.env.DATA_DIR = dataDir;
  const tag = Math.random().toString(36).slice(2, 8);
  const project = await createProject({ actor: SYSTEM, input: { name: `Bench ${tag}`, slug: `bench-${tag}` } });
  const bodyA = articleText(120, 'A');
  const a = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Bench article', body: bodyA } });
  const b = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Other article', body: articleText(60, 'B') } });
  const people: BenchWorld['reviewers'] = [];
  for (let i = 0; i < reviewers; i++) {
    const { user } = await createUser({ actor: SYSTEM, input: { email: `bench-${tag}-${i}@example.test`, name: `Reviewer ${i}`, password: 'bench password 123' } });
    await setMember({ actor: SYSTEM, projectId: project.id, input: { userId: user.id, role: 'reviewer' } });
    people.push({ id: user.id, token: (await createToken({ actor: SYSTEM, input: { name: 'bench', userId: user.id } })).token });
  }
  await closeDb();
  return { projectId: project.id, articleId: a.id, otherArticleId: b.id, articleLength: a.length, reviewers: people };
}
