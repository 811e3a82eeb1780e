/**
 * Validation of a span [start, end) against an article body, the offsets contract of the
 * design: integer UTF-16 offsets, non-empty, in range, never splitting a surrogate pair, and
 * an `exact` (when given) equal to the body slice.
 */
import { splitsSurrogatePair } from './units';

export type SpanProblem =
  | 'non-integer'
  | 'negative'
  | 'empty'
  | 'reversed'
  | 'out-of-range'
  | 'splits-surrogate'
  | 'exact-mismatch';

export interface SpanIssue {
  problem: SpanProblem;
  /** A sentence a person understands. */
  message: string;
  /** 400 for a malformed span, 422 for one that does not fit this article's text. */
  status: 400 | 422;
}

export interface SpanInput {
  start: unknown;
  end: unknown;
  exact?: string | null;
}

function issue(problem: SpanProblem, message: string): SpanIssue {
  const malformed: SpanProblem[] = ['non-integer', 'negative', 'empty', 'reversed'];
  return { problem, message, status: malformed.includes(problem) ? 400 : 422 };
}

function shape(start: unknown, end: unknown): SpanIssue | null {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    return issue('non-integer', 'start and end must be whole numbers (UTF-16 code unit offsets).');
  }
  const s = start as number;
  const e = end as number;
  if (s < 0 || e < 0) return issue('negative', 'start and end cannot be negative.');
  if (e === s) return issue('empty', 'The span is empty: end must be greater than start.');
  if (e < s) return issue('reversed', `The span is reversed: end (${e}) is before start (${s}).`);
  return null;
}

/** The first problem with a span over `body`, or null when it is valid. */
export function checkSpan(body: string, span: SpanInput): SpanIssue | null {
  const bad = shape(span.start, span.end);
  if (bad) return bad;
  const start = span.start as number;
  const end = span.end as number;
  if (end > body.length) {
    return issue('out-of-range', `The span ends at ${end}, past the end of the article (${body.length} UTF-16 code units).`);
  }
  for (const [name, at] of [['start', start], ['end', end]] as const) {
    if (splitsSurrogatePair(body, at)) {
      return issue('splits-surrogate', `${name} (${at}) falls inside a character (it would split an emoji or other surrogate pair).`);
    }
  }
  if (span.exact !== undefined && span.exact !== null && span.exact !== body.slice(start, end)) {
    return issue('exact-mismatch', 'exact does not match the article text at start..end: the text or the offsets are wrong.');
  }
  return null;
}
