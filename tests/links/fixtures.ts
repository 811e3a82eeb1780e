/**
 * Test data for linking: articles imported through lib/data and annotations inserted straight
 * into the annotations table (the annotate feature has its own tests), with a valid span.
 */
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { annotations, articles, type Label } from '@/lib/db/tables';
import { importArticle } from '@/lib/data/articles';
import { SYSTEM } from '@/lib/data/actor';
import { quoteSelector } from '@/lib/anchoring/quote';
import { exec, first } from '@/lib/db/query';

export async function makeArticle(projectId: number, body: string, outlet: string) {
  return await importArticle({ actor: SYSTEM, projectId, input: { title: `${outlet} story`, body, outlet } });
}

/** Annotates the first occurrence of `exact` in the article as `authorId`. */
export async function annotate(articleId: number, authorId: number, exact: string, label: Label = 'claim', note = '') {
  const db = getDb();
  const article = (await first(db.select().from(articles).where(eq(articles.id, articleId))))!;
  const start = article.body.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" is not in article ${articleId}`);
  const end = start + exact.length;
  return await first(db
    .insert(annotations)
    .values({ projectId: article.projectId, articleId, authorId, label, start, end, note, ...quoteSelector(article.body, start, end) })
    .returning());
}

/** Marks an annotation deleted, as the annotate feature's delete does (without touching links). */
export async function markDeleted(annotationId: number) {
  await exec(getDb().update(annotations).set({ deletedAt: new Date() }).where(eq(annotations.id, annotationId)));
}
