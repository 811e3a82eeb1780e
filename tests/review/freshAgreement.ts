/**
 * Agreement worked out from scratch, the way the app did before any cache: the live spans of
 * the project's live articles, scored pair by pair with the character-array measures. The
 * cache tests compare the app's cached figures with this after every write.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { annotations, articles } from '@/lib/db/tables';
import { f1, kappa, spanScores, type SpanScores } from '@/lib/metrics/agreement';
import type { Label } from '@/lib/domain';
import { all } from '@/lib/db/query';

export type Span = { id: number; articleId: number; authorId: number; label: Label; start: number; end: number };
/** [article, reviewer a, reviewer b (a < b), exact F1, overlap F1, kappa]. */
export type AgreementRow = [number, number, number, number | null, number | null, number | null];

export async function freshAgreement(projectId: number) {
  const db = getDb();
  const spans: Span[] = await all(db
    .select({ id: annotations.id, articleId: annotations.articleId, authorId: annotations.authorId, label: annotations.label, start: annotations.start, end: annotations.end })
    .from(annotations)
    .where(and(eq(annotations.projectId, projectId), isNull(annotations.deletedAt)))
    .orderBy(asc(annotations.articleId), asc(annotations.start), asc(annotations.id)));
  const bodies = await all(db.select({ id: articles.id, body: articles.body }).from(articles).where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt))).orderBy(asc(articles.id)));
  /** Each pair's scores per shared article, keyed `${a}-${b}`. */
  const perPair = new Map<string, SpanScores[]>();
  const rows: AgreementRow[] = [];
  const reviewers = new Set<number>();
  for (const { id, body } of bodies) {
    const here = spans.filter((s) => s.articleId === id);
    const who = [...new Set(here.map((s) => s.authorId))].sort((x, y) => x - y);
    who.forEach((a, i) => {
      reviewers.add(a);
      who.slice(i + 1).forEach((b) => {
        const scores = spanScores(here.filter((s) => s.authorId === a), here.filter((s) => s.authorId === b), body.length);
        perPair.set(`${a}-${b}`, [...(perPair.get(`${a}-${b}`) ?? []), scores]);
        rows.push([id, a, b, f1(scores.exact), f1(scores.overlap), kappa(scores.confusion)]);
      });
    });
  }
  return { spans, rows, perPair, reviewers: [...reviewers].sort((x, y) => x - y) };
}
