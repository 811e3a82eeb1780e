/**
 * Inter-annotator agreement between two reviewers, pure so it is tested on cases worked out
 * by hand (tests/review/agreement.test.ts) and documented in docs/review.md.
 *
 * - Span F1, exact: a span of A matches a span of B with the same start, end and label
 *   (one-to-one). F1 = 2·matches / (|A| + |B|); null when neither tagged anything.
 * - Span F1, overlap: same label and at least one shared character, matched one-to-one,
 *   largest overlaps first.
 * - Cohen's kappa over per-character labels (none, claim, quote, context). Where one reviewer's
 *   own spans overlap, a character takes the label of the span that starts first (ties: the
 *   longer span, then claim before quote before context). Null when undefined (no characters,
 *   or chance agreement is 1 because both used one and the same label everywhere).
 * - Link F1: a link is (the unordered pair of its ends' spans, relation); exact multiset match.
 */
import type { Label, Relation } from '../domain';

export interface SpanInput {
  start: number;
  end: number;
  label: Label;
  /** The annotation's id, carried into the disagreement list. */
  id?: number;
}

export interface LinkInput {
  /** Each end as "articleId:start:end"; order does not matter (a link is symmetric). */
  ends: [string, string];
  relation: Relation;
}

export const CHAR_LABELS = ['none', 'claim', 'quote', 'context'] as const;
export type CharLabel = (typeof CHAR_LABELS)[number];
const CODE: Record<Label, number> = { claim: 1, quote: 2, context: 3 };

/** 4×4 counts: rows reviewer A's character label, columns reviewer B's. */
export type Confusion = number[][];

export interface MatchCount {
  matches: number;
  a: number;
  b: number;
}

/** F1 = 2·matches / (|A| + |B|), or null when both sets are empty. */
export function f1(count: MatchCount): number | null {
  const total = count.a + count.b;
  return total === 0 ? null : (2 * count.matches) / total;
}

/** One-to-one matches of identical spans (same start, end and label). */
export function exactMatchCount(a: readonly SpanInput[], b: readonly SpanInput[]): MatchCount {
  return { matches: multisetMatches(a.map(spanKey), b.map(spanKey)), a: a.length, b: b.length };
}

function spanKey(s: SpanInput): string {
  return `${s.start}:${s.end}:${s.label}`;
}

function multisetMatches(a: readonly string[], b: readonly string[]): number {
  const pool = new Map<string, number>();
  for (const key of b) pool.set(key, (pool.get(key) ?? 0) + 1);
  let matches = 0;
  for (const key of a) {
    const left = pool.get(key) ?? 0;
    if (left > 0) {
      matches++;
      pool.set(key, left - 1);
    }
  }
  return matches;
}

function overlapLength(x: SpanInput, y: SpanInput): number {
  return Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
}

/**
 * One-to-one pairs [indexInA, indexInB] of overlapping spans, largest overlap first (ties: the
 * earlier span of A, then of B). With `sameLabel` only spans of the same label pair up.
 */
export function overlapPairs(a: readonly SpanInput[], b: readonly SpanInput[], sameLabel = true): Array<[number, number]> {
  const candidates: Array<[number, number, number]> = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      const size = overlapLength(x, y);
      if (size > 0 && (!sameLabel || x.label === y.label)) candidates.push([i, j, size]);
    }),
  );
  candidates.sort((p, q) => q[2] - p[2] || a[p[0]].start - a[q[0]].start || b[p[1]].start - b[q[1]].start);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const [i, j] of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}

/** One-to-one matches of overlapping spans with the same label. */
export function overlapMatchCount(a: readonly SpanInput[], b: readonly SpanInput[]): MatchCount {
  return { matches: overlapPairs(a, b).length, a: a.length, b: b.length };
}

/**
 * The label of every character (0 none, 1 claim, 2 quote, 3 context) of a text of `length`
 * UTF-16 units. Overlaps within one reviewer: the span that starts first wins (see above).
 */
export function characterLabels(spans: readonly SpanInput[], length: number): Uint8Array {
  const labels = new Uint8Array(length);
  const ordered = [...spans].sort((x, y) => x.start - y.start || y.end - x.end || CODE[x.label] - CODE[y.label]);
  for (const span of ordered) {
    const code = CODE[span.label];
    for (let i = Math.max(0, span.start); i < Math.min(length, span.end); i++) {
      if (labels[i] === 0) labels[i] = code;
    }
  }
  return labels;
}

export function emptyConfusion(): Confusion {
  return CHAR_LABELS.map(() => CHAR_LABELS.map(() => 0));
}

/** Adds the per-character label pairs of one text to `into` (to pool several articles). */
export function addConfusion(into: Confusion, a: readonly SpanInput[], b: readonly SpanInput[], length: number): Confusion {
  const la = characterLabels(a, length);
  const lb = characterLabels(b, length);
  for (let i = 0; i < length; i++) into[la[i]][lb[i]]++;
  return into;
}

