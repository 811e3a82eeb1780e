import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { codePointMapper, codePointToUtf16, sliceCodePoints, splitsSurrogatePair, utf16ToCodePoint, utf16ToCodePoints } from '@/lib/anchoring/units';
import { checkSpan } from '@/lib/anchoring/span';

const FLAG = '🇺🇦';
const THUMB = '👍🏽';
const TEXTS = {
  flag: `${FLAG} Слава Україні`,
  thumb: `Good ${THUMB} work`,
  accents: 'Cafe\u0301 Zelens\u030cky\u0301y', // decomposed on purpose: combining marks are separate code points
  cjk: '泽连斯基说：乌克兰不会承认被占领土。',
  arabic: 'قال زيلينسكي إن أوكرانيا لن تعترف',
  hebrew: 'זלנסקי אמר שאוקראינה לא תכיר',
  mixed: `a${FLAG}b${THUMB}c\u05e9\u0644\u0627\u0645d`,
};

describe('UTF-16 <-> code point offsets', () => {
  const cases: Array<[string, string, number, number]> = [
    ['flag is 4 units, 2 points', TEXTS.flag, 4, 2],
    ['after flag and space', TEXTS.flag, 5, 3],
    ['thumb with skin tone is 4 units, 2 points', TEXTS.thumb, 9, 7],
    ['combining accents count as their own points', TEXTS.accents, 5, 5],
    ['CJK is one unit each', TEXTS.cjk, 6, 6],
    ['Arabic (RTL) is one unit each', TEXTS.arabic, 10, 10],
    ['Hebrew (RTL) is one unit each', TEXTS.hebrew, 7, 7],
    ['mixed: after a, flag, b', TEXTS.mixed, 6, 4],
    ['mixed: after thumb', TEXTS.mixed, 10, 6],
    ['whole mixed text', TEXTS.mixed, TEXTS.mixed.length, [...TEXTS.mixed].length],
  ];
  it.each(cases)('%s', (_name, text, units, points) => {
    expect(utf16ToCodePoint(text, units)).toBe(points);
    expect(codePointToUtf16(text, points)).toBe(units);
    expect([...text.slice(0, units)].length).toBe(points);
  });

  it('converts many offsets at once in input order', () => {
    const text = TEXTS.mixed;
    const offsets = [10, 0, 6, 1, text.length];
    expect(utf16ToCodePoints(text, offsets)).toEqual(offsets.map((o) => utf16ToCodePoint(text, o)));
  });

  it('round-trips every offset of every seed text', () => {
    for (const file of fs.readdirSync('seeds').filter((f) => f.endsWith('.txt'))) {
      const text = fs.readFileSync(`seeds/${file}`, 'utf8');
      const offsets = Array.from({ length: 50 }, (_, i) => Math.floor((i / 49) * text.length)).filter((o) => !splitsSurrogatePair(text, o));
      const points = utf16ToCodePoints(text, offsets);
      points.forEach((p, i) => expect(codePointToUtf16(text, p)).toBe(offsets[i]));
    }
  });
});

describe('surrogate pairs', () => {
  it.each([
    [TEXTS.flag, 1, true],
    [TEXTS.flag, 2, false],
    [TEXTS.flag, 3, true],
    [TEXTS.thumb, 6, true],
    [TEXTS.thumb, 7, false],
    [TEXTS.accents, 4, false],
    [TEXTS.cjk, 3, false],
    [TEXTS.flag, 0, false],
  ])('%s at %i splits: %s', (text, offset, splits) => {
    expect(splitsSurrogatePair(text, offset)).toBe(splits);
  });
});

describe('checkSpan', () => {
  const body = fs.readFileSync('seeds/000_b946d1dd13773335.txt', 'utf8');
  const word = body.indexOf('Ukraine');
  const cases: Array<[string, string, Parameters<typeof checkSpan>[1], string | null, number?]> = [
    ['a valid span', body, { start: word, end: word + 7, exact: 'Ukraine' }, null],
    ['a valid span without exact', body, { start: 0, end: 5 }, null],
    ['non-integer start', body, { start: 1.5, end: 4 }, 'non-integer', 400],
    ['string offsets', body, { start: '1', end: 4 }, 'non-integer', 400],
    ['negative start', body, { start: -1, end: 4 }, 'negative', 400],
    ['empty', body, { start: 4, end: 4 }, 'empty', 400],
    ['reversed', body, { start: 9, end: 4 }, 'reversed', 400],
    ['past the end', body, { start: 0, end: body.length + 1 }, 'out-of-range', 422],
    ['exact differs', body, { start: word, end: word + 7, exact: 'Ukrain' }, 'exact-mismatch', 422],
    ['start splits the flag', TEXTS.flag, { start: 1, end: 6 }, 'splits-surrogate', 422],
    ['end splits the thumb', TEXTS.thumb, { start: 0, end: 6 }, 'splits-surrogate', 422],
    ['the whole flag', TEXTS.flag, { start: 0, end: 4, exact: FLAG }, null],
    ['a combining mark alone is allowed (not a surrogate)', TEXTS.accents, { start: 4, end: 5 }, null],
    ['RTL word', TEXTS.hebrew, { start: 0, end: 6, exact: 'זלנסקי' }, null],
  ];
  it.each(cases)('%s', (_name, text, span, problem, status) => {
    const result = checkSpan(text, span);
    expect(result?.problem ?? null).toBe(problem);
    if (status) expect(result?.status).toBe(status);
    if (result) expect(result.message.length).toBeGreaterThan(10);
  });
});

describe('codePointMapper (the exports\' per-article converter)', () => {
  const texts = [
    'Plain ASCII, no astral characters at all.',
    '🇺🇦👍🏽 Zelenskyy said: «ми не визнаємо» — 不承认 😀 end',
    'Cafe\u0301 «red line» 👍🏽👍🏽 لن نتنازل عن أراضينا 🇺🇦',
  ];
  it.each(texts)('agrees with utf16ToCodePoint at every boundary of %s', (text) => {
    const toCp = codePointMapper(text);
    for (let i = 0; i <= text.length; i++) {
      if (splitsSurrogatePair(text, i)) continue;
      expect(toCp(i)).toBe(utf16ToCodePoint(text, i));
    }
  });
  it('slices by code points back to the same text', () => {
    const text = texts[1];
    const start = text.indexOf('Zelenskyy');
    const end = start + 'Zelenskyy said'.length;
    const toCp = codePointMapper(text);
    expect(sliceCodePoints(text, toCp(start), toCp(end))).toBe('Zelenskyy said');
  });
});
