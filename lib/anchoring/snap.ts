/**
 * Snapping a selection to what a person meant: whole words (Intl.Segmenter, so CJK and Thai
 * words work too), or at least whole characters (grapheme clusters: a flag, a skin-toned emoji
 * or a letter with its combining accent is never cut). Pure; runs in the browser and in tests.
 */

const WINDOW = 256;
const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface Span {
  start: number;
  end: number;
}

interface Piece {
  start: number;
  end: number;
  wordLike: boolean;
}

/** Segments of the text around `offset` (a bounded window, so a 200,000-character body is cheap). */
function piecesAround(text: string, offset: number, segmenter: Intl.Segmenter): Piece[] {
  let from = Math.max(0, offset - WINDOW);
  let to = Math.min(text.length, offset + WINDOW);
  const lineBefore = text.lastIndexOf('\n', offset - 1);
  if (lineBefore >= from) from = lineBefore + 1;
  const lineAfter = text.indexOf('\n', offset);
  if (lineAfter !== -1 && lineAfter < to) to = lineAfter;
  const out: Piece[] = [];
  for (const s of segmenter.segment(text.slice(from, to))) {
    out.push({ start: from + s.index, end: from + s.index + s.segment.length, wordLike: s.isWordLike ?? false });
  }
  return out;
}

/** The piece that strictly contains `offset` (offset inside it, not on its edge). */
function pieceInside(text: string, offset: number, segmenter: Intl.Segmenter, wordOnly: boolean): Piece | null {
  for (const p of piecesAround(text, offset, segmenter)) {
    if (p.start < offset && offset < p.end && (!wordOnly || p.wordLike)) return p;
  }
  return null;
}

/** Moves the edges of a span out to whole grapheme clusters. */
export function snapToGraphemes(text: string, span: Span): Span {
  const s = pieceInside(text, span.start, graphemes, false);
  const e = pieceInside(text, span.end, graphemes, false);
  return { start: s ? s.start : span.start, end: e ? e.end : span.end };
}

/** Drops white space at either edge of a span (a double-click often takes the trailing space). */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/**
 * Widens a selection to whole words and trims surrounding white space. A selection that is
 * only white space is returned as it was (grapheme-snapped), for the caller to refuse.
 */
export function snapToWords(text: string, span: Span): Span {
  const g = snapToGraphemes(text, span);
  const trimmed = trimSpan(text, g);
  if (trimmed.start === trimmed.end) return g;
  const s = pieceInside(text, trimmed.start, words, true);
  const e = pieceInside(text, trimmed.end, words, true);
  return snapToGraphemes(text, { start: s ? s.start : trimmed.start, end: e ? e.end : trimmed.end });
}

/**
 * Moves one boundary of a span by a word: `delta` +1 moves it right to the next word edge,
 * -1 left. Used by the edit dialog's boundary buttons.
 */
export function moveByWord(text: string, offset: number, delta: 1 | -1): number {
  const pieces = piecesAround(text, offset, words).filter((p) => p.wordLike);
  if (delta > 0) {
    const next = pieces.find((p) => p.end > offset);
    if (next) return next.end;
    const line = text.indexOf('\n', offset + 1);
    return line === -1 ? text.length : line;
  }
  const prev = [...pieces].reverse().find((p) => p.start < offset);
  if (prev) return prev.start;
  const line = text.lastIndexOf('\n', offset - 2);
  return line === -1 ? 0 : line + 1;
}
