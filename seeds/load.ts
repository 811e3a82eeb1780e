/**
 * Loads the seed corpus (the .txt files beside this one, verbatim copies of ../shared/seeds)
 * into the first project. Idempotent: an article already present (same sha256) is skipped,
 * and a second start adds nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { writeTransaction } from '../lib/db/client';
import { articles, memberships, projects } from '../lib/db/tables';
import { normalizeArticleText, sha256Hex } from '../lib/anchoring/normalize';
import { recordEvent } from '../lib/data/events';
import { scheduleSentenceIndex } from '../lib/data/sentenceIndex';
import { statedMetadata } from './metadata';
import { all, exec, first } from '../lib/db/query';

export const SEED_PROJECT = {
  slug: 'zelenskyy-territories',
  name: 'Zelenskyy on occupied territories',
  description: 'Five outlets report the same statement by Volodymyr Zelenskyy on not recognizing occupied territories as Russian.',
};

export function seedsFolder(): string {
  return path.join(/*turbopackIgnore: true*/ process.env.APP_ROOT || process.cwd(), 'seeds');
}

export function seedFiles(folder = seedsFolder()): string[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ folder)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(folder, f));
}

/** Creates the seed project (with `leadUserId` as lead) and imports the seed articles. */
export async function loadSeeds(leadUserId: number | null): Promise<{ projectId: number; added: number }> {
  const files = seedFiles().map((file) => normalizeArticleText(fs.readFileSync(file, 'utf8')));
  return await writeTransaction(async (tx) => {
    let project = await first(tx.select().from(projects).where(eq(projects.slug, SEED_PROJECT.slug)));
    if (!project) {
      project = await first(tx.insert(projects).values({ ...SEED_PROJECT, createdBy: leadUserId }).returning());
      if (leadUserId) await exec(tx.insert(memberships).values({ projectId: project.id, userId: leadUserId, role: 'lead' }));
      await recordEvent(tx, { projectId: project.id, actorId: null, action: 'project.create', entityType: 'project', entityId: project.id, after: project });
    }
    const known = new Set(
      (await all(tx.select({ sha: articles.sha256 }).from(articles).where(eq(articles.projectId, project.id)))).map((r) => r.sha),
    );
    let added = 0;
    for (const body of files) {
      const sha256 = sha256Hex(body);
      if (known.has(sha256)) continue;
      const meta = statedMetadata(body);
      const row = await first(tx
        .insert(articles)
        .values({ projectId: project.id, body, sha256, title: meta.title ?? '', outlet: meta.outlet, publishedAt: meta.publishedAt, importedBy: leadUserId })
        .returning({ id: articles.id }));
      scheduleSentenceIndex(project.id);
      await recordEvent(tx, { projectId: project.id, actorId: null, action: 'article.import', entityType: 'article', entityId: row.id, after: { sha256, ...meta } });
      known.add(sha256);
      added++;
    }
    return { projectId: project.id, added };
  });
}
