/**
 * Where two reviewers disagree on one text, as a list a person can work through: spans only
 * one of them tagged, overlapping spans tagged with different labels, and same-label spans
 * whose boundaries differ. Pure; uses the same one-to-one overlap matching as the F1 scores.
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
  const sameLabel = overlapPairs(a, b, true);
  const usedA = new Set(sameLabel.map(([i]) => i));
  const usedB = new Set(sameLabel.map(([, j]) => j));
  for (const [i, j] of sameLabel) {
    if (a[i].start !== b[j].start || a[i].end !== b[j].end) out.push({ kind: 'boundaries', a: a[i], b: b[j] });
  }
  const restA = a.filter((_, i) => !usedA.has(i));
  const restB = b.filter((_, j) => !usedB.has(j));
  const crossed = overlapPairs(restA, restB, false);
  for (const [i, j] of crossed) out.push({ kind: 'label', a: restA[i], b: restB[j] });
  const crossedA = new Set(crossed.map(([i]) => i));
  const crossedB = new Set(crossed.map(([, j]) => j));
  restA.forEach((s, i) => crossedA.has(i) || out.push({ kind: 'only-a', a: s, b: null }));
  restB.forEach((s, j) => crossedB.has(j) || out.push({ kind: 'only-b', a: null, b: s }));
  const startOf = (d: Disagreement<S>) => Math.min(d.a?.start ?? Infinity, d.b?.start ?? Infinity);
  return out.sort((x, y) => startOf(x) - startOf(y));
}
