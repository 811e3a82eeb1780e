/**
 * The lazily built sentence index. Article import belongs to lib/data/articles.ts, so instead
 * of hooking into it, searches first make sure every article of the project has its sentences
 * in article_sentences (and, through a trigger, in search_fts). An article is (re)indexed when
 * it has no index state yet, its sha256 changed, or an earlier indexing did not finish.
 *
 * A 2 MB article has some 20,000 sentences: indexing it at once would hold the event loop (and
 * so every other request) for seconds. It is indexed in steps of about STEP_MS, each its own
 * write transaction, with the event loop free in between. While that runs, the article's state
 * row says sentence_count = IN_PROGRESS and the stored sentences are a prefix of its sentences;
 * each step appends those that start at or after the last one stored, so two indexers of one
 * article (two requests at once, or a retry after a crash) never store a sentence twice. A
 * search waits for the indexing only so long (ensureSentenceIndex's waitMs); the rest goes on
 * between other requests.
 */
import { eq, sql } from 'drizzle-orm';
import { getDb, getSqlite, writeTransaction, type Db, type Tx } from '../db/client';
import { preparedStatement } from '../db/prepared';
import { articles } from '../db/schema';
import { sentenceSlices, type Sentence } from './sentences';

/** sentence_count of an article whose indexing has started and not finished. */
const IN_PROGRESS = -1;
/** About how long one step may hold the event loop. */
const STEP_MS = 10;
/** Characters split (and their sentences stored) between two looks at the clock. */
const SLICE_CHARS = 1_024;

interface StaleArticle {
  id: number;
  projectId: number;
  sha256: string;
}

type Steps = Generator<Sentence[]>;

const insertSentence = preparedStatement('sentenceIndex.insert', () =>
  getSqlite().prepare('insert into article_sentences (article_id, project_id, start, "end", text) values (?, ?, ?, ?, ?)'),
);

/** Articles of a project whose sentences are missing, out of date or half done. */
function staleArticles(db: Db | Tx, projectId: number): StaleArticle[] {
  return db.all<StaleArticle>(sql`
    select a.id as id, a.project_id as projectId, a.sha256 as sha256
    from articles a left join article_search_state s on s.article_id = a.id
    where a.project_id = ${projectId} and (s.article_id is null or s.sha256 <> a.sha256 or s.sentence_count = ${IN_PROGRESS})`);
}

function indexState(tx: Tx, articleId: number) {
  return tx.get<{ sha256: string; count: number } | undefined>(
    sql`select sha256, sentence_count as count from article_search_state where article_id = ${articleId}`,
  );
}

/** Starts or resumes indexing `article` (dropping sentences of an older body); false when it is done already. */
function beginIndexing(tx: Tx, article: StaleArticle): boolean {
  const state = indexState(tx, article.id);
  if (state?.sha256 === article.sha256) return state.count === IN_PROGRESS;
  tx.run(sql`delete from article_sentences where article_id = ${article.id}`);
  tx.run(sql`insert into article_search_state (article_id, sha256, sentence_count) values (${article.id}, ${article.sha256}, ${IN_PROGRESS})
    on conflict(article_id) do update set sha256 = excluded.sha256, sentence_count = excluded.sentence_count`);
  return true;
}

/**
 * One step inside `tx`: appends the next sentences until `deadline`; at the end of the body,
 * marks the article indexed. True when nothing is left to do (finished here, by another
 * indexer, or superseded by a newer body).
 */
function indexStep(tx: Tx, article: StaleArticle, steps: Steps, deadline: number): boolean {
  const state = indexState(tx, article.id);
  if (state?.sha256 !== article.sha256 || state.count !== IN_PROGRESS) return true;
  const last = tx.get<{ end: number } | undefined>(
    sql`select "end" from article_sentences where article_id = ${article.id} order by start desc limit 1`,
  );
  const storedUpTo = last?.end ?? 0;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      tx.run(sql`update article_search_state set indexed_at = cast(unixepoch('subsec') * 1000 as integer),
        sentence_count = (select count(*) from article_sentences where article_id = ${article.id}) where article_id = ${article.id}`);
      return true;
    }
    for (const s of step.value) {
      if (s.start >= storedUpTo) insertSentence().run(article.id, article.projectId, s.start, s.end, s.text);
    }
    if (performance.now() >= deadline) return false;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Indexes one article in steps, letting other work run between them. */
async function indexArticle(article: StaleArticle): Promise<void> {
  if (!writeTransaction((tx) => beginIndexing(tx, article))) return;
  const row = getDb().select({ body: articles.body, sha256: articles.sha256 }).from(articles).where(eq(articles.id, article.id)).get();
  if (row?.sha256 !== article.sha256) return;
  const steps = sentenceSlices(row.body, SLICE_CHARS);
  while (!writeTransaction((tx) => indexStep(tx, article, steps, performance.now() + STEP_MS))) await nextTurn();
}

/** Indexings running in this process, by article id, so concurrent searches share one. */
const running = new Map<number, Promise<void>>();

function indexOnce(article: StaleArticle): Promise<void> {
  let job = running.get(article.id);
  if (!job) {
    job = indexArticle(article).finally(() => running.delete(article.id));
    running.set(article.id, job);
  }
  return job;
}

/**
 * Indexes the sentences of every article of `projectId` not indexed yet, waiting at most
 * `waitMs`: true when the index is complete, false when the indexing goes on after the wait
 * (a search then sees the sentences stored so far). Cheap when nothing is stale (one read);
 * otherwise a few milliseconds at a time, never holding the event loop for more than about
 * STEP_MS, however large the article.
 */
export async function ensureSentenceIndex(projectId: number, waitMs = Infinity): Promise<boolean> {
  const stale = staleArticles(getDb(), projectId);
  if (stale.length === 0) return true;
  const finished = (async () => {
    for (const article of stale) await indexOnce(article);
    return true;
  })();
  finished.catch((error: unknown) => console.error(`Indexing the sentences of project ${projectId} failed`, error));
  if (waitMs === Infinity) return finished;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, waitMs, false)));
  try {
    return await Promise.race([finished, waited]);
  } finally {
    clearTimeout(timer);
  }
}
