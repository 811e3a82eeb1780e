/** History in human words (issue 14 item 12): no prefix, version or raw JSON attributes. */
import { describe, expect, it } from 'vitest';
import { entityWords, historyRows, wordValue } from '@/components/review/historyWording';

const quote = {
  id: 7, projectId: 1, articleId: 2, authorId: 3, label: 'quote', start: 120, end: 171,
  exact: 'Our position is unchanged — only the Ukrainian people', prefix: 'right now. ', suffix: ' have the right',
  note: '', attributes: { speaker: 'Volodymyr Zelenskyy', quoteKind: 'verbatim' }, status: 'proposed', version: 1, substanceVersion: 1,
  createdAt: '2026-12-02T08:00:00.000Z', updatedAt: '2026-12-02T08:00:00.000Z', deletedAt: null,
};

describe('historyRows', () => {
  it('summarises a creation without internals', () => {
    const rows = historyRows({ before: null, after: quote, changed: [] });
    expect(rows.map((r) => [r.label, r.after])).toEqual([
      ['Label', 'Quote'],
      ['Text', 'Our position is unchanged — only the Ukrainian people'],
      ['Speaker', 'Volodymyr Zelenskyy'],
      ['Quote kind', 'verbatim'],
      ['Status', 'proposed'],
    ]);
  });

  it('shows an edit as the fields a person changed, attributes unfolded', () => {
    const after = { ...quote, start: 118, exact: '— Our position…', prefix: 'now. ', version: 2, substanceVersion: 2, attributes: { speaker: 'Зеленський 🇺🇦', quoteKind: 'verbatim' } };
    const rows = historyRows({ before: quote, after, changed: ['start', 'exact', 'prefix', 'version', 'substanceVersion', 'attributes'] });
    expect(rows).toEqual([
      { key: 'exact', label: 'Text', before: 'Our position is unchanged — only the Ukrainian people', after: '— Our position…' },
      { key: 'speaker', label: 'Speaker', before: 'Volodymyr Zelenskyy', after: 'Зеленський 🇺🇦' },
      { key: 'span', label: 'Span', before: 'characters 120–171', after: 'characters 118–171' },
    ]);
    const text = JSON.stringify(rows);
    for (const internal of ['prefix', 'version', '{', 'attributes']) expect(text).not.toContain(internal === '{' ? '{\\"' : internal);
  });

  it('names codes: verdicts, relations, decisions, a status change', () => {
    expect(historyRows({ before: null, after: { verdict: 'mostly-true', rationale: 'Partly.' }, changed: [] }).map((r) => r.after)).toEqual(['Mostly true', 'Partly.']);
    expect(historyRows({ before: null, after: { relation: 'conflicts', note: 'UNN vs Zamin.uz' }, changed: [] }).map((r) => r.after)).toEqual(['conflicts with', 'UNN vs Zamin.uz']);
    const review = historyRows({ before: null, after: { decision: 'reject', reason: 'wrong target', status: 'rejected', statusBefore: 'proposed' }, changed: [] });
    expect(review.map((r) => [r.label, r.before, r.after])).toEqual([
      ['Decision', null, 'rejected'],
      ['Reason', null, 'wrong target'],
      ['Status', 'proposed', 'rejected'],
    ]);
  });

  it('says "changed" for an unknown nested shape instead of printing JSON', () => {
    expect(wordValue('extra', { a: 1 })).toBe('changed');
    expect(wordValue('note', '')).toBe('∅');
    expect(wordValue('archivedAt', '2026-12-02T08:00:00.000Z')).toBe('2026-12-02 08:00 UTC');
  });
});

describe('entityWords', () => {
  it('describes what an entry is about without an id', () => {
    expect(entityWords('comment')).toBe('in the thread');
    expect(entityWords('review')).toBe('on a review');
    expect(entityWords('unknown')).toBe('');
  });
});
