/**
 * Builds FTS5 MATCH expressions from untrusted text. Safe by construction: the text is cut
 * into runs of letters and digits (no quotes, brackets, colons, stars or minus signs can
 * survive), FTS5 operator words are dropped, and every term is wrapped in double quotes, so
 * a search box can never inject FTS5 syntax (NEAR(, column filters, prefix stars, NOT ...).
 * The terms themselves (a StatementQuery) are engine-neutral: PostgreSQL builds its tsquery
 * from them (lib/data/pgStatementSearch.ts).
 */
import type { StatementQuery } from './statementQuery';

/** FTS5 keywords; quoted they would be harmless, but a person typing them means nothing by them. */
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/** Frequent English words that carry no similarity signal in a suggestion query. */
const STOPWORDS = new Set(
  ('a an the and or but if of to in on at by for from with as is are was were be been being it its this that these ' +
    'those there their they them he she his her we our us you your i me my do does did has have had will would shall ' +
    'should can could may might must so than then too very just also about into over after before during which who ' +
    'whom what when where why how all any each some such no nor only own same other s t said says say according ' +
    'while between through up down out off again further once here more most much many one')
    .split(' '),
);

const MAX_TERMS = 32;
const MAX_TERM_LENGTH = 64;

/** The words of `text` as FTS5 sees them: runs of letters, marks and digits. */
export function wordsOf(text: string): string[] {
  return (text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map((w) => w.slice(0, MAX_TERM_LENGTH));
}

function quote(term: string): string {
  return `"${term}"`;
}

/** Content words of `text`, lower-cased, without stop words or duplicates, in order. */
export function contentTerms(text: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of wordsOf(text)) {
    const lower = word.toLowerCase();
    if (STOPWORDS.has(lower) || (lower.length < 2 && !/\p{N}/u.test(lower)) || seen.has(lower)) continue;
    seen.add(lower);
    terms.push(lower);
  }
  return terms.slice(0, MAX_TERMS);
}

/**
 * A MATCH expression for "statements like this one": any of its content words (OR), so bm25
 * ranks statements sharing more and rarer words first. Null when the text has no content word.
 * lib/data/linkSuggestions.ts narrows the terms with rareTerms (it drops the most common).
 */
export function similarityQuery(text: string): string | null {
  const query = similarTerms(text);
  return query && ftsMatch(query);
}

/** The engine-neutral form of similarityQuery: any of the content words of `text`. */
export function similarTerms(text: string): StatementQuery | null {
  const terms = contentTerms(text);
  return terms.length ? { terms, every: false, prefixLast: false } : null;
}

/** An FTS5 MATCH expression for a statement query: quoted terms, OR-ed unless `every`. */
export function ftsMatch(query: StatementQuery): string {
  const last = query.terms.length - 1;
  const parts = query.terms.map((t, i) => (query.prefixLast && i === last ? `${quote(t)}*` : quote(t)));
  return parts.join(query.every ? ' ' : ' OR ');
}

/** The words a person typed, minus FTS5 operator words, lower-cased, de-duplicated. */
export function typedTerms(input: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const word of wordsOf(input)) {
    if (OPERATORS.has(word)) continue;
    const lower = word.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    terms.push(lower);
  }
  return terms.slice(0, MAX_TERMS);
}

/**
 * A MATCH expression for words typed in a search box: every word must occur (implicit AND),
 * and the last one may be a prefix, because the person may still be typing it.
 * With `anyTerm` the words are OR-ed instead (the fallback when nothing has all of them).
 */
export function typedQuery(terms: string[], anyTerm = false): string | null {
  const query = typedStatementQuery(terms, anyTerm);
  return query && ftsMatch(query);
}

/** The engine-neutral form of typedQuery. */
export function typedStatementQuery(terms: string[], anyTerm = false): StatementQuery | null {
  return terms.length ? { terms, every: !anyTerm, prefixLast: true } : null;
}

/**
 * The same statement query as PostgreSQL to_tsquery input, for the configuration its index
 * stems with (to_tsquery('statement_words', ...), drizzle/pg/0007_search_all_words.sql): each
 * term a quoted operand (a quote doubled, a backslash escaped, though terms are runs of letters
 * and digits), `:*` on a last term that may be a prefix, AND-ed unless `every` is false.
 */
export function tsQuery(query: StatementQuery): string {
  const last = query.terms.length - 1;
  const parts = query.terms.map((t, i) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${query.prefixLast && i === last ? ':*' : ''}`);
  return parts.join(query.every ? ' & ' : ' | ');
}
