/** The outlet of many articles at once (a lead fills in the source the imports did not state). */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, writeTransaction } from '../db/client';
import { articles } from '../db/tables';
import { badRequest, notFound } from '../errors';
import { parseInput } from '../validation';
import { actorId, projectAccess, type Actor } from './actor';
import { recordEvent } from './events';
import { all, exec } from '../db/query';

const MAX_ARTICLES = 500;

const setOutletSchema = z.strictObject({
  articleIds: z
    .array(z.number().int().positive(), { message: 'must be a list of article ids' })
    .min(1, 'choose at least one article')
    .max(MAX_ARTICLES, `at most ${MAX_ARTICLES} articles at once`),
  // An empty outlet clears it (the article is then named by its URL or title).
  outlet: z.string({ message: 'is required' }).trim().max(200, 'must be at most 200 characters'),
});

/**
 * Sets (or, with "", clears) the outlet of `articleIds` in one project; leads only. All or
 * nothing: an id that is not an article of this project is a 404 and changes nothing. One
 * `article.update` event per article that changed, as an edit on its details page records.
 */
export async function setOutlet({ actor, projectId, input }: { actor: Actor; projectId: number; input: unknown }): Promise<{ updated: number; outlet: string | null }> {
  await projectAccess(getDb(), actor, projectId, 'article.edit');
  const data = parseInput(setOutletSchema, input);
  const ids = [...new Set(data.articleIds)];
  const outlet = data.outlet || null;
  return await writeTransaction(async (tx) => {
    await projectAccess(tx, actor, projectId, 'article.edit');
    const rows = await all(tx
      .select({ id: articles.id, outlet: articles.outlet })
      .from(articles)
      .where(and(eq(articles.projectId, projectId), inArray(articles.id, ids))));
    if (rows.length !== ids.length) {
      const known = new Set(rows.map((r) => r.id));
      const missing = ids.filter((id) => !known.has(id));
      throw missing.length === 1 ? notFound('Article') : badRequest(`Articles ${missing.join(', ')} are not in this project.`);
    }
    const changed = rows.filter((r) => r.outlet !== outlet);
    if (changed.length) {
      await exec(tx.update(articles).set({ outlet, updatedAt: new Date() }).where(inArray(articles.id, changed.map((r) => r.id))));
    }
    for (const row of changed) {
      await recordEvent(tx, {
        projectId, actorId: actorId(actor), action: 'article.update', entityType: 'article', entityId: row.id,
        before: { outlet: row.outlet }, after: { outlet },
      });
    }
    return { updated: changed.length, outlet };
  });
}
