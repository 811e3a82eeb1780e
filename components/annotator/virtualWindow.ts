/**
 * The arithmetic of a virtualized list with rows of different heights: prefix sums of the
 * heights (measured where a row has been on screen, estimated elsewhere), which rows meet the
 * viewport plus an overscan margin, and where to scroll to bring one row into view. Pure.
 */

/** offsets[i] is the top of row i; offsets[n] is the height of the whole list. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + Math.max(0, heightOf(i));
  return offsets;
}

/** The first row whose bottom is below `y` (binary search over the offsets). */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid + 1] <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rows [first, last) to render for a viewport of `height` scrolled to `scrollTop`, with
 * `overscan` pixels more on both sides.
 */
export function windowRange(offsets: Float64Array, scrollTop: number, height: number, overscan: number): { first: number; last: number } {
  const n = offsets.length - 1;
  if (n === 0) return { first: 0, last: 0 };
  const top = Math.max(0, Math.min(scrollTop, offsets[n]) - overscan);
  const first = Math.min(rowAt(offsets, top), n - 1);
  const last = Math.min(n, rowAt(offsets, scrollTop + height + overscan) + 1);
  return { first, last: Math.max(last, first + 1) };
}

/**
 * The scrollTop that brings row `index` into view with the least movement (like
 * scrollIntoView's block: 'nearest'), or the current one when it is already in view.
 */
export function scrollToRow(offsets: Float64Array, index: number, scrollTop: number, height: number, margin = 8): number {
  const n = offsets.length - 1;
  if (index < 0 || index >= n) return scrollTop;
  const top = offsets[index];
  const bottom = offsets[index + 1];
  const max = Math.max(0, offsets[n] - height);
  const clamp = (y: number) => Math.min(max, Math.max(0, y));
  if (top - margin < scrollTop) return clamp(top - margin);
  // A row taller than the viewport shows its top.
  if (bottom + margin > scrollTop + height) return clamp(Math.min(bottom + margin - height, top - margin));
  return scrollTop;
}
