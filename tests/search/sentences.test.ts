import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSpaceUnit, sentenceSlices, splitSentences } from '@/lib/search/sentences';
import { splitSentencesQuadratic } from './quadraticSplitter';

const texts = (body: string) => splitSentences(body).map((s) => s.text);

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three?', ['One.', 'Two!', 'Three?']],
    ['He said "we will not go for that." This was announced.', ['He said "we will not go for that."', 'This was announced.']],
    ['The U.S. President spoke. Mr. Smith agreed.', ['The U.S. President spoke.', 'Mr. Smith agreed.']],
    ['Gen. J. Stoltenberg said so. Then left.', ['Gen. J. Stoltenberg said so.', 'Then left.']],
    ['It costs 2.5 million. e.g. not split here.', ['It costs 2.5 million. e.g. not split here.']],
    ['Headline without full stop\nBody text. More text.', ['Headline without full stop', 'Body text.', 'More text.']],
    ['  Leading space.   Trailing space.  ', ['Leading space.', 'Trailing space.']],
    ['Wait… What? Yes!!! “Quoted.” Next', ['Wait…', 'What?', 'Yes!!!', '“Quoted.”', 'Next']],
    ['\n\n---\n\n', []],
  ])('splits %j', (body, expected) => {
    expect(texts(body)).toEqual(expected);
  });

  it('returns UTF-16 offsets whose slice is the sentence text, with emoji and combining marks', () => {
    const body = 'Zełenśkyj 🇺🇦 spoke. Café\u0301 owners agreed 👍🏽.\nНовини: Україна не визнає. Кінець.';
    const sentences = splitSentences(body);
    expect(sentences.map((s) => s.text)).toEqual([
      'Zełenśkyj 🇺🇦 spoke.',
      'Café\u0301 owners agreed 👍🏽.',
      'Новини: Україна не визнає.',
      'Кінець.',
    ]);
    for (const s of sentences) expect(body.slice(s.start, s.end)).toBe(s.text);
  });

  it('never crosses a newline and never includes surrounding white space', () => {
    const body = 'First line without stop\n  second line. third line goes on\n\nlast';
    for (const s of splitSentences(body)) {
      expect(s.text).not.toMatch(/\n/);
      expect(s.text).toBe(s.text.trim());
    }
    expect(texts(body)).toEqual(['First line without stop', 'second line. third line goes on', 'last']);
  });
});

/** Real article text from the seed corpus: five outlets, quotes, dashes, dates and abbreviations. */
const SEEDS = fs
  .readdirSync(path.resolve(__dirname, '../../seeds'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => fs.readFileSync(path.resolve(__dirname, '../../seeds', f), 'utf8'));
const SEEDS_SENTENCES = SEEDS.flatMap((body) => splitSentences(body).map((s) => s.text));

/** Pieces that exercise every rule: abbreviations, initials, quotes, brackets, emoji, scripts, odd spaces. */
const PIECES = [
  'Mr', 'U.S', 'e.g', 'approx', 'J', 'Ż', '𝐀', 'word', 'Слово', 'україна', 'é', 'e\u0301', '🇺🇦', '👍🏽', '\uD800', '\uDC00',
  '.', '!', '?', '…', '"', "'", '”', '’', '»', ')', ']', '(', '«', ' ', '  ', '\u00a0', '\t', '\n', '\u2028', '\u3000',
  '2.5', 'a', 'A', 'ß', '...', '—',
];

/** A deterministic pseudo-random text of `count` pieces. */
function mixedText(seed: number, count: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    text += PIECES[state % PIECES.length];
  }
  return text;
}

describe('splitSentences agrees with the splitter it replaced', () => {
  it.each(SEEDS.map((body, i) => [i, body]))('on seed article %i', (_i, body) => {
    expect(splitSentences(body)).toEqual(splitSentencesQuadratic(body));
  });

  it.each([
    ['a transcript pasted as one line', SEEDS.join(' ').replace(/\n+/g, ' ')],
    ['quotes and brackets after the stop', 'He said: “We will not.” (Then he left.) [Applause.] «Non.» Next.'],
    ['abbreviations and initials', 'Gen. Mark A. Milley met Sen. J. D. Vance at 9 a.m. in the U.S. capital. Prof. Smith, Ph.D., agreed.'],
    ['emoji, flags and astral letters', 'Kyiv 🇺🇦 answers. 👍🏽 Yes! 𝐀. 𝐁 said so. Done 🤝.'],
    ['Cyrillic, Polish and combining marks', 'Зеленський заявив. Україна не визнає! Żółć… Ja. Cafe\u0301. Ok.'],
    ['odd white space', 'One.\u00a0Two.\u2028Three.\u3000Four.\tFive.\u202fSix.'],
  ])('on %s', (_what, body) => {
    expect(splitSentences(body)).toEqual(splitSentencesQuadratic(body));
  });

  it('on 3,000 generated texts of every rule and character class', () => {
    for (let seed = 1; seed <= 3_000; seed++) {
      const text = mixedText(seed, 1 + (seed % 60));
      expect(splitSentences(text), JSON.stringify(text)).toEqual(splitSentencesQuadratic(text));
    }
  });
});

describe('sentenceSlices', () => {
  it('yields, slice by slice, exactly the sentences of the whole, whatever the slice size', () => {
    const texts = [...SEEDS, ...Array.from({ length: 300 }, (_, i) => mixedText(i + 7, 80))];
    for (const [i, text] of texts.entries()) {
      const size = 1 + (i % 97);
      expect([...sentenceSlices(text, size)].flat(), `slice size ${size}`).toEqual(splitSentences(text));
    }
  });

  it('stops at least every slice of characters, even inside one endless sentence', () => {
    const body = 'Mr. '.repeat(10_000);
    const slices = [...sentenceSlices(body, 1_000)];
    expect(slices.length).toBeGreaterThanOrEqual(body.length / 1_000 - 1);
    expect(slices.flat()).toEqual([{ start: 0, end: body.length - 1, text: body.trimEnd() }]);
  });
});

describe('isSpaceUnit', () => {
  it('is exactly /\\s/ on every UTF-16 unit', () => {
    for (let code = 0; code <= 0xffff; code++) {
      if (isSpaceUnit(code) !== /\s/.test(String.fromCharCode(code))) throw new Error(`differs at U+${code.toString(16)}`);
    }
  });
});

describe('splitting time grows linearly', () => {
  /** The best of five timings of splitting each body, taken in turns so that both see the same machine. */
  function bestTimes(bodies: string[]): number[] {
    const best = bodies.map(() => Infinity);
    for (let round = 0; round < 5; round++) {
      bodies.forEach((body, i) => {
        const started = performance.now();
        splitSentences(body);
        best[i] = Math.min(best[i], performance.now() - started);
      });
    }
    return best;
  }

  it.each([
    ['sentences of news text on one line', (n: number) => Array.from({ length: n }, (_, i) => SEEDS_SENTENCES[i % SEEDS_SENTENCES.length]).join(' ')],
    ['abbreviations that end no sentence', (n: number) => 'Mr. '.repeat(n * 20)],
    ['punctuation that is never followed by a space', (n: number) => '!'.repeat(n * 400)],
    ['lines of nothing but white space', (n: number) => ' \t \n'.repeat(n * 100)],
  ])('for %s: 4x the text takes well under 16x the time', (_what, make) => {
    // 5,000 and 20,000 sentences took 1.8 s and 29.9 s before (x16.6); linear is x4.
    const [small, large] = bestTimes([make(5_000), make(20_000)]);
    expect(large / Math.max(small, 1)).toBeLessThan(10);
  });
});
