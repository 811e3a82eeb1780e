/**
 * What the link picker lists for a selected annotation: without typing, the statements of the
 * project's other articles most similar to it (bm25 over annotations and sentences, each
 * outlet's strong best match first); with typing, statements matching the words typed in
 * their text, notes or speakers, or belonging to an outlet whose name was typed.
 */
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { getDb, type Db } from '../db/client';
import { annotations, articles, links, type Label, type Relation } from '../db/tables';
import { notFound } from '../errors';
import { projectAccess, type Actor } from './actor';
import { similarTerms, typedStatementQuery, typedTerms } from '../search/query';
import { NOT_ARCHIVED } from './articleArchive';
import { rareTerms, searchStatements, statementsOfArticles, type StatementHit } from './statementSearch';
import { sentenceIndexReady } from './sentenceIndex';
import { wholeQuotations as widenToQuotations } from '../search/quoteAware';

import { MAX_QUERY, splitOutletTerms, SUGGESTION_LIMIT } from '../search/statementQuery';
import { all, first } from '../db/query';

export { SUGGESTION_LIMIT };
/** How long suggestions wait for a newly imported article's sentences before answering without the rest. */
const INDEX_WAIT_MS = 500;

export interface Suggestion extends StatementHit {
  /** The relation this user already gave the pair, if they linked it. */
  linkedAs: Relation | null;
}

export interface SuggestionList {
  annotation: { id: number; articleId: number; label: Label; exact: string };
  query: string;
  suggestions: Suggestion[];
  /** True while a large article's sentences are still being indexed: asking again finds more. */
  indexing: boolean;
}

type AnnotationRow = typeof annotations.$inferSelect;

/** Splits typed terms into outlet names (narrowing the articles) and words to search for. */
async function outletTerms(db: Db, source: AnnotationRow, terms: string[]) {
  const others = await all(db
    .select({ id: articles.id, outlet: articles.outlet })
    .from(articles)
    .where(and(eq(articles.projectId, source.projectId), ne(articles.id, source.articleId), NOT_ARCHIVED)));
  return splitOutletTerms(terms, others);
}

async function typedSearch(db: Db, source: AnnotationRow, q: string): Promise<StatementHit[]> {
  const { words, onlyArticleIds } = await outletTerms(db, source, typedTerms(q));
  const base = { projectId: source.projectId, excludeArticleId: source.articleId, onlyArticleIds, limit: SUGGESTION_LIMIT };
  if (words.length === 0) return onlyArticleIds ? await statementsOfArticles(db, onlyArticleIds, SUGGESTION_LIMIT) : [];
  const all = await searchStatements(db, { ...base, query: typedStatementQuery(words)! });
  return all.length ? all : await searchStatements(db, { ...base, query: typedStatementQuery(words, true)! });
}

/** Sentences widened so that none cuts a quotation in half (lib/search/quoteAware.ts). */
async function wholeQuotations(db: Db, hits: StatementHit[]): Promise<StatementHit[]> {
  const ids = [...new Set(hits.filter((h) => h.kind === 'sentence').map((h) => h.articleId))];
  if (!ids.length) return hits;
  const bodies = new Map((await all(db.select({ id: articles.id, body: articles.body }).from(articles).where(inArray(articles.id, ids)))).map((a) => [a.id, a.body]));
  return widenToQuotations(hits, bodies);
}

/**
 * The statements of the project's other articles most similar to `source` (what suggestions()
 * lists without typing), before quotations are made whole. The caller has checked access.
 */
export async function similarStatements(db: Db, source: Pick<AnnotationRow, 'projectId' | 'articleId' | 'exact'>): Promise<StatementHit[]> {
  const similar = similarTerms(source.exact);
  const kept = similar && (await rareTerms(db, similar.terms));
  const query = similar && kept?.length ? { ...similar, terms: kept } : null;
  return query
    ? await searchStatements(db, { projectId: source.projectId, excludeArticleId: source.articleId, query, spreadArticles: true, limit: SUGGESTION_LIMIT })
    : [];
}

/** The relation the actor already gave each pair (source, other annotation). */
async function myLinks(db: Db, userId: number | null, sourceId: number): Promise<Map<number, Relation>> {
  const mine = new Map<number, Relation>();
  if (userId === null) return mine;
  const rows = await all(db
    .select({ from: links.fromAnnotationId, to: links.toAnnotationId, relation: links.relation })
    .from(links)
    .where(and(eq(links.authorId, userId), isNull(links.deletedAt), or(eq(links.fromAnnotationId, sourceId), eq(links.toAnnotationId, sourceId)))));
  for (const r of rows) mine.set(r.from === sourceId ? r.to : r.from, r.relation);
  return mine;
}

/**
 * Suggestions for linking `annotationId` (members only; 404 for a missing or deleted
 * annotation). `q` empty: similar statements; otherwise a typed search. The query text is
 * reduced to plain words, so nothing typed can inject FTS5 syntax. Async because a newly
 * imported article's sentences are indexed in the background (lib/data/sentenceIndex.ts):
 * it waits for them at most INDEX_WAIT_MS, then answers with what is indexed so far and says
 * `indexing: true`.
 */
export async function suggestions({ actor, annotationId, q = '' }: { actor: Actor; annotationId: number; q?: string }): Promise<SuggestionList> {
  const db = getDb();
  const source = await first(db.select().from(annotations).where(eq(annotations.id, annotationId)));
  if (!source || source.deletedAt) throw notFound('Annotation');
  const { user } = await projectAccess(db, actor, source.projectId, 'project.read', 'Annotation');
  const indexing = !(await sentenceIndexReady(source.projectId, INDEX_WAIT_MS));
  const query = q.trim().slice(0, MAX_QUERY);
  let hits: StatementHit[];
  if (query) hits = await typedSearch(db, source, query);
  else hits = await similarStatements(db, source);
  hits = await wholeQuotations(db, hits);
  const mine = await myLinks(db, user?.id ?? null, source.id);
  return {
    annotation: { id: source.id, articleId: source.articleId, label: source.label, exact: source.exact },
    query,
    indexing,
    suggestions: hits.map((h) => ({ ...h, linkedAs: h.annotationId ? mine.get(h.annotationId) ?? null : null })),
  };
}
