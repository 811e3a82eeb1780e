/**
 * Loads the seed corpus (seeds/*.txt) into a PostgreSQL test database through drizzle and the
 * pg-core schema, as the converted importer will: articles (their counters and revision 1 come
 * from the triggers), their sentences (lib/search/sentences.ts), and a few annotations.
 */
import fs from 'node:fs';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '@/lib/db/pg/schema';
import { normalizeArticleText, sha256Hex } from '@/lib/anchoring/normalize';
import { splitSentences } from '@/lib/search/sentences';
import { seedFiles } from '@/seeds/load';
import { statedMetadata } from '@/seeds/metadata';

export async function loadSeedCorpus(client: pg.Client): Promise<{ projectId: number; userId: number; articleIds: number[] }> {
  const db = drizzle({ client, schema });
  const [user] = await db.insert(schema.users).values({ email: 'seed@example.org', name: 'Seed', passwordHash: 'x' }).returning();
  const [project] = await db.insert(schema.projects).values({ slug: 'seeds', name: 'Seeds', createdBy: user.id }).returning();
  const articleIds: number[] = [];
  for (const file of seedFiles()) {
    const body = normalizeArticleText(fs.readFileSync(file, 'utf8'));
    const meta = statedMetadata(body);
    const [article] = await db
      .insert(schema.articles)
      .values({ projectId: project.id, body, sha256: sha256Hex(body), title: meta.title ?? '', outlet: meta.outlet, publishedAt: meta.publishedAt, importedBy: user.id })
      .returning();
    const sentences = splitSentences(body);
    await db.insert(schema.articleSentences).values(sentences.map((s) => ({ articleId: article.id, projectId: project.id, start: s.start, end: s.end, text: s.text })));
    await db.insert(schema.articleSearchState).values({ articleId: article.id, sha256: article.sha256, sentenceCount: sentences.length });
    const first = sentences[0];
    await db.insert(schema.annotations).values({
      projectId: project.id,
      articleId: article.id,
      authorId: user.id,
      label: 'quote',
      start: first.start,
      end: first.end,
      exact: first.text,
      attributes: { speaker: 'Volodymyr Zelenskyy', quoteKind: 'direct' },
    });
    articleIds.push(article.id);
  }
  return { projectId: project.id, userId: user.id, articleIds };
}
