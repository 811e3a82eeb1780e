import { describe, expect, it } from 'vitest';
import { splitSentences } from '@/lib/search/sentences';

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
