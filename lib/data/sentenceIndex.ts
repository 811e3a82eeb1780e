/**
 * The sentence index behind link suggestions: every article's sentences in article_sentences
 * (and, through a trigger, in search_fts). It is written off the request path: storing an
 * article schedules its indexing, which runs in the background right after, and the server's
 * start picks up whatever an earlier process left unindexed (an upgrade, a restored backup, a
 * crash half way). Reading suggestions never writes: it only waits, briefly, for an indexing
 * that is running.
 *
 * A 2 MB article has some 20,000 sentences: indexing it at once would hold the event loop (and
 * so every other request) for seconds. It is indexed in steps of about STEP_MS, each its own
 * write transaction, with the event loop free in between. While that runs, the article's state
 * row says sentence_count = IN_PROGRESS and the stored sentences are a prefix of its sentences;
 * each step appends those that start at or after the last one stored, so two indexers of one
 * article (two processes, or a retry after a crash) never store a sentence twice.
 */
import { eq, sql } from 'drizzle-orm';
import { afterCommit, getDb, getSqlite, writeTransaction, type Db, type Tx } from '../db/client';
import { onPostgres } from '../db/engine';
import { nowMs } from '../db/dialect';
import { preparedStatement } from '../db/prepared';
import { articles } from '../db/tables';
import { sentenceSlices, type Sentence } from '../search/sentences';
import { first, sqlAll, sqlExec, sqlFirst } from '../db/query';

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

/** On PostgreSQL one multi-row insert per step (a round trip per sentence would be most of the step). */
async function insertSentences(tx: Tx, article: StaleArticle, sentences: Sentence[]): Promise<void> {
  for (let i = 0; i < sentences.length; i += 1_000) {
    const rows = sentences.slice(i, i + 1_000).map((s) => sql`(${article.id}, ${article.projectId}, ${s.start}, ${s.end}, ${s.text})`);
    await sqlExec(tx, sql`insert into article_sentences (article_id, project_id, start, "end", text) values ${sql.join(rows, sql`, `)}`);
  }
}

/** Articles (of one project, or all) whose sentences are missing, out of date or half done. */
async function staleArticles(db: Db | Tx, projectId: number | null): Promise<StaleArticle[]> {
  return await sqlAll<StaleArticle>(db, sql`
    select a.id as id, a.project_id as "projectId", a.sha256 as sha256
    from articles a left join article_search_state s on s.article_id = a.id
    where ${projectId === null ? sql`true` : sql`a.project_id = ${projectId}`}
      and (s.article_id is null or s.sha256 <> a.sha256 or s.sentence_count = ${IN_PROGRESS})`);
}

async function indexState(tx: Tx, articleId: number) {
  return await sqlFirst<{ sha256: string; count: number } | undefined>(tx, sql`select sha256, sentence_count as count from article_search_state where article_id = ${articleId}`);
}

/** Starts or resumes indexing `article` (dropping sentences of an older body); false when it is done already. */
async function beginIndexing(tx: Tx, article: StaleArticle): Promise<boolean> {
  const state = await indexState(tx, article.id);
  if (state?.sha256 === article.sha256) return state.count === IN_PROGRESS;
  await sqlExec(tx, sql`delete from article_sentences where article_id = ${article.id}`);
  await sqlExec(tx, sql`insert into article_search_state (article_id, sha256, sentence_count) values (${article.id}, ${article.sha256}, ${IN_PROGRESS})
    on conflict(article_id) do update set sha256 = excluded.sha256, sentence_count = excluded.sentence_count`);
  return true;
}

/**
 * One step inside `tx`: appends the next sentences until `deadline`; at the end of the body,
 * marks the article indexed. True when nothing is left to do (finished here, by another
 * indexer, or superseded by a newer body).
 */
