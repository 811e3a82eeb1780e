/**
 * An in-memory interval index over annotation spans: which spans contain an offset (hit-testing
 * a click), which overlap a range (the spans near the viewport). A sorted array with an
 * implicit balanced tree of maximum ends, so each query costs O(log n + matches) even with
 * 20,000 spans, and the array is rebuilt in a few milliseconds when a span is added.
 */

export interface Interval {
  id: number;
  start: number;
  end: number;
}

export class IntervalIndex<T extends Interval = Interval> {
  private items: T[];
  private maxEnd: Int32Array;

  constructor(items: readonly T[] = [], sorted = false) {
    this.items = sorted ? (items as T[]) : [...items].sort(byStart);
    this.maxEnd = new Int32Array(this.items.length);
    this.build(0, this.items.length - 1);
  }

  get size(): number {
    return this.items.length;
  }

  /** Every span in text order (start, then end, then id). */
  all(): readonly T[] {
    return this.items;
  }

  /** A new index with `item` added (or replaced, when its id is already there). */
  with(item: T): IntervalIndex<T> {
    const items = this.items.filter((i) => i.id !== item.id);
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byStart(items[mid], item) < 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, item);
    return new IntervalIndex(items, true);
  }

  /** A new index without the span `id`. */
  without(id: number): IntervalIndex<T> {
    return new IntervalIndex(this.items.filter((i) => i.id !== id), true);
  }

  /** Spans containing the character at `offset`, i.e. start <= offset < end. */
  at(offset: number): T[] {
    return this.overlapping(offset, offset + 1);
  }

  /** Spans sharing at least one character with [start, end), in text order. */
  overlapping(start: number, end: number): T[] {
    const out: T[] = [];
    this.collect(0, this.items.length - 1, start, end, out);
    return out;
  }

  private build(lo: number, hi: number): number {
    if (lo > hi) return -1;
    const mid = (lo + hi) >>> 1;
    const m = Math.max(this.items[mid].end, this.build(lo, mid - 1), this.build(mid + 1, hi));
    this.maxEnd[mid] = m;
    return m;
  }

  private collect(lo: number, hi: number, start: number, end: number, out: T[]): void {
    if (lo > hi) return;
    const mid = (lo + hi) >>> 1;
    if (this.maxEnd[mid] <= start) return;
    this.collect(lo, mid - 1, start, end, out);
    const item = this.items[mid];
    if (item.start >= end) return;
    if (item.end > start) out.push(item);
    this.collect(mid + 1, hi, start, end, out);
  }
}

function byStart(a: Interval, b: Interval): number {
  return a.start - b.start || a.end - b.end || a.id - b.id;
}

export interface DepthSegment {
  start: number;
  end: number;
  /** How many spans cover this piece. */
  depth: number;
  ids: number[];
}

/**
 * Cuts [from, to) into pieces at every span edge, with the spans covering each piece. Used to
 * darken overlaps and, where the Highlight API is missing, to build flat <mark> segments.
 */
export function depthSegments(spans: readonly Interval[], from: number, to: number): DepthSegment[] {
  const edges: Array<[number, 1 | -1, number]> = [];
  for (const s of spans) {
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    if (a < b) edges.push([a, 1, s.id], [b, -1, s.id]);
  }
  edges.sort((x, y) => x[0] - y[0]);
  const active = new Set<number>();
  const out: DepthSegment[] = [];
  let at = from;
  for (let i = 0; i <= edges.length; i++) {
    const pos = i < edges.length ? edges[i][0] : to;
    if (pos > at) {
      out.push({ start: at, end: pos, depth: active.size, ids: [...active].sort((x, y) => x - y) });
      at = pos;
    }
    if (i < edges.length) {
      if (edges[i][1] === 1) active.add(edges[i][2]);
      else active.delete(edges[i][2]);
    }
  }
  return out;
}
