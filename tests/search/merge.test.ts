import { describe, expect, it } from 'vitest';
import { leadersFirst, mergeHits, sameStatement, type StatementHit } from '@/lib/search/merge';

const hit = (articleId: number, start: number, end: number, score: number, extra: Partial<StatementHit> = {}): StatementHit => ({
  kind: 'sentence', articleId, outlet: null, title: `A${articleId}`, start, end, exact: `s${articleId}:${start}`, score, ...extra,
});

describe('merging annotation and sentence hits', () => {
  it('treats spans overlapping by half of the longer one as the same statement', () => {
    expect(sameStatement({ start: 0, end: 10 }, { start: 0, end: 10 })).toBe(true);
    expect(sameStatement({ start: 0, end: 10 }, { start: 5, end: 12 })).toBe(true);
    expect(sameStatement({ start: 0, end: 10 }, { start: 6, end: 12 })).toBe(false);
    expect(sameStatement({ start: 0, end: 100 }, { start: 10, end: 20 })).toBe(false);
    expect(sameStatement({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
  });

  it('shows an annotated sentence once, as its annotation, with the best score', () => {
    const annotation = { id: 7, articleId: 2, start: 0, end: 40, exact: 'annotated words', label: 'quote' as const };
    const merged = mergeHits(
      [hit(2, 0, 40, 3), hit(2, 0, 40, 5, { kind: 'annotation', annotationId: 7, label: 'quote', exact: 'annotated words' }), hit(3, 0, 10, 4)],
      [annotation],
    );
    expect(merged.map((h) => [h.kind, h.annotationId ?? null, h.score])).toEqual([['annotation', 7, 5], ['sentence', null, 4]]);
  });

  it('puts each article\'s strong best match first, weak ones stay in score order', () => {
    const ranked = [hit(1, 0, 5, 10), hit(1, 10, 15, 9), hit(2, 0, 5, 6), hit(1, 20, 25, 5.5), hit(3, 0, 5, 2)];
    expect(leadersFirst(ranked).map((h) => `${h.articleId}:${h.score}`)).toEqual(['1:10', '2:6', '1:9', '1:5.5', '3:2']);
    expect(leadersFirst([])).toEqual([]);
  });
});
