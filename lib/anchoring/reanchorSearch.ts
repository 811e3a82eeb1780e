/**
 * The search for a span whose text was deleted at its place (re-anchoring's `moved` state).
 * Pure. A candidate is an exact occurrence of the old text in the new body that starts and
 * ends on word boundaries (so "Zelensky" is not found inside "Zelenskyy"). It may lie anywhere,
 * even in text the diff kept: when one copy of a repeated paragraph is removed, its spans
 * move to the copy that stays. What keeps a deleted name from jumping to an earlier mention
 * of it is the length part of the score: one word alone never reaches the threshold.
 *
 * score = 0.6 · length + 0.2 · prefix + 0.2 · suffix, each part 0..1:
 * - length: min(1, words / 6): a whole sentence is evidence, one word is not;
 * - prefix/suffix: the share of the stored 32-character context matching around the candidate.
 * A match is accepted when score ≥ MOVE_THRESHOLD and ahead of the runner-up by MOVE_MARGIN.
 */
export const MOVE_THRESHOLD = 0.55;
export const MOVE_MARGIN = 0.15;
const CONTEXT = 32;

export interface MoveSearch {
  start: number;
  end: number;
  score: number;
  /** The runner-up's score, 0 when there is none. */
  runnerUp: number;
  accepted: boolean;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

const WORD = /[\p{L}\p{M}\p{N}]/u;
const isWordAt = (text: string, i: number) => i >= 0 && i < text.length && WORD.test(text[i]);

/** Scores every candidate place of `exact` in the new body; null when there is none. */
export function searchMoved(newBody: string, quote: { exact: string; prefix: string; suffix: string }): MoveSearch | null {
  const exact = quote.exact.trim();
  if (!exact) return null;
  const lead = quote.exact.indexOf(exact);
  const words = (exact.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).length;
  const length = Math.min(1, words / 6);
  const prefix = quote.prefix.slice(-CONTEXT);
  const suffix = quote.suffix.slice(0, CONTEXT);
  const scored: Array<{ start: number; score: number }> = [];
  for (let at = newBody.indexOf(exact); at !== -1; at = newBody.indexOf(exact, at + 1)) {
    const end = at + exact.length;
    if ((WORD.test(exact[0]) && isWordAt(newBody, at - 1)) || (WORD.test(exact[exact.length - 1]) && isWordAt(newBody, end))) continue;
    const before = newBody.slice(Math.max(0, at - prefix.length), at);
    const after = newBody.slice(end, end + suffix.length);
    const p = prefix ? commonSuffix(before, prefix) / prefix.length : 1;
    const s = suffix ? commonPrefix(after, suffix) / suffix.length : 1;
    scored.push({ start: at, score: 0.6 * length + 0.2 * p + 0.2 * s });
  }
  if (!scored.length) return null;
  scored.sort((x, y) => y.score - x.score || x.start - y.start);
  const [best, second] = scored;
  const runnerUp = second?.score ?? 0;
  const accepted = best.score >= MOVE_THRESHOLD && best.score - runnerUp >= MOVE_MARGIN;
  // The stored span may include white space around its words; the found place gets it back only if it is there.
  const start = best.start - lead >= 0 && newBody.slice(best.start - lead, best.start) === quote.exact.slice(0, lead) ? best.start - lead : best.start;
  const tail = quote.exact.length - lead - exact.length;
  const endBase = best.start + exact.length;
  const end = newBody.slice(endBase, endBase + tail) === quote.exact.slice(lead + exact.length) ? endBase + tail : endBase;
  return { start, end, score: round(best.score), runnerUp: round(runnerUp), accepted };
}

export const round = (x: number) => Math.round(x * 1000) / 1000;
