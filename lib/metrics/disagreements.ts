/**
 * Where two reviewers disagree on one text, as a list a person can work through: spans only
 * one of them tagged, overlapping spans tagged with different labels, and same-label spans
 * whose boundaries differ. Pure; uses the same one-to-one overlap matching as the F1 scores,
 * after one step first: spans with the very same boundaries pair up before anything else
 * (same label: agreement; other label: a label disagreement), so "claim vs quote" on one span
 * is never reported as two one-sided spans because a nearby same-label span took one of them.
 */
import { overlapPairs, type SpanInput } from './agreement';

export type DisagreementKind = 'only-a' | 'only-b' | 'label' | 'boundaries';

export interface Disagreement<S extends SpanInput = SpanInput> {
  kind: DisagreementKind;
  a: S | null;
  b: S | null;
}

/** Lists the disagreements of reviewers A and B on one text, in text order. */
export function listDisagreements<S extends SpanInput>(a: readonly S[], b: readonly S[]): Disagreement<S>[] {
  const out: Disagreement<S>[] = [];
  const [sameA, sameB] = sameBoundaries(a, b, out);
  const sameLabel = overlapPairs(sameA, sameB, true);
  const usedA = new Set(sameLabel.map(([i]) => i));
  const usedB = new Set(sameLabel.map(([, j]) => j));
  for (const [i, j] of sameLabel) {
    if (sameA[i].start !== sameB[j].start || sameA[i].end !== sameB[j].end) out.push({ kind: 'boundaries', a: sameA[i], b: sameB[j] });
  }
  const restA = sameA.filter((_, i) => !usedA.has(i));
  const restB = sameB.filter((_, j) => !usedB.has(j));
  const crossed = overlapPairs(restA, restB, false);
  for (const [i, j] of crossed) out.push({ kind: 'label', a: restA[i], b: restB[j] });
  const crossedA = new Set(crossed.map(([i]) => i));
  const crossedB = new Set(crossed.map(([, j]) => j));
  restA.forEach((s, i) => crossedA.has(i) || out.push({ kind: 'only-a', a: s, b: null }));
  restB.forEach((s, j) => crossedB.has(j) || out.push({ kind: 'only-b', a: null, b: s }));
  const startOf = (d: Disagreement<S>) => Math.min(d.a?.start ?? Infinity, d.b?.start ?? Infinity);
  return out.sort((x, y) => startOf(x) - startOf(y));
}

/**
 * Pairs spans of A and B with identical boundaries: same label first (agreement, nothing to
 * list), then other labels (pushed to `out` as label disagreements). Returns what is left.
 */
function sameBoundaries<S extends SpanInput>(a: readonly S[], b: readonly S[], out: Disagreement<S>[]): [S[], S[]] {
  const usedB = new Set<number>();
  const leftA: S[] = [];
  const at = (s: SpanInput) => `${s.start}:${s.end}`;
  const pending: S[] = [];
  for (const x of a) {
    const j = b.findIndex((y, k) => !usedB.has(k) && at(y) === at(x) && y.label === x.label);
    if (j >= 0) usedB.add(j);
    else pending.push(x);
  }
  for (const x of pending) {
    const j = b.findIndex((y, k) => !usedB.has(k) && at(y) === at(x));
    if (j >= 0) {
      usedB.add(j);
      out.push({ kind: 'label', a: x, b: b[j] });
    } else leftA.push(x);
  }
  return [leftA, b.filter((_, k) => !usedB.has(k))];
}
