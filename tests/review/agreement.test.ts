/**
 * The agreement measures on small cases worked out by hand; each comment shows the arithmetic.
 */
import { describe, expect, it } from 'vitest';
import {
  characterLabels,
  exactMatchCount,
  f1,
  kappa,
  linkMatchCount,
  overlapMatchCount,
  poolScores,
  spanScores,
  type LinkInput,
  type SpanInput,
} from '@/lib/metrics/agreement';
import { listDisagreements } from '@/lib/metrics/disagreements';

const span = (label: SpanInput['label'], start: number, end: number, id?: number): SpanInput => ({ label, start, end, id });

describe('span F1 and kappa', () => {
  it('scores shifted boundaries: exact 0.5, overlap 1, kappa 0.9184', () => {
    // Text of 20 characters. A: claim [0,5), quote [10,15). B: claim [0,5), quote [11,15).
    const a = [span('claim', 0, 5), span('quote', 10, 15)];
    const b = [span('claim', 0, 5), span('quote', 11, 15)];
    const scores = spanScores(a, b, 20);
    // Exact: only the claim matches: 2·1 / (2 + 2) = 0.5.
    expect(f1(scores.exact)).toBe(0.5);
    // Overlap: both pairs share characters with the same label: 2·2 / 4 = 1.
    expect(f1(scores.overlap)).toBe(1);
    // Characters: claim/claim 5, quote/quote 4, quote/none 1 (char 10), none/none 10.
    // po = 19/20 = 0.95. Marginals A: none 10, claim 5, quote 5; B: none 11, claim 5, quote 4.
    // pe = (10·11 + 5·5 + 5·4) / 400 = 155/400 = 0.3875. kappa = 0.5625 / 0.6125 = 0.918367...
    expect(scores.confusion[2][0]).toBe(1);
    expect(kappa(scores.confusion)).toBeCloseTo(0.5625 / 0.6125, 10);
  });

  it('labels overlapping spans of one reviewer by the span that starts first', () => {
    // Text of 10. A: claim [0,6) and quote [4,10) overlap on 4..5: the claim starts first and wins.
    const a = [span('quote', 4, 10), span('claim', 0, 6)];
    expect(Array.from(characterLabels(a, 10))).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
    // Same start: the longer span wins; same span: claim before quote before context.
    expect(Array.from(characterLabels([span('context', 0, 2), span('quote', 0, 4)], 5))).toEqual([2, 2, 2, 2, 0]);
    expect(Array.from(characterLabels([span('context', 1, 3), span('claim', 1, 3)], 4))).toEqual([0, 1, 1, 0]);
  });

  it('scores a reviewer whose spans overlap against one clean span: kappa 0.2105', () => {
    // A: claim [0,6), quote [4,10). B: quote [4,10).
    const a = [span('claim', 0, 6), span('quote', 4, 10)];
    const b = [span('quote', 4, 10)];
    const scores = spanScores(a, b, 10);
    // Exact: the quote matches: 2·1 / (2 + 1) = 2/3. Overlap: the same single pair (the claim has no
    // same-label partner) = 2/3.
    expect(f1(scores.exact)).toBeCloseTo(2 / 3, 12);
    expect(f1(scores.overlap)).toBeCloseTo(2 / 3, 12);
    // A chars: claim ×6 (0..5), quote ×4 (6..9). B: none ×4 (0..3), quote ×6 (4..9).
    // Pairs: claim/none 4, claim/quote 2, quote/quote 4. po = 4/10 = 0.4.
    // pe = claim 0.6·0 + quote 0.4·0.6 + none 0·0.4 = 0.24. kappa = 0.16 / 0.76 = 0.210526...
    expect(kappa(scores.confusion)).toBeCloseTo(0.16 / 0.76, 10);
  });

  it('scores a reviewer with no spans: F1 0 and kappa 0', () => {
    // A tagged nothing; B: claim [2,6) in a text of 10.
    const scores = spanScores([], [span('claim', 2, 6)], 10);
    // F1 = 2·0 / (0 + 1) = 0.
    expect(f1(scores.exact)).toBe(0);
    expect(f1(scores.overlap)).toBe(0);
    // po = 6/10 (both none); pe = 1·0.6 (A is all none) = 0.6: kappa = 0 / 0.4 = 0.
    expect(kappa(scores.confusion)).toBe(0);
  });

  it('is undefined when neither reviewer tagged anything, 1 when they agree exactly', () => {
    const none = spanScores([], [], 10);
    expect(f1(none.exact)).toBeNull();
    expect(kappa(none.confusion)).toBeNull();
    const same = spanScores([span('claim', 1, 4)], [span('claim', 1, 4)], 10);
    expect(f1(same.exact)).toBe(1);
    expect(kappa(same.confusion)).toBe(1);
  });

  it('matches overlapping spans one to one, largest overlap first', () => {
    // A: claim [0,10). B: claim [0,2) and claim [3,10): only one of B's spans can pair with A's.
    const count = overlapMatchCount([span('claim', 0, 10)], [span('claim', 0, 2), span('claim', 3, 10)]);
    expect(count).toEqual({ matches: 1, a: 1, b: 2 });
    // F1 = 2·1 / 3.
    expect(f1(count)).toBeCloseTo(2 / 3, 12);
    expect(exactMatchCount([span('claim', 0, 10)], [span('claim', 0, 10), span('claim', 0, 10)]).matches).toBe(1);
  });

  it('pools articles by summing counts and characters', () => {
    // Article 1: exact 1 of (2, 2); article 2: exact 0 of (0, 1). Pooled: 2·1 / (2 + 3) = 0.4.
    const one = spanScores([span('claim', 0, 5), span('quote', 10, 15)], [span('claim', 0, 5), span('quote', 11, 15)], 20);
    const two = spanScores([], [span('claim', 2, 6)], 10);
    const pooled = poolScores([one, two]);
    expect(f1(pooled.exact)).toBe(0.4);
    // 30 characters: A none 20, claim 5, quote 5; B none 17, claim 9, quote 4. Agreeing: 5 + 4 + 16 = 25.
    // po = 25/30; pe = (20·17 + 5·9 + 5·4) / 900 = 405/900 = 0.45. kappa = (25/30 − 0.45) / 0.55.
    expect(kappa(pooled.confusion)).toBeCloseTo((25 / 30 - 0.45) / 0.55, 10);
  });
});