async function indexStep(tx: Tx, article: StaleArticle, steps: Steps, deadline: number): Promise<boolean> {
  const state = await indexState(tx, article.id);
  if (state?.sha256 !== article.sha256 || state.count !== IN_PROGRESS) return true;
  const last = await sqlFirst<{ end: number } | undefined>(tx, sql`select "end" from article_sentences where article_id = ${article.id} order by start desc limit 1`);
  const storedUpTo = last?.end ?? 0;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      await sqlExec(tx, sql`update article_search_state set indexed_at = ${nowMs()},
        sentence_count = (select count(*) from article_sentences where article_id = ${article.id}) where article_id = ${article.id}`);
      return true;
    }
    const fresh = step.value.filter((s) => s.start >= storedUpTo);
    if (onPostgres()) await insertSentences(tx, article, fresh);
    else for (const s of fresh) insertSentence().run(article.id, article.projectId, s.start, s.end, s.text);
    if (performance.now() >= deadline) return false;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Indexes one article in steps, letting other work run between them. */
async function indexArticle(article: StaleArticle): Promise<void> {
  if (!await writeTransaction(async (tx) => await beginIndexing(tx, article))) return;
  const row = await first(getDb().select({ body: articles.body, sha256: articles.sha256 }).from(articles).where(eq(articles.id, article.id)));
  if (row?.sha256 !== article.sha256) return;
  const steps = sentenceSlices(row.body, SLICE_CHARS);
  while (!await writeTransaction(async (tx) => await indexStep(tx, article, steps, performance.now() + STEP_MS))) await nextTurn();
}

/** Indexings running in this process, by article id, so one article is indexed once at a time. */
const running = new Map<number, { projectId: number; job: Promise<void> }>();

function indexOnce(article: StaleArticle): Promise<void> {
  let entry = running.get(article.id);
  if (!entry) {
    const job = indexArticle(article)
      .catch((error: unknown) => console.error(`Indexing the sentences of article ${article.id} failed`, error))
      .finally(() => running.delete(article.id));
    entry = { projectId: article.projectId, job };
    running.set(article.id, entry);
  }
  return entry.job;
}

/** Indexes every stale article (of one project, or all), one after the other; resolves when done. Never rejects. */
async function indexStale(projectId: number | null): Promise<void> {
  try {
    // Read in a write transaction: it waits for the one that scheduled this pass to commit
    // (write transactions take turns), so the articles it stored are seen.
    for (const article of await writeTransaction((tx) => staleArticles(tx, projectId))) await indexOnce(article);
  } catch (error) {
    console.error('Indexing sentences for link suggestions failed', error);
  }
}

/** Scheduled passes over a project's stale articles (null: every project), not finished yet. */
const passes = new Set<{ projectId: number | null; started: boolean; done: Promise<void> }>();

function schedulePass(projectId: number | null): void {
  afterCommit(() => startPass(projectId));
}

function startPass(projectId: number | null): void {
  // A batch import stores many articles in one turn: one pass, not yet started, covers them all.
  if ([...passes].some((p) => !p.started && p.projectId === projectId)) return;
  const pass = { projectId, started: false, done: Promise.resolve() };
  pass.done = new Promise<void>((resolve) =>
    setImmediate(() => {
      pass.started = true;
      void indexStale(projectId).then(resolve);
    }),
  );
  passes.add(pass);
  void pass.done.finally(() => passes.delete(pass));
}

/**
 * Schedules the indexing of a project's new or changed articles, once the current
 * transaction has committed (afterCommit: rolled-back articles are never looked for).
 * Returns at once.
 */
export function scheduleSentenceIndex(projectId: number): void {
  schedulePass(projectId);
}

/** Indexes, in the background, every article an earlier process left unindexed (server start). */
export function indexStaleArticlesInBackground(): void {
  schedulePass(null);
}

/** Resolves when no indexing is scheduled or running in this process (the CLI waits on it before exiting). */
export async function sentenceIndexIdle(): Promise<void> {
  while (passes.size) await Promise.all([...passes].map((p) => p.done));
}

/**
 * Read-only: whether every article of `projectId` is indexed, after waiting at most `waitMs`
 * for the indexings of that project running in this process. A search that gets false sees
 * the sentences stored so far.
 */
export async function sentenceIndexReady(projectId: number, waitMs: number): Promise<boolean> {
  const jobs = [
    ...[...passes].filter((p) => p.projectId === projectId || p.projectId === null).map((p) => p.done),
    ...[...running.values()].filter((r) => r.projectId === projectId).map((r) => r.job),
  ];
  if (jobs.length) {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.all(jobs), waited]);
    clearTimeout(timer);
  }
  return (await staleArticles(getDb(), projectId)).length === 0;
}
