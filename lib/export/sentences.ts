/**
 * Sentences of an article body, numbered from 0, for exports that point at evidence by
 * (page, line) as FEVER does. Segmentation is Unicode's (UAX #29, through Intl.Segmenter), so
 * CJK and Arabic punctuation end sentences too and a line break always does; blank segments
 * are not numbered. Ranges are UTF-16 offsets of the body, like the spans they are matched to.
 */

export interface Sentence {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The non-blank sentences of `body`, in order; a sentence's number is its index. */
export function splitSentences(body: string): Sentence[] {
  const out: Sentence[] = [];
  for (const { index, segment } of segmenter.segment(body)) {
    if (segment.trim()) out.push({ start: index, end: index + segment.length });
  }
  return out;
}

/** A sentence as one line of text: no tab or line break inside, no surrounding spaces. */
export function sentenceText(body: string, sentence: Sentence): string {
  return body.slice(sentence.start, sentence.end).replace(/[\t\r\n]+/g, ' ').trim();
}

/** The numbers of the sentences that [start, end) touches (at least one for a non-empty span). */
export function sentencesCovering(sentences: readonly Sentence[], start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (s.start >= end) break;
    if (s.end > start) out.push(i);
  }
  if (out.length === 0 && sentences.length) {
    // A span of blank text only: the sentence before it (or the first) holds it best.
    const before = sentences.findLastIndex((s) => s.end <= start);
    out.push(Math.max(0, before));
  }
  return out;
}