describe('link agreement', () => {
  it('matches (unordered ends, relation): F1 0.4', () => {
    const a: LinkInput[] = [
      { ends: ['1:0:5', '2:3:9'], relation: 'corroborates' },
      { ends: ['1:10:15', '3:0:4'], relation: 'conflicts' },
    ];
    const b: LinkInput[] = [
      { ends: ['2:3:9', '1:0:5'], relation: 'corroborates' }, // same link, ends in the other order
      { ends: ['1:10:15', '3:0:4'], relation: 'corroborates' }, // same ends, other relation
      { ends: ['1:0:5', '3:0:4'], relation: 'conflicts' }, // other ends
    ];
    // One match: 2·1 / (2 + 3) = 0.4.
    expect(f1(linkMatchCount(a, b))).toBe(0.4);
    expect(f1(linkMatchCount([], []))).toBeNull();
  });
});

describe('disagreement list', () => {
  it('lists boundaries, different labels and spans only one reviewer tagged, in text order', () => {
    const a = [span('claim', 0, 5, 1), span('quote', 10, 15, 2), span('context', 20, 25, 3)];
    const b = [span('claim', 0, 6, 4), span('claim', 10, 15, 5), span('quote', 30, 35, 6)];
    const list = listDisagreements(a, b).map((d) => [d.kind, d.a?.id ?? null, d.b?.id ?? null]);
    expect(list).toEqual([
      ['boundaries', 1, 4],
      ['label', 2, 5],
      ['only-a', 3, null],
      ['only-b', null, 6],
    ]);
    expect(listDisagreements(a, a)).toEqual([]);
  });
});
