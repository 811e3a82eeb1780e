import { describe, expect, it } from 'vitest';
import { tokenize, wordDiff } from '@/lib/text/wordDiff';

const changed = (parts: { text: string; changed: boolean }[]) => parts.filter((p) => p.changed).map((p) => p.text.trim());
const joined = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

describe('wordDiff', () => {
  it('marks the words each outlet changed', () => {
    const d = wordDiff(
      'Ukraine will not legally recognize any temporarily occupied territories.',
      'We will never recognize any temporarily occupied territories as Russian.',
    );
    expect(changed(d.left)).toEqual(['Ukraine', 'not legally']);
    expect(changed(d.right)).toEqual(['We', 'never', 'as Russian']);
    expect(d.similarity).toBeCloseTo((2 * 7) / (10 + 11), 5);
  });

  it('renders each side exactly as written', () => {
    const left = '  “We will never,” he said — twice.';
    const right = '"We will never" he said - twice!';
    const d = wordDiff(left, right);
    expect(joined(d.left)).toBe(left);
    expect(joined(d.right)).toBe(right);
  });

  it('folds case, typographic quotes, apostrophes and dashes', () => {
    const d = wordDiff('Ukraine’s “red line” — never', "ukraine's \"red line\" - NEVER");
    expect(changed(d.left)).toEqual([]);
    expect(changed(d.right)).toEqual([]);
    expect(d.similarity).toBe(1);
  });

  it('handles Cyrillic, diacritics, combining marks and emoji', () => {
    const d = wordDiff('Україна не визнає окуповані території 🇺🇦', 'Україна ніколи не визнає території Cafe\u0301');
    expect(changed(d.left)).toEqual(['окуповані', '🇺🇦']);
    expect(changed(d.right)).toEqual(['ніколи', 'Cafe\u0301']);
    expect(tokenize('Cafe\u0301!').map((t) => t.key)).toEqual(['café', '!']);
  });

  it('compares empty and identical texts', () => {
    expect(wordDiff('', '').similarity).toBe(1);
    expect(wordDiff('same words', 'same words').left).toEqual([{ text: 'same words', changed: false }]);
    expect(wordDiff('', 'new').right).toEqual([{ text: 'new', changed: true }]);
  });
});

describe('sourceName', () => {
  it('prefers the outlet, then the start of the title, then the article number', async () => {
    const { sourceName } = await import('@/lib/text/sourceName');
    expect(sourceName({ outlet: ' UNN ', title: 'Anything' })).toBe('UNN');
    expect(sourceName({ outlet: null, title: 'Zelensky: Ukraine will not recognize the occupied territories' })).toBe('Zelensky: Ukraine will not recognize…');
    expect(sourceName({ outlet: null, title: 'Short title' })).toBe('Short title');
    expect(sourceName({ outlet: '', title: '', articleId: 7 })).toBe('Article 7');
  });
});