/** Cohen's kappa = (po − pe) / (1 − pe) from a confusion matrix; null when undefined. */
export function kappa(confusion: Confusion): number | null {
  const n = confusion.reduce((sum, row) => sum + row.reduce((s, v) => s + v, 0), 0);
  if (n === 0) return null;
  let observed = 0;
  let chance = 0;
  for (let k = 0; k < confusion.length; k++) {
    observed += confusion[k][k];
    const row = confusion[k].reduce((s, v) => s + v, 0);
    const column = confusion.reduce((s, r) => s + r[k], 0);
    chance += (row / n) * (column / n);
  }
  const po = observed / n;
  if (Math.abs(1 - chance) < 1e-12) return null;
  return (po - chance) / (1 - chance);
}

/** Link agreement counts: (unordered ends, relation) matched one-to-one. */
export function linkMatchCount(a: readonly LinkInput[], b: readonly LinkInput[]): MatchCount {
  return { matches: multisetMatches(a.map(linkKey), b.map(linkKey)), a: a.length, b: b.length };
}

/** What makes two links the same: their ends in either order, and the relation. */
export function linkKey(l: LinkInput): string {
  return `${[...l.ends].sort().join('|')}|${l.relation}`;
}

export interface SpanScores {
  exact: MatchCount;
  overlap: MatchCount;
  confusion: Confusion;
}

/** Exact and overlap counts and the character confusion of two reviewers on one text. */
export function spanScores(a: readonly SpanInput[], b: readonly SpanInput[], length: number): SpanScores {
  return {
    exact: exactMatchCount(a, b),
    overlap: overlapMatchCount(a, b),
    confusion: addConfusion(emptyConfusion(), a, b, length),
  };
}

/** Sums per-article scores into one (the project figure of a pair of reviewers). */
export function poolScores(parts: readonly SpanScores[]): SpanScores {
  const sum = (pick: (s: SpanScores) => MatchCount): MatchCount => ({
    matches: parts.reduce((t, p) => t + pick(p).matches, 0),
    a: parts.reduce((t, p) => t + pick(p).a, 0),
    b: parts.reduce((t, p) => t + pick(p).b, 0),
  });
  const confusion = emptyConfusion();
  for (const p of parts) p.confusion.forEach((row, i) => row.forEach((v, j) => (confusion[i][j] += v)));
  return { exact: sum((s) => s.exact), overlap: sum((s) => s.overlap), confusion };
}

/** Kappa's inputs without the full matrix: the diagonal and each reviewer's per-label totals. */
export interface CharCounts {
  /** Characters both labelled k (0 none, 1 claim, 2 quote, 3 context). */
  agree: number[];
  /** Characters A labelled k; B labelled k. Each sums to the text length. */
  a: number[];
  b: number[];
}

/** [start, end, code] runs of one reviewer's character labels: characterLabels without the array. */
export function labelRuns(spans: readonly SpanInput[], length: number): Array<[number, number, number]> {
  const ordered = [...spans].sort((x, y) => x.start - y.start || y.end - x.end || CODE[x.label] - CODE[y.label]);
  const runs: Array<[number, number, number]> = [];
  // Sorted by start, what earlier spans labelled from here on is one stretch [start, reach).
  let reach = 0;
  for (const span of ordered) {
    const start = Math.max(0, span.start, reach);
    const end = Math.min(length, span.end);
    if (end > start) runs.push([start, end, CODE[span.label]]);
    reach = Math.max(reach, end);
  }
  return runs;
}

/**
 * The same counts addConfusion gives on the diagonal and the margins, in time linear in the
 * spans rather than the characters (the agreement cache computes one per article and pair).
 */
export function charCounts(a: readonly SpanInput[], b: readonly SpanInput[], length: number): CharCounts {
  const ra = labelRuns(a, length);
  const rb = labelRuns(b, length);
  const totals = (runs: Array<[number, number, number]>) => {
    const t = [0, 0, 0, 0];
    for (const [s, e, c] of runs) t[c] += e - s;
    t[0] = length - t[1] - t[2] - t[3];
    return t;
  };
  const agree = [0, 0, 0, 0];
  let both = 0;
  for (let i = 0, j = 0; i < ra.length && j < rb.length; ) {
    const size = Math.min(ra[i][1], rb[j][1]) - Math.max(ra[i][0], rb[j][0]);
    if (size > 0) {
      both += size;
      if (ra[i][2] === rb[j][2]) agree[ra[i][2]] += size;
    }
    if (ra[i][1] < rb[j][1]) i++;
    else j++;
  }
  const ta = totals(ra);
  const tb = totals(rb);
  // Characters neither labelled: all, less A's, less B's, plus the ones counted twice.
  agree[0] = length - (length - ta[0]) - (length - tb[0]) + both;
  return { agree, a: ta, b: tb };
}

/** Adds `part` into `into` (pooling articles). */
export function addCharCounts(into: CharCounts, part: CharCounts): CharCounts {
  for (let k = 0; k < 4; k++) {
    into.agree[k] += part.agree[k];
    into.a[k] += part.a[k];
    into.b[k] += part.b[k];
  }
  return into;
}

/** Cohen's kappa from CharCounts: the same value as kappa() of the full confusion matrix. */
export function kappaOf(counts: CharCounts): number | null {
  const n = counts.a.reduce((s, v) => s + v, 0);
  if (n === 0) return null;
  const po = counts.agree.reduce((s, v) => s + v, 0) / n;
  const chance = counts.a.reduce((s, v, k) => s + (v / n) * (counts.b[k] / n), 0);
  if (Math.abs(1 - chance) < 1e-12) return null;
  return (po - chance) / (1 - chance);
}
