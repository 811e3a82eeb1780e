/**
 * Creating the annotation of a sentence that is linked from the picker, inside the caller's
 * transaction. The span is checked with the same rules as any annotation (lib/anchoring/span):
 * inside the body, not splitting a character, and `exact` equal to the body slice.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/client';
import { annotations, articles, LABELS } from '../db/tables';
import { AppError, notFound } from '../errors';
import { checkSpan } from '../anchoring/span';
import { quoteSelector } from '../anchoring/quote';
import { actorId, type Actor } from './actor';
import { recordEvent } from './events';
import { first } from '../db/query';

export const sentenceTargetSchema = z.strictObject({
  articleId: z.number({ message: 'must be the id of an article' }).int().positive(),
  start: z.number({ message: 'must be a UTF-16 offset' }).int('must be a whole number'),
  end: z.number({ message: 'must be a UTF-16 offset' }).int('must be a whole number'),
  exact: z.string({ message: 'must be the text of the sentence' }).min(1, 'must not be empty'),
  label: z.enum(LABELS, { message: 'must be "claim", "quote" or "context"' }),
});
export type SentenceTarget = z.output<typeof sentenceTargetSchema>;

type AnnotationRow = typeof annotations.$inferSelect;

/** An identical live annotation (same article, span and label), if someone already made it. */
async function identical(tx: Tx, target: SentenceTarget): Promise<AnnotationRow | undefined> {
  return await first(tx
    .select()
    .from(annotations)
    .where(
      and(
        eq(annotations.articleId, target.articleId),
        eq(annotations.start, target.start),
        eq(annotations.end, target.end),
        eq(annotations.label, target.label),
        isNull(annotations.deletedAt),
      ),
    ));
}

/**
 * Returns the annotation for `target` in project `projectId`: an identical live one, or a new
 * one authored by the actor. 404 when the article is not in the project; 400/422 for a bad span.
 */
export async function insertSentenceAnnotation(tx: Tx, actor: Actor, projectId: number, target: SentenceTarget): Promise<AnnotationRow> {
  const article = await first(tx.select().from(articles).where(eq(articles.id, target.articleId)));
  if (!article || article.projectId !== projectId) throw notFound(`Article ${target.articleId}`);
  const problem = checkSpan(article.body, target);
  if (problem) throw new AppError(problem.status === 400 ? 'bad_request' : 'unprocessable', `sentence: ${problem.message}`);
  const existing = await identical(tx, target);
  if (existing) return existing;
  const authorId = actorId(actor);
  if (authorId === null) throw new AppError('forbidden', 'Annotations are made by a person: sign in first.');
  const selector = quoteSelector(article.body, target.start, target.end);
  const row = await first(tx
    .insert(annotations)
    .values({ projectId, articleId: article.id, authorId, label: target.label, start: target.start, end: target.end, ...selector })
    .returning());
  await recordEvent(tx, { projectId, actorId: authorId, action: 'annotation.create', entityType: 'annotation', entityId: row.id, after: row });
  return row;
}
