/**
 * Re-anchoring: maps every span of revision n onto revision n+1 through a word-level diff of
 * the two bodies (lib/anchoring/reanchorDiff.ts). Pure. Offsets are UTF-16 code units of the
 * bodies as given (the offsets contract: normalized LF + NFC bodies).
 *
 * - `kept`: every token of the span is matched, consecutively, and its text is unchanged
 *   (wherever it moved: a paragraph inserted before it shifts it, nothing more). Score 1.
 * - `edited`: a diff hunk touches the span (a word inside changed, was inserted or deleted, or
 *   the white space inside changed); the new span covers what replaced it. Score: how alike
 *   the old and new text are (Dice coefficient of character bigrams, 0..1).
 * - `moved`: none of its tokens survive at its place, but its exact text is found elsewhere
 *   with a score ≥ MOVE_THRESHOLD and MOVE_MARGIN ahead of the runner-up (reanchorSearch.ts).
 * - `orphaned`: otherwise. Offsets are the old ones (the span stays on its revision); score is
 *   the best candidate's, 0 when there was none.
 */
import { diffBodies, type TokenDiff } from './reanchorDiff';
import { round, searchMoved } from './reanchorSearch';
import type { AnchorStateName } from '../domain';

export { MOVE_MARGIN, MOVE_THRESHOLD } from './reanchorSearch';

export { ANCHOR_STATES } from '../domain';
export type AnchorState = AnchorStateName;

export interface OldSpan {
  start: number;
  end: number;
  /** Context stored with the span (quote selector); taken from the old body when missing. */
  prefix?: string;
  suffix?: string;
}

export interface Reanchored {
  state: AnchorState;
  score: number;
  /** The span in the new body (for `orphaned`: the old offsets, in the old body). */
  start: number;
  end: number;
  oldExact: string;
  newExact: string;
}

const WORDISH = /[\p{L}\p{M}\p{N}]/u;
const isWord = (token: string) => WORDISH.test(token);

export type StateCounts = Record<AnchorState, number>;

