/**
 * The engine-neutral part of statement search (link suggestions): a query is plain terms,
 * the answer ranked StatementHits. Each engine turns the terms into its own syntax (FTS5
 * MATCH in lib/data/statementSearch.ts, a tsquery in lib/data/pgStatementSearch.ts), ranks
 * its rows and hands them to finishHits(), so merging and ordering are the same code on both.
 * Pure.
 */
import type { Label } from '../domain';
import { leadersFirst, mergeHits, type SpanAnnotation, type StatementHit } from './merge';

/** Terms (lower-cased runs of letters, marks and digits, lib/search/query.ts), OR-ed unless `every`. */
export interface StatementQuery {
  terms: string[];
  /** Every term must occur (typed search); otherwise any (similarity). */
  every: boolean;
  /** The last term may be a prefix: the person may still be typing it. */
  prefixLast: boolean;
}

export interface StatementSearch {
  projectId: number;
  query: StatementQuery;
  /** Leave out statements of this article (the one being linked from). */
  excludeArticleId?: number;
  /** Only statements of these articles (a typed outlet name narrows the search). */
  onlyArticleIds?: number[];
  /** Put each article's best strong match first (suggestions), see leadersFirst. */
  spreadArticles?: boolean;
  limit: number;
}

/**
 * One ranked row of either engine: rid > 0 is an annotation id, rid < 0 minus a sentence id
 * (as in SQLite's search_fts); score is higher-is-better (-bm25 on SQLite).
 */
export interface StatementRow {
  rid: number;
  articleId: number;
  outlet: string | null;
  title: string;
  start: number;
  end: number;
  exact: string;
  label: Label | null;
  score: number;
}

/** How many statements link suggestions list. */
export const SUGGESTION_LIMIT = 20;

/** How much of what was typed into the link picker is searched for. */
export const MAX_QUERY = 200;

/**
 * Splits typed terms into outlet names and words to search for: a term that is a word of some
 * other article's outlet narrows the search to the articles whose outlet has every such term.
 */
export function splitOutletTerms(terms: string[], others: Array<{ id: number; outlet: string | null }>): { words: string[]; onlyArticleIds?: number[] } {
  const outletTerms = terms.filter((t) => t.length >= 2 && others.some((a) => a.outlet?.toLowerCase().split(/\s+/).includes(t)));
  const onlyArticleIds = outletTerms.length
    ? others.filter((a) => outletTerms.every((t) => a.outlet?.toLowerCase().split(/\s+/).includes(t))).map((a) => a.id)
    : undefined;
  return { words: terms.filter((t) => !outletTerms.includes(t)), onlyArticleIds };
}

/** A term found in more than this share of all statements says little about likeness ... */
const COMMON_SHARE = 0.1;
/** ... and costs real time to rank only in an index this big (a small desk keeps every term). */
export const LARGE_INDEX = 50_000;
/** ... but a query always keeps at least this many of its rarest terms. */
export const MIN_TERMS = 4;

/**
 * The terms worth searching for similar statements, given each term's document count and the
 * index's row count: those not in more than COMMON_SHARE of all rows (at least MIN_TERMS, the
 * rarest), in their order. Common words match most of the index and cost the most to rank
 * while adding almost nothing to bm25. Below LARGE_INDEX rows every term is kept: there
 * ranking all matches is cheap anyway.
 */
export function rareTermsOf(terms: string[], docs: number[], total: number): string[] {
  if (terms.length <= MIN_TERMS || total < LARGE_INDEX) return terms;
  const rarest = new Set([...terms.keys()].sort((i, j) => docs[i] - docs[j]).slice(0, MIN_TERMS));
  return terms.filter((_, i) => rarest.has(i) || docs[i] <= total * COMMON_SHARE);
}

/** How many ranked rows to fetch for `limit` hits: merging folds sentences into annotations. */
export function candidateCount(limit: number): number {
  return Math.max(limit * 4, 40);
}

/** Best first (score, then rid), the order both engines hand their rows over in. */
export function byScoreThenRid(x: { score: number; rid: number }, y: { score: number; rid: number }): number {
  return y.score - x.score || x.rid - y.rid;
}

/**
 * The answer from ranked rows (best first) and the live annotations of their articles:
 * annotations and sentences merged so that an annotated sentence appears once, as its
 * annotation, each article's leader first when asked, cut to the limit.
 */
export function finishHits(rows: StatementRow[], annotations: SpanAnnotation[], search: Pick<StatementSearch, 'spreadArticles' | 'limit'>): StatementHit[] {
  const hits: StatementHit[] = rows.map((r) => ({
    kind: r.rid > 0 ? 'annotation' : 'sentence',
    annotationId: r.rid > 0 ? r.rid : undefined,
    label: r.label ?? undefined,
    articleId: r.articleId,
    outlet: r.outlet,
    title: r.title,
    start: r.start,
    end: r.end,
    exact: r.exact,
    score: r.score,
  }));
  const merged = mergeHits(hits, annotations);
  return (search.spreadArticles ? leadersFirst(merged) : merged).slice(0, search.limit);
}
