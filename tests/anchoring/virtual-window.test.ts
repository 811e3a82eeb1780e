import { describe, expect, it } from 'vitest';
import { rowAt, rowOffsets, scrollToRow, windowRange } from '@/components/annotator/virtualWindow';

// Rows of the side panel: a row's height follows its quote, so real text of different lengths
// (accents, Cyrillic, emoji) gives the variable heights the panel measures.
const quotes = ['Crimea', 'café naïve résumé, the president said', 'Україна 🇺🇦 will not recognize any occupied territories', '👍🏽', 'Слава'];
const heightOf = (i: number) => 40 + 20 * Math.ceil(quotes[i].length / 20);
const offsets = rowOffsets(quotes.length, heightOf);

describe('rowOffsets', () => {
  it('sums the heights into row tops, the last entry being the whole height', () => {
    expect(Array.from(offsets)).toEqual([0, 60, 140, 240, 300, 360]);
  });

  it('treats a negative height (an unmeasured row) as zero', () => {
    expect(Array.from(rowOffsets(3, (i) => (i === 1 ? -5 : 10)))).toEqual([0, 10, 10, 20]);
  });
});

describe('rowAt', () => {
  it.each([
    [0, 0],
    [59, 0],
    [60, 1], // a row's bottom edge belongs to the next row
    [139.5, 1],
    [140, 2],
    [359, 4],
    [360, 5], // past the end: the row count
    [10_000, 5],
  ])('y = %d is in row %i', (y, row) => {
    expect(rowAt(offsets, y)).toBe(row);
  });
});

describe('windowRange', () => {
  it.each([
    ['top, no overscan', 0, 100, 0, { first: 0, last: 2 }],
    ['middle, no overscan', 150, 60, 0, { first: 2, last: 3 }],
    ['overscan widens both sides', 150, 60, 50, { first: 1, last: 4 }],
    ['overscan is clamped to the list', 0, 100, 10_000, { first: 0, last: 5 }],
    ['scrolled past the end shows the last row', 5_000, 100, 0, { first: 4, last: 5 }],
    ['a zero-height viewport still renders one row', 60, 0, 0, { first: 1, last: 2 }],
  ])('%s', (_what, scrollTop, height, overscan, want) => {
    expect(windowRange(offsets, scrollTop, height, overscan)).toEqual(want);
  });

  it('renders nothing for an empty list', () => {
    expect(windowRange(rowOffsets(0, heightOf), 0, 800, 480)).toEqual({ first: 0, last: 0 });
    expect(windowRange(rowOffsets(0, heightOf), 300, 800, 480)).toEqual({ first: 0, last: 0 });
  });

  it('covers 2,000 rows of mixed heights with a window of the viewport only', () => {
    const many = rowOffsets(2_000, (i) => heightOf(i % quotes.length));
    const { first, last } = windowRange(many, 48_000, 800, 480);
    expect(many[first]).toBeLessThanOrEqual(48_000 - 480);
    expect(many[last]).toBeGreaterThanOrEqual(48_000 + 800 + 480);
    expect(last - first).toBeLessThan(60);
  });
});

describe('scrollToRow', () => {
  it.each([
    ['a row already in view keeps the scroll', 2, 100, 200, 100],
    ['a row above the viewport is brought to its top, less the margin', 1, 150, 60, 52],
    ['a row below is brought to the bottom, plus the margin', 3, 0, 100, 208],
    ['never scrolls past the end of the list', 4, 0, 100, 260],
    ['never scrolls above the top', 0, 40, 100, 0],
    ['an index out of range keeps the scroll', 9, 70, 100, 70],
    ['a negative index keeps the scroll', -1, 70, 100, 70],
  ])('%s', (_what, index, scrollTop, height, want) => {
    expect(scrollToRow(offsets, index, scrollTop, height)).toBe(want);
  });

  it('shows the top of a row taller than the viewport', () => {
    // Row 2 is 100 px tall, the viewport 40 px: its top (140) less the margin.
    expect(scrollToRow(offsets, 2, 0, 40)).toBe(132);
  });
});
