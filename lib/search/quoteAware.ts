/**
 * Suggested sentences that never cut a quotation in half. The sentence splitter
 * (lib/search/sentences.ts) ends a sentence at a full stop inside a quotation, so a
 * suggestion could read “We will never recognize it. (the rest of the quote in the next
 * sentence). quoteAwareSpan() widens such a span, within its paragraph, to the whole
 * quotation and the sentence around it. Pure: offsets are UTF-16 code units of the body,
 * the span stays body.slice(start, end).
 */
export interface Span {
  start: number;
  end: number;
}

/** Paired quotation marks: opening → closing. ’ and ‘ are left out: they are apostrophes too (aren’t). */
const PAIRS: Array<[string, string]> = [['“', '”'], ['«', '»']];
const STRAIGHT = '"';
const ENDERS = '.!?…';
const CLOSERS = '"”»’)]';
/** A widened span is at most this much longer than the sentence (a stray mark is not followed further). */
const MAX_GROWTH = 1200;

function paragraphOf(body: string, span: Span): Span {
  const start = body.lastIndexOf('\n', Math.max(0, span.start - 1)) + 1;
  const nl = body.indexOf('\n', span.end);
  return { start: span.start === 0 ? 0 : start, end: nl === -1 ? body.length : nl };
}

/** After the closing mark at `close`: the end of the sentence it belongs to. */
function sentenceEndAfter(body: string, close: number, limit: number): number {
  let i = close + 1;
  // “… never.” ends the sentence at the mark; “… never,” he said. goes on to the full stop.
  if (ENDERS.includes(body[close - 1] ?? '')) return i;
  while (i < limit && !ENDERS.includes(body[i])) {
    if (body[i] === STRAIGHT || PAIRS.some(([open]) => body[i] === open)) return close + 1;
    i++;
  }
  if (i >= limit) return limit;
  while (i < limit && (ENDERS.includes(body[i]) || CLOSERS.includes(body[i]))) i++;
  return i;
}

/** Before the opening mark at `open`: where its sentence starts. */
function sentenceStartBefore(body: string, open: number, limit: number): number {
  let i = open;
  while (i > limit) {
    const c = body[i - 1];
    if (/\s/u.test(c)) {
      let j = i - 1;
      while (j > limit && /\s/u.test(body[j - 1])) j--;
      let k = j;
      while (k > limit && CLOSERS.includes(body[k - 1])) k--;
      if (k > limit && ENDERS.includes(body[k - 1])) return i;
      i = j;
      continue;
    }
    i--;
  }
  return limit;
}

/** Widens for one pair of marks; null when the span is balanced for it (or no partner is found). */
type Mark = (i: number) => boolean;

function widenPair(body: string, span: Span, para: Span, isOpen: Mark, isClose: Mark): Span | null {
  let depth = 0;
  let firstUnopened = -1;
  for (let i = span.start; i < span.end; i++) {
    if (isOpen(i)) depth++;
    else if (isClose(i)) {
      if (depth === 0 && firstUnopened === -1) firstUnopened = i;
      else if (depth > 0) depth--;
    }
  }
  let { start, end } = span;
  if (firstUnopened !== -1) {
    // A closing mark whose opening is before the span: go back to it.
    let d = 0;
    let i = firstUnopened - 1;
    for (; i >= para.start; i--) {
      if (isClose(i)) d++;
      else if (isOpen(i) && d-- === 0) break;
    }
    if (i >= para.start) start = sentenceStartBefore(body, i, para.start);
  }
  if (depth > 0) {
    // An opening mark whose closing is after the span: go on to it.
    let d = depth;
    let i = span.end;
    for (; i < para.end; i++) {
      if (isOpen(i)) d++;
      else if (isClose(i) && --d === 0) break;
    }
    if (i < para.end) end = sentenceEndAfter(body, i, para.end);
  }
  return start !== span.start || end !== span.end ? { start, end } : null;
}

/**
 * A straight quote opens when it follows the paragraph start, a space or a bracket and is
 * followed by something else; otherwise it closes. That reads nested "… the "Russians", …"
 * right, where counting marks would not.
 */
function straightMarks(body: string): { isOpen: Mark; isClose: Mark } {
  const opens = (i: number) => {
    const before = body[i - 1];
    const after = body[i + 1];
    return (before === undefined || /[\s([{—–-]/u.test(before)) && after !== undefined && !/\s/u.test(after);
  };
  return { isOpen: (i) => body[i] === STRAIGHT && opens(i), isClose: (i) => body[i] === STRAIGHT && !opens(i) };
}

/** `span` widened so that no quotation mark in it lacks its partner (within its paragraph). */
export function quoteAwareSpan(body: string, span: Span): Span {
  const para = paragraphOf(body, span);
  let current: Span = { start: span.start, end: span.end };
  for (let pass = 0; pass < 4; pass++) {
    let next = current;
    for (const [open, close] of PAIRS) next = widenPair(body, next, para, (i) => body[i] === open, (i) => body[i] === close) ?? next;
    const straight = straightMarks(body);
    next = widenPair(body, next, para, straight.isOpen, straight.isClose) ?? next;
    if (next.start === current.start && next.end === current.end) break;
    current = next;
  }
  while (current.start < current.end && /\s/u.test(body[current.start])) current.start++;
  while (current.end > current.start && /\s/u.test(body[current.end - 1])) current.end--;
  if (current.end - current.start - (span.end - span.start) > MAX_GROWTH) return { start: span.start, end: span.end };
  return current;
}

/** What wholeQuotations needs of a hit (StatementHit has it). */
interface QuotableHit extends Span {
  kind: 'annotation' | 'sentence';
  articleId: number;
  exact: string;
}

/**
 * Sentences widened so that none cuts a quotation in half (quoteAwareSpan), given the bodies
 * of their articles; a sentence that the widening folds into a statement listed above it is
 * dropped. Annotations stay as they are.
 */
export function wholeQuotations<H extends QuotableHit>(hits: H[], bodies: Map<number, string>): H[] {
  const kept: H[] = [];
  for (const hit of hits) {
    const body = bodies.get(hit.articleId);
    let next = hit;
    if (hit.kind === 'sentence' && body !== undefined) {
      const span = quoteAwareSpan(body, hit);
      if (span.start !== hit.start || span.end !== hit.end) next = { ...hit, ...span, exact: body.slice(span.start, span.end) };
    }
    const folded = kept.some((k) => k.articleId === next.articleId && k.start <= next.start && next.end <= k.end);
    if (!folded) kept.push(next);
  }
  return kept;
}
