/**
 * Offset units. The database stores spans in UTF-16 code units (what JavaScript and the DOM
 * use); W3C Web Annotation, brat and most Python consumers count Unicode code points. The two
 * differ by one for every astral character (emoji, some CJK) before the offset.
 */

/** Number of Unicode code points in a string (a lone surrogate counts as one). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
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

/** Moves `index` off the middle of a surrogate pair (towards `direction`). */
function snap(text: string, index: number, direction: -1 | 1): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  const c = text.charCodeAt(index);
  const prev = text.charCodeAt(index - 1);
  const splits = c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff;
  return splits ? index + direction : index;
}

/**
 * Up to `size` UTF-16 units of context on each side of [start, end), never cutting a
 * surrogate pair, so exported prefix/suffix are well-formed text for any consumer.
 */
export function quoteContext(body: string, start: number, end: number, size = 32): { prefix: string; suffix: string } {
  const from = snap(body, start - size, 1);
  const to = snap(body, end + size, -1);
  return { prefix: body.slice(from, start), suffix: body.slice(end, to) };
}
