import { describe, expect, it } from 'vitest';
import { IntervalIndex, depthSegments, type Interval } from '@/lib/anchoring/intervals';

const spans: Interval[] = [
  { id: 1, start: 0, end: 10 },
  { id: 2, start: 5, end: 15 },
  { id: 3, start: 20, end: 30 },
  { id: 4, start: 22, end: 25 }, // nested in 3
  { id: 5, start: 0, end: 100 }, // covers everything
];

function brute(list: Interval[], start: number, end: number): number[] {
  return list.filter((s) => s.start < end && s.end > start).map((s) => s.id).sort((a, b) => a - b);
}

describe('IntervalIndex', () => {
  const index = new IntervalIndex(spans);
  it.each([
    [0, [1, 5]],
    [9, [1, 2, 5]],
    [10, [2, 5]],
    [15, [5]],
    [23, [3, 4, 5]],
    [99, [5]],
    [100, []],
  ])('point %i is inside %j', (offset, ids) => {
    expect(index.at(offset).map((s) => s.id).sort((a, b) => a - b)).toEqual(ids);
  });

  it('lists spans in text order', () => {
    expect(index.all().map((s) => s.id)).toEqual([1, 5, 2, 3, 4]);
  });

  it('agrees with a brute-force scan over random spans', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const list: Interval[] = Array.from({ length: 2000 }, (_, id) => {
      const start = rand(10000);
      return { id, start, end: start + 1 + rand(rand(10) === 0 ? 3000 : 40) };
    });
    const big = new IntervalIndex(list);
    for (let q = 0; q < 300; q++) {
      const a = rand(10000);
      const b = a + 1 + rand(500);
      expect(big.overlapping(a, b).map((s) => s.id).sort((x, y) => x - y)).toEqual(brute(list, a, b));
    }
  });

  it('adds, replaces and removes', () => {
    const added = index.with({ id: 6, start: 40, end: 41 });
    expect(added.at(40).map((s) => s.id)).toEqual([5, 6]);
    const moved = added.with({ id: 6, start: 50, end: 51 });
    expect(moved.at(40).map((s) => s.id)).toEqual([5]);
    expect(moved.without(5).at(50).map((s) => s.id)).toEqual([6]);
    expect(index.size).toBe(5);
  });
});

describe('depthSegments', () => {
  it('marks overlaps with their depth', () => {
    const segs = depthSegments(spans.slice(0, 2), 0, 20);
    expect(segs.map((s) => [s.start, s.end, s.depth])).toEqual([
      [0, 5, 1],
      [5, 10, 2],
      [10, 15, 1],
      [15, 20, 0],
    ]);
    expect(segs[1].ids).toEqual([1, 2]);
  });
  it('handles nested spans', () => {
    const segs = depthSegments([spans[2], spans[3]], 20, 30);
    expect(segs.map((s) => s.depth)).toEqual([1, 2, 1]);
  });
});
