/**
 * Statements of given articles in reading order, for a search that names only an outlet
 * ("UNN"): live annotations and sentences merged as in ranked search, score 0.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Label } from '../db/schema';
import { mergeHits, type SpanAnnotation, type StatementHit } from './merge';

interface SentenceRow {
  articleId: number;
  outlet: string | null;
  title: string;
  start: number;
  end: number;
  text: string;
}

function idList(ids: number[]) {
  return sql.join(ids.map((id) => sql`${id}`), sql`, `);
}

/** Every statement of `articleIds` (annotated sentences once, as their annotation), in order. */
export function statementsOfArticles(db: Db | Tx, articleIds: number[], limit: number): StatementHit[] {
  if (articleIds.length === 0) return [];
  const sentences = db.all<SentenceRow>(sql`
    select s.article_id as articleId, ar.outlet as outlet, ar.title as title, s.start as start, s."end" as "end", s.text as text
    from article_sentences s join articles ar on ar.id = s.article_id
    where s.article_id in (${idList(articleIds)}) order by s.article_id, s.start`);
  const annotated = db.all<SpanAnnotation & { label: Label }>(sql`
    select id, article_id as articleId, start, "end" as "end", exact, label from annotations
    where deleted_at is null and article_id in (${idList(articleIds)})`);
  const hits: StatementHit[] = sentences.map((s) => ({
    kind: 'sentence', articleId: s.articleId, outlet: s.outlet, title: s.title, start: s.start, end: s.end, exact: s.text, score: 0,
  }));
  return mergeHits(hits, annotated).slice(0, limit);
}
