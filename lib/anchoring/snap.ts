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

/** Opening and closing marks: a span may start with an opener (or end with a closer) only when it holds its partner. */
const OPENER = /[\p{Ps}\p{Pi}"'«„‚]/u;
const CLOSER = /[\p{Pe}\p{Pf}"'»“”‘’]/u;
/** Marks a span never starts or ends on: space, dashes, and the separating punctuation. */
const LOOSE_START = /[\s\p{Pd}\p{Pe}\p{Pf},.;:!?…]/u;
const LOOSE_END = /[\s\p{Pd}\p{Ps}\p{Pi},;:]/u;

/** Whether [from, to) holds one of the marks in `re`. */
function holds(text: string, from: number, to: number, re: RegExp): boolean {
  for (let i = from; i < to; i++) if (re.test(text[i])) return true;
  return false;
}

/**
 * Drops what a span should not start or end on: white space, a dash, a lone opening bracket or
 * quote at the end, a lone closing one at the start, a comma or colon at either edge. A quote
 * mark that opens (or closes) a quotation inside the span stays, and so does a full stop.
 */
export function tidyEdges(text: string, span: Span, edges: 'both' | 'start' | 'end' = 'both'): Span {
  let { start, end } = span;
  for (let changed = true; changed && start < end;) {
    changed = false;
    const first = edges === 'end' ? 'x' : text[start];
    const startsLoose = LOOSE_START.test(first) && !(OPENER.test(first) && holds(text, start + 1, end, CLOSER));
    if (startsLoose || (OPENER.test(first) && !holds(text, start + 1, end, CLOSER))) { start++; changed = true; continue; }
    const last = edges === 'start' ? 'x' : text[end - 1];
    const endsLoose = LOOSE_END.test(last) && !(CLOSER.test(last) && holds(text, start, end - 1, OPENER));
    if (endsLoose || (CLOSER.test(last) && !/[.!?…]/u.test(last) && !holds(text, start, end - 1, OPENER))) { end--; changed = true; }
  }
  return start < end ? { start, end } : span;
}

/**
 * Widens a selection to whole words and trims surrounding white space and loose punctuation.
 * A selection that is only white space is returned as it was (grapheme-snapped), for the caller to refuse.
 */
export function snapToWords(text: string, span: Span): Span {
  const g = snapToGraphemes(text, span);
  const trimmed = trimSpan(text, g);
  if (trimmed.start === trimmed.end) return g;
  const s = pieceInside(text, trimmed.start, words, true);
  const e = pieceInside(text, trimmed.end, words, true);
  return snapToGraphemes(text, tidyEdges(text, { start: s ? s.start : trimmed.start, end: e ? e.end : trimmed.end }));
}

/**
 * Moves one boundary of a span by a word: `delta` +1 moves it right to the next word edge,
 * -1 left. A start always lands on the start of a word and an end on the end of one, so one
 * step back and one forward return to where they began.
 */
export function moveByWord(text: string, offset: number, delta: 1 | -1, edge: 'start' | 'end' = 'end'): number {
  const pieces = piecesAround(text, offset, words).filter((p) => p.wordLike);
  const at = (p: Piece) => (edge === 'start' ? p.start : p.end);
  if (delta > 0) {
    const next = pieces.find((p) => at(p) > offset);
    if (next) return at(next);
    const line = text.indexOf('\n', offset + 1);
    return line === -1 ? text.length : line;
  }
  const prev = [...pieces].reverse().find((p) => at(p) < offset);
  if (prev) return at(prev);
  const line = text.lastIndexOf('\n', offset - 2);
  return line === -1 ? 0 : line + 1;
}

/**
 * The boundary buttons: moves the start or the end of a span by one word, keeping at least one
 * word inside. Returns the span unchanged when the move would empty it.
 */
export function moveEdge(text: string, span: Span, edge: 'start' | 'end', delta: 1 | -1): Span {
  const next = { ...span, [edge]: moveByWord(text, span[edge], delta, edge) };
  if (next.end <= next.start || !text.slice(next.start, next.end).trim()) return span;
  const tidy = tidyEdges(text, next, edge);
  // Tidying must not undo the move itself (it would make the button do nothing).
  return tidy[edge] === span[edge] ? next : tidy;
}
