/**
 * The sentence index behind link suggestions: every article's sentences in article_sentences
 * (and, through a trigger, in search_fts). It is written where articles are written, in the
 * same transaction as the article, so reading suggestions never writes. Articles stored
 * before that (an older database, a restored backup) are indexed once when the server starts.
 */
import { sql } from 'drizzle-orm';
import { getDb, writeTransaction, type Db, type Tx } from '../db/client';
import { splitSentences } from '../search/sentences';

/** What indexing needs of an article row. */
export interface IndexedArticle {
  id: number;
  projectId: number;
  body: string;
  sha256: string;
}

/** (Re)places one article's sentences and index state inside `tx`. */
export function indexArticleSentences(tx: Tx, article: IndexedArticle): void {
  tx.run(sql`delete from article_sentences where article_id = ${article.id}`);
  const sentences = splitSentences(article.body);
  for (const s of sentences) {
    tx.run(sql`insert into article_sentences (article_id, project_id, start, "end", text)
      values (${article.id}, ${article.projectId}, ${s.start}, ${s.end}, ${s.text})`);
  }
  tx.run(sql`insert into article_search_state (article_id, sha256, sentence_count) values (${article.id}, ${article.sha256}, ${sentences.length})
    on conflict(article_id) do update set sha256 = excluded.sha256, sentence_count = excluded.sentence_count,
    indexed_at = cast(unixepoch('subsec') * 1000 as integer)`);
}

/** Articles whose sentences are missing or out of date (no index state, or another sha256). */
function unindexedArticles(db: Db | Tx): Array<Omit<IndexedArticle, 'body'>> {
  return db.all<Omit<IndexedArticle, 'body'>>(sql`
    select a.id as id, a.project_id as projectId, a.sha256 as sha256
    from articles a left join article_search_state s on s.article_id = a.id
    where s.article_id is null or s.sha256 <> a.sha256`);
}

/**
 * Indexes every article not indexed yet, in one write transaction; returns how many. Cheap
 * when there is none (one read), which is every start but the first after an upgrade.
 */
export function indexUnindexedArticles(): number {
  if (unindexedArticles(getDb()).length === 0) return 0;
  return writeTransaction((tx) => {
    const stale = unindexedArticles(tx);
    for (const article of stale) {
      // One body at a time: an old database may hold many large articles.
      const { body } = tx.get<{ body: string }>(sql`select body from articles where id = ${article.id}`)!;
      indexArticleSentences(tx, { ...article, body });
    }
    return stale.length;
  });
}
