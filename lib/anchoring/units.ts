/**
 * UTF-16 code units (what JavaScript strings, DOM ranges and our database use) versus Unicode
 * code points (what W3C Web Annotation, brat and Python count). Every conversion goes through
 * here so the two never drift apart.
 */

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair (it would split an emoji). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  return isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** The number of code points in text[0, offset): the code point offset of a UTF-16 offset. */
export function utf16ToCodePoint(text: string, offset: number): number {
  let points = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i++;
    points++;
  }
  return points;
}

/** The UTF-16 offset of the `points`-th code point; text.length when past the end. */
export function codePointToUtf16(text: string, points: number): number {
  let i = 0;
  for (let p = 0; p < points && i < text.length; p++) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/**
 * Converts many UTF-16 offsets in one pass over the text (exports convert thousands at once).
 * Returns code point offsets in the input order.
 */
export function utf16ToCodePoints(text: string, offsets: readonly number[]): number[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  const out = new Array<number>(offsets.length);
  let i = 0;
  let points = 0;
  for (const k of order) {
    const target = Math.min(offsets[k], text.length);
    while (i < target) {
      i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
      points++;
    }
    out[k] = i > target ? points - 1 : points;
  }
  return out;
}

/**
 * Builds a UTF-16 -> code point converter for one body. It records where surrogate pairs
 * start once (O(length)), then answers each offset by binary search, so converting the
 * hundreds of spans of one article stays linear instead of rescanning the text per span.
 */
export function codePointMapper(body: string): (utf16: number) => number {
  const pairs: number[] = [];
  for (let i = 0; i + 1 < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = body.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs.push(i);
        i++;
      }
    }
  }
  if (pairs.length === 0) return (utf16) => utf16;
  return (utf16) => {
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pairs[mid] + 1 < utf16) lo = mid + 1;
      else hi = mid;
    }
    return utf16 - lo;
  };
}

/** Slices a string by code point offsets (for tests and consumers that count code points). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
