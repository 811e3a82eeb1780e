/**
 * Text quote selectors (W3C Web Annotation TextQuoteSelector): the exact text plus up to 32
 * characters of context on either side, so a span can be found again if offsets are lost.
 */
import { splitsSurrogatePair } from './units';

export const CONTEXT_LENGTH = 32;

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * The quote selector of [start, end). Prefix and suffix hold up to 32 UTF-16 code units and
 * are shortened by one rather than cut through a surrogate pair.
 */
export function quoteSelector(body: string, start: number, end: number, context = CONTEXT_LENGTH): QuoteSelector {
  let from = Math.max(0, start - context);
  if (splitsSurrogatePair(body, from)) from++;
  let to = Math.min(body.length, end + context);
  if (splitsSurrogatePair(body, to)) to--;
  return { exact: body.slice(start, end), prefix: body.slice(from, start), suffix: body.slice(end, to) };
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Finds a quote again in a (possibly different) text: every occurrence of `exact` is scored by
 * how much of the prefix and suffix match around it, ties broken by closeness to `hint`.
 * Returns null when the exact text no longer occurs.
 */
export function reanchorQuote(text: string, quote: QuoteSelector, hint = 0): { start: number; end: number } | null {
  if (!quote.exact) return null;
  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    const before = text.slice(Math.max(0, at - quote.prefix.length), at);
    const after = text.slice(at + quote.exact.length, at + quote.exact.length + quote.suffix.length);
    const score = commonSuffixLength(before, quote.prefix) + commonPrefixLength(after, quote.suffix);
    const distance = Math.abs(at - hint);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start: at, score, distance };
    }
  }
  return best ? { start: best.start, end: best.start + quote.exact.length } : null;
}
