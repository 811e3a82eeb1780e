/**
 * Annotations and links for the review tests, written straight into the test database (the
 * annotate and link features have their own tests; here they are only the things reviewed).
 */
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { annotations, articles, links, type Label, type Relation } from '@/lib/db/tables';
import { importArticle } from '@/lib/data/articles';
import { SYSTEM } from '@/lib/data/actor';
import { exec, first } from '@/lib/db/query';

export const BODY =
  'Ukraine will not legally recognize any temporarily occupied territories as Russian, Zelenskyy said on Friday. ' +
  'He added that the constitution forbids it. Officials in Washington declined to comment.';

export async function makeArticle(projectId: number, body = BODY, title = 'Zelenskyy rules out recognition') {
  return await importArticle({ actor: SYSTEM, projectId, input: { title, body, outlet: 'Test Wire' } });
}

/** Inserts a live annotation of `text` (its first occurrence) in the article. */
export async function tag(article: { id: number; projectId: number }, authorId: number, label: Label, text: string) {
  const body = (await first(getDb().select().from(articles).where(eq(articles.id, article.id))))!.body;
  const start = body.indexOf(text);
  if (start < 0) throw new Error(`"${text}" is not in the article`);
  return await first(getDb()
    .insert(annotations)
    .values({ projectId: article.projectId, articleId: article.id, authorId, label, start, end: start + text.length, exact: text })
    .returning());
}

/** Inserts a live link between two annotations (stored with the smaller id first). */
export async function link(projectId: number, authorId: number, x: number, y: number, relation: Relation = 'corroborates') {
  return await first(getDb()
    .insert(links)
    .values({ projectId, authorId, fromAnnotationId: Math.min(x, y), toAnnotationId: Math.max(x, y), relation })
    .returning());
}

export async function tombstone(annotationId: number) {
  await exec(getDb().update(annotations).set({ deletedAt: new Date() }).where(eq(annotations.id, annotationId)));
}

export async function bumpVersion(annotationId: number) {
  const row = (await first(getDb().select().from(annotations).where(eq(annotations.id, annotationId))))!;
  await exec(getDb().update(annotations).set({ version: row.version + 1 }).where(eq(annotations.id, annotationId)));
}

export async function statusOf(annotationId: number) {
  return (await first(getDb().select().from(annotations).where(eq(annotations.id, annotationId))))!.status;
}

