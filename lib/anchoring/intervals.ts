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
  private maxEnd: Float64Array;

  constructor(items: readonly T[] = []) {
    this.items = [...items].sort(byStart);
    this.maxEnd = new Float64Array(this.items.length);
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
    return new IntervalIndex([...this.items.filter((i) => i.id !== item.id), item]);
  }

  /** A new index without the span `id`. */
  without(id: number): IntervalIndex<T> {
    return new IntervalIndex(this.items.filter((i) => i.id !== id));
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
    if (lo > hi) return -Infinity;
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
  const edges = new Set<number>([from, to]);
  for (const s of spans) {
    if (s.start > from && s.start < to) edges.add(s.start);
    if (s.end > from && s.end < to) edges.add(s.end);
  }
  const cuts = [...edges].sort((a, b) => a - b);
  const out: DepthSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const ids = spans.filter((s) => s.start < b && s.end > a).map((s) => s.id);
    out.push({ start: a, end: b, depth: ids.length, ids });
  }
  return out;
}
