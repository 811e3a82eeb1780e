import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { quoteSelector, reanchorQuote } from '@/lib/anchoring/quote';
import { moveByWord, snapToGraphemes, snapToWords } from '@/lib/anchoring/snap';
import { splitsSurrogatePair } from '@/lib/anchoring/units';

const seed = fs.readFileSync('seeds/000_b946d1dd13773335.txt', 'utf8');
const at = (text: string, s: string) => {
  const i = text.indexOf(s);
  if (i < 0) throw new Error(`not in text: ${s}`);
  return i;
};

describe('quoteSelector', () => {
  it('takes 32 characters either side', () => {
    const start = at(seed, 'occupied territories');
    const q = quoteSelector(seed, start, start + 20);
    expect(q.exact).toBe('occupied territories');
    expect(q.prefix).toBe(seed.slice(start - 32, start));
    expect(q.suffix).toBe(seed.slice(start + 20, start + 52));
  });
  it('is shorter at the edges of the text', () => {
    const q = quoteSelector('Hello world', 0, 5);
    expect(q).toEqual({ exact: 'Hello', prefix: '', suffix: ' world' });
  });
  it.each([
    ['prefix would start inside a flag', `🇺🇦${'x'.repeat(31)}WORD`, 'WORD'],
    ['suffix would end inside a thumb', `WORD${'x'.repeat(31)}👍🏽`, 'WORD'],
  ])('never cuts a surrogate pair: %s', (_n, text, word) => {
    const start = at(text, word);
    const q = quoteSelector(text, start, start + word.length);
    const prefixStart = start - q.prefix.length;
    expect(splitsSurrogatePair(text, prefixStart)).toBe(false);
    expect(splitsSurrogatePair(text, start + word.length + q.suffix.length)).toBe(false);
    expect(q.prefix.length).toBeLessThanOrEqual(32);
  });
});

describe('reanchorQuote', () => {
  const text = 'the position is unchanged. Our position is unchanged — only the people decide. Our position is unchanged.';
  it('prefers the occurrence whose context matches', () => {
    const second = text.indexOf('Our position', 10);
    const q = quoteSelector(text, second, second + 12);
    expect(reanchorQuote(text, q)).toEqual({ start: second, end: second + 12 });
    const third = text.lastIndexOf('Our position');
    const q3 = quoteSelector(text, third, third + 12);
    expect(reanchorQuote(text, q3)).toEqual({ start: third, end: third + 12 });
  });
  it('finds the quote after text was inserted before it', () => {
    const start = at(seed, 'Svyatoshynskyi');
    const q = quoteSelector(seed, start, start + 14);
    const edited = `UPDATE: corrected.\n${seed}`;
    expect(reanchorQuote(edited, q, start)).toEqual({ start: start + 19, end: start + 33 });
  });
  it('returns null when the text is gone', () => {
    expect(reanchorQuote('nothing here', { exact: 'missing', prefix: '', suffix: '' })).toBeNull();
  });
});

describe('snapToWords', () => {
  const cases: Array<[string, string, string, string]> = [
    // text, the selected substring, the word(s) expected after snapping
    ['middle of a word', seed, 'kraine will not leg', 'Ukraine will not legally'],
    ['trailing space is dropped', seed, 'Ukraine ', 'Ukraine'],
    ['leading space is dropped', seed, ' legally', 'legally'],
    ['already whole', seed, 'occupied territories', 'occupied territories'],
    ['accented word (decomposed)', 'say Zelens\u030cky\u0301y said', 'ens\u030ck', 'Zelens\u030cky\u0301y'],
    ['Cyrillic', 'Слава Україні сьогодні', 'краї', 'Україні'],
    ['Arabic (RTL)', 'قال زيلينسكي إن أوكرانيا', 'لينس', 'زيلينسكي'],
    ['Hebrew (RTL)', 'זלנסקי אמר שאוקראינה', 'מ', 'אמר'],
  ];
  it.each(cases)('%s', (_name, text, selected, expected) => {
    const start = at(text, selected);
    const snapped = snapToWords(text, { start, end: start + selected.length });
    expect(text.slice(snapped.start, snapped.end)).toBe(expected);
  });

  it('keeps a flag emoji whole', () => {
    const text = 'Flag 🇺🇦 here';
    const s = snapToWords(text, { start: 6, end: 8 });
    expect(text.slice(s.start, s.end)).toBe('🇺🇦');
  });

  it('snaps CJK to a dictionary word, not the whole sentence', () => {
    const text = '泽连斯基说乌克兰不会承认被占领土';
    const start = text.indexOf('克');
    const s = snapToWords(text, { start, end: start + 1 });
    const word = text.slice(s.start, s.end);
    expect(word).toContain('克');
    expect(word.length).toBeLessThan(6);
  });

  it('returns a whitespace-only selection unchanged for the caller to refuse', () => {
    expect(snapToWords('a   b', { start: 1, end: 3 })).toEqual({ start: 1, end: 3 });
  });
});

describe('snapToGraphemes', () => {
  it.each([
    ['skin-toned thumb', 'ok 👍🏽 ok', 4, 6, '👍🏽'],
    ['letter with combining accent', 'cafe\u0301!', 4, 5, 'e\u0301'],
    ['flag', '🇺🇦🇺🇦', 2, 5, '🇺🇦🇺🇦'],
  ])('%s', (_n, text, start, end, expected) => {
    const s = snapToGraphemes(text, { start, end });
    expect(text.slice(s.start, s.end)).toBe(expected);
  });
});

describe('moveByWord', () => {
  const text = 'one two three\nfour';
  it.each([
    [3, 1, 'end', 7],
    [4, 1, 'end', 7],
    [7, -1, 'end', 3],
    [4, -1, 'start', 0],
    [4, 1, 'start', 8],
    [13, 1, 'end', 18],
  ] as const)('from %i by %i (%s) goes to %i', (offset, delta, edge, expected) => {
    expect(moveByWord(text, offset, delta, edge)).toBe(expected);
  });
});