/** Index of the first token with end > offset (binary search). */
function firstTokenEndingAfter(tokens: TokenDiff['a'], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The next matched old token at or after i (and its new index), scanning at most up to `limit`. */
function nextMatched(diff: TokenDiff, i: number, limit: number): number {
  while (i < limit && diff.aToB[i] === -1) i++;
  return i;
}

/** Where a run of unmatched old tokens ending before old token i went: the new tokens before aToB[i]. */
function newSideBefore(diff: TokenDiff, i: number): number {
  for (let k = i - 1; k >= 0; k--) if (diff.aToB[k] !== -1) return diff.aToB[k] + 1;
  return 0;
}

/** Similarity of the old and new text, 0..1: Dice coefficient of character bigrams (of tokens, past 4,000 characters). */
function similarity(oldText: string, newText: string): number {
  const grams = (t: string) => {
    const out = new Map<string, number>();
    const units = t.length > 4000 ? t.split(/\s+/) : Array.from({ length: Math.max(0, t.length - 1) }, (_, i) => t.slice(i, i + 2));
    for (const g of units) out.set(g, (out.get(g) ?? 0) + 1);
    return out;
  };
  const a = grams(oldText);
  const b = grams(newText);
  let shared = 0;
  let total = 0;
  for (const [g, n] of a) {
    shared += Math.min(n, b.get(g) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total ? (2 * shared) / total : 0;
}

function mapSpan(oldBody: string, newBody: string, diff: TokenDiff, span: OldSpan): Reanchored {
  const { a, b, aToB } = diff;
  const oldExact = oldBody.slice(span.start, span.end);
  const first = firstTokenEndingAfter(a, span.start);
  let last = first;
  while (last < a.length && a[last].start < span.end) last++;
  // [first, last): the old tokens the span overlaps.
  const orphan = (score: number): Reanchored => ({ state: 'orphaned', score: round(score), start: span.start, end: span.end, oldExact, newExact: '' });
  if (first === last) return orphan(0);
  let matched = 0;
  let matchedWords = 0;
  let contiguous = true;
  for (let i = first; i < last; i++) {
    if (aToB[i] !== -1) matched++;
    if (aToB[i] !== -1 && isWord(a[i].text)) matchedWords++;
    if (i > first && (aToB[i] === -1 || aToB[i - 1] === -1 || aToB[i] !== aToB[i - 1] + 1)) contiguous = false;
  }
  // Only punctuation surviving (a full stop the diff paired elsewhere) is no survival.
  if (matchedWords === 0 && (matched === 0 || a.slice(first, last).some((t) => isWord(t.text)))) {
    const prefix = span.prefix ?? oldBody.slice(Math.max(0, span.start - 32), span.start);
    const suffix = span.suffix ?? oldBody.slice(span.end, span.end + 32);
    const found = searchMoved(newBody, { exact: oldExact, prefix, suffix });
    if (found?.accepted) return { state: 'moved', score: found.score, start: found.start, end: found.end, oldExact, newExact: newBody.slice(found.start, found.end) };
    // Replaced in place (a renamed name, a rewritten clause): edited, never a jump elsewhere.
    let j0 = newSideBefore(diff, first);
    const after = nextMatched(diff, last, a.length);
    let j1 = after < a.length ? aToB[after] : b.length;
    if (b.slice(j0, j1).some((t, k) => diff.bToA[j0 + k] === -1 && isWord(t.text))) {
      while (diff.bToA[j0] !== -1) j0++;
      while (diff.bToA[j1 - 1] !== -1) j1--;
      const start = b[j0].start;
      const end = b[j1 - 1].end;
      const newExact = newBody.slice(start, end);
      return { state: 'edited', score: round(similarity(oldExact, newExact)), start, end, oldExact, newExact };
    }
    return orphan(found?.score ?? 0);
  }
  // Boundaries: a matched edge token maps by its offset inside the token; an unmatched one
  // takes the start (end) of what replaced it, or the nearest surviving token inside the span.
  const startOf = (): number => {
    if (aToB[first] !== -1) {
      const at = b[aToB[first]].start;
      const lead = a[first].start - span.start;
      // White space the span starts with is kept when the same white space is there.
      if (lead > 0) return newBody.slice(at - lead, at) === oldBody.slice(span.start, a[first].start) ? at - lead : at;
      return at - lead;
    }
    const j0 = newSideBefore(diff, first);
    const k = nextMatched(diff, first, last);
    return j0 < aToB[k] ? b[j0].start : b[aToB[k]].start;
  };
  const endOf = (): number => {
    const l = last - 1;
    if (aToB[l] !== -1) {
      const at = b[aToB[l]].end;
      const trail = span.end - a[l].end;
      if (trail > 0) return newBody.slice(at, at + trail) === oldBody.slice(a[l].end, span.end) ? at + trail : at;
      return at + trail;
    }
    const after = nextMatched(diff, last, a.length);
    const j1 = after < a.length ? aToB[after] : b.length;
    let k = l;
    while (aToB[k] === -1) k--;
    return j1 > aToB[k] + 1 ? b[j1 - 1].end : b[aToB[k]].end;
  };
  const start = startOf();
  const end = Math.max(endOf(), start + 1);
  const newExact = newBody.slice(start, end);
  if (contiguous && matched === last - first && newExact === oldExact) return { state: 'kept', score: 1, start, end, oldExact, newExact };
  return { state: 'edited', score: round(similarity(oldExact, newExact)), start, end, oldExact, newExact };
}

/** Re-anchors every span of `oldBody` onto `newBody`; the results are in the order of `spans`. */
export function reanchorSpans(oldBody: string, newBody: string, spans: readonly OldSpan[], diff: TokenDiff = diffBodies(oldBody, newBody)): Reanchored[] {
  return spans.map((span) => mapSpan(oldBody, newBody, diff, span));
}

/** How many results are in each state. */
export function countStates(results: readonly Pick<Reanchored, 'state'>[]): StateCounts {
  const counts: StateCounts = { kept: 0, edited: 0, moved: 0, orphaned: 0 };
  for (const r of results) counts[r.state]++;
  return counts;
}
