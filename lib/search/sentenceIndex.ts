/**
 * The lazily built sentence index. Article import belongs to lib/data/articles.ts, so instead
 * of hooking into it, searches first make sure every article of the project has its sentences
 * in article_sentences (and, through a trigger, in search_fts). An article is (re)indexed when
 * it has no index state yet or its sha256 changed.
 */
import { eq, sql } from 'drizzle-orm';
import { getDb, writeTransaction, type Db, type Tx } from '../db/client';
import { articles } from '../db/schema';
import { splitSentences } from './sentences';

interface StaleArticle {
  id: number;
  projectId: number;
  sha256: string;
}

/** Articles of a project whose sentences are missing or out of date. */
function staleArticles(db: Db | Tx, projectId: number): StaleArticle[] {
  return db.all<StaleArticle>(sql`
    select a.id as id, a.project_id as projectId, a.sha256 as sha256
    from articles a left join article_search_state s on s.article_id = a.id
    where a.project_id = ${projectId} and (s.article_id is null or s.sha256 <> a.sha256)`);
}

/** Replaces one article's sentences inside `tx`. */
function indexArticle(tx: Tx, stale: StaleArticle): void {
  const article = tx.select({ body: articles.body }).from(articles).where(eq(articles.id, stale.id)).get();
  if (!article) return;
  tx.run(sql`delete from article_sentences where article_id = ${stale.id}`);
  const sentences = splitSentences(article.body);
  for (const s of sentences) {
    tx.run(sql`insert into article_sentences (article_id, project_id, start, "end", text)
      values (${stale.id}, ${stale.projectId}, ${s.start}, ${s.end}, ${s.text})`);
  }
  tx.run(sql`insert into article_search_state (article_id, sha256, sentence_count) values (${stale.id}, ${stale.sha256}, ${sentences.length})
    on conflict(article_id) do update set sha256 = excluded.sha256, sentence_count = excluded.sentence_count,
    indexed_at = cast(unixepoch('subsec') * 1000 as integer)`);
}

/**
 * Indexes the sentences of every article of `projectId` not indexed yet. Cheap when nothing
 * is stale (one read); otherwise one write transaction for the whole project.
 */
export function ensureSentenceIndex(projectId: number): void {
  if (staleArticles(getDb(), projectId).length === 0) return;
  writeTransaction((tx) => {
    for (const stale of staleArticles(tx, projectId)) indexArticle(tx, stale);
  });
}
