/**
 * The sentence splitter as it was before it became linear (git 4ac6dbb, lib/search/sentences.ts),
 * kept verbatim as the oracle the new one must agree with. It is quadratic in the length of a
 * paragraph: only feed it normal article text.
 */
interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Words that end with a full stop without ending the sentence. Lower case, without the dot. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'gen', 'col', 'lt', 'sgt', 'capt', 'rep', 'sen', 'gov', 'pres',
  'vs', 'etc', 'e.g', 'i.e', 'cf', 'vol', 'pp', 'approx', 'inc', 'ltd', 'co', 'corp', 'dept',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'u.s', 'u.k', 'u.n', 'e.u', 'a.m', 'p.m',
]);

/** Sentence-ending punctuation, then any closing quotes or brackets, then white space. */
const BOUNDARY = /([.!?…]+)(["'”’»)\]]*)(\s+)/gu;
const CONTENT = /[\p{L}\p{N}]/u;

/** Whether the full stop ending `before` belongs to an abbreviation or an initial. */
function isAbbreviation(before: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
  if (!word) return false;
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Whether a boundary match really ends a sentence, looking at the text around it. */
function endsSentence(paragraph: string, match: RegExpExecArray): boolean {
  const next = paragraph.slice(match.index + match[0].length);
  if (next === '') return true;
  if (/^\p{Ll}/u.test(next)) return false;
  if (match[1] === '.' && isAbbreviation(paragraph.slice(0, match.index))) return false;
  return true;
}

/** Trims white space off [start, end) of `text` and returns the span, or null if nothing is left. */
function trimmedSpan(text: string, start: number, end: number): [number, number] | null {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  if (start >= end || !CONTENT.test(text.slice(start, end))) return null;
  return [start, end];
}

/** Splits one paragraph (no newlines) into sentence spans relative to the paragraph. */
function splitParagraph(paragraph: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(paragraph); m; m = BOUNDARY.exec(paragraph)) {
    if (!endsSentence(paragraph, m)) continue;
    const cut = m.index + m[1].length + m[2].length;
    const span = trimmedSpan(paragraph, from, cut);
    if (span) spans.push(span);
    from = cut;
  }
  const last = trimmedSpan(paragraph, from, paragraph.length);
  if (last) spans.push(last);
  return spans;
}

/**
 * Splits a body into sentences: every line is split on sentence-ending punctuation followed
 * by white space and a character that is not a lower-case letter, except after common
 * abbreviations and initials. Lines without punctuation (headlines, datelines) are one
 * sentence each. Spans never include surrounding white space and never cross a newline.
 */
export function splitSentencesQuadratic(body: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lines = /[^\n]+/g;
  for (let line = lines.exec(body); line; line = lines.exec(body)) {
    for (const [s, e] of splitParagraph(line[0])) {
      const start = line.index + s;
      const end = line.index + e;
      sentences.push({ start, end, text: body.slice(start, end) });
    }
  }
  return sentences;
}
