/**
 * Issue #14 item 3: two reviewers tag the same span, one as a claim and one as a quote. The
 * disagreement list names it a label disagreement ("claim vs quote"), whatever else sits
 * nearby. Spans are found in real article text (Latin, Cyrillic, emoji) by their words.
 */
import { describe, expect, it } from 'vitest';
import type { Label } from '@/lib/domain';
import { listDisagreements } from '@/lib/metrics/disagreements';

const TEXT = [
  'Ukraine will not legally recognize any temporarily occupied territories as Russian, and this position is unchanged.',
  'President of Ukraine Volodymyr Zelenskyy made this statement while laying flowers near a house destroyed by a Russian strike.',
  'Україна не визнає окуповані території російськими, заявив Зеленський 🇺🇦 у Києві.',
  'Our position is unchanged — only the Ukrainian people have the right to decide which territories are Ukrainian.',
].join(' ');

let nextId = 1;
/** The span of `words` in TEXT (UTF-16 offsets, as the app stores them). */
function tag(label: Label, words: string) {
  const start = TEXT.indexOf(words);
  if (start < 0) throw new Error(`not in the text: ${words}`);
  return { id: nextId++, label, start, end: start + words.length };
}

const CLAIM_SENTENCE = 'Ukraine will not legally recognize any temporarily occupied territories as Russian';
const CYRILLIC = 'Україна не визнає окуповані території російськими';
const QUOTE = 'only the Ukrainian people have the right to decide which territories are Ukrainian';

type Case = { name: string; a: Awaited<ReturnType<typeof tag>>[]; b: Awaited<ReturnType<typeof tag>>[]; expected: Array<[string, string | null, string | null]> };

const cases: Case[] = [
  {
    name: 'the same span, claim vs quote',
    a: [tag('claim', CLAIM_SENTENCE)],
    b: [tag('quote', CLAIM_SENTENCE)],
    expected: [['label', 'claim', 'quote']],
  },
  {
    name: 'claim vs quote although B also tagged an overlapping claim (the case the list got wrong)',
    a: [tag('claim', CLAIM_SENTENCE)],
    b: [tag('quote', CLAIM_SENTENCE), tag('claim', 'temporarily occupied territories as Russian, and this position is unchanged')],
    expected: [['label', 'claim', 'quote'], ['only-b', null, 'claim']],
  },
  {
    name: 'Cyrillic text with an emoji after it: quote vs context on one span',
    a: [tag('quote', CYRILLIC), tag('claim', QUOTE)],
    b: [tag('context', CYRILLIC), tag('claim', QUOTE)],
    expected: [['label', 'quote', 'context']],
  },
  {
    name: 'A tagged the span twice (claim and quote), B once as a quote: the quote agrees, the claim is A’s only',
    a: [tag('claim', QUOTE), tag('quote', QUOTE)],
    b: [tag('quote', QUOTE)],
    expected: [['only-a', 'claim', null]],
  },
  {
    name: 'different boundaries and the same label stay a boundaries disagreement',
    a: [tag('claim', 'Zelenskyy made this statement')],
    b: [tag('claim', 'Volodymyr Zelenskyy made this statement while laying flowers')],
    expected: [['boundaries', 'claim', 'claim']],
  },
];

describe('label disagreements on one span (issue #14 item 3)', () => {
  it.each(cases)('$name', ({ a, b, expected }) => {
    const got = listDisagreements(a, b).map((d) => [d.kind, d.a?.label ?? null, d.b?.label ?? null]);
    expect(got).toEqual(expected);
  });
});
