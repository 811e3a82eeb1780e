/** The one-line description of a link: outlet (or a short title) and a short form of each statement. */
import { describe, expect, it } from 'vitest';
import { linkDescription, shortText, sourceName } from '@/components/review/linkDescription';

const UNN = { outlet: 'UNN', articleTitle: 'Zelensky: Ukraine will never recognise occupied territories', exact: 'Україна ніколи не визнає тимчасово окуповані території російськими' };
const ZAMIN = { outlet: 'Zamin.uz', articleTitle: 'Зеленский', exact: 'Украина не признает оккупированные территории' };
const NO_OUTLET = { outlet: null, articleTitle: 'We will not give up our land 🇺🇦, says Zelensky in Kyiv', exact: 'we will not give up 🇺🇦 land' };

describe('shortText', () => {
  it.each([
    ['short text stays', 'Kyiv, April 22', 48, 'Kyiv, April 22'],
    ['cuts at a word boundary with an ellipsis', 'Україна ніколи не визнає тимчасово окуповані території російськими', 30, 'Україна ніколи не визнає…'],
    ['folds line breaks and runs of spaces', 'He said:\n\n  “No.”', 48, 'He said: “No.”'],
    ['never splits a flag', '🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦', 3, '🇺🇦🇺🇦🇺🇦…'],
    ['drops a dangling dash before the ellipsis', 'only the Ukrainian people — and nobody else — decide', 28, 'only the Ukrainian people…'],
  ])('%s', (_name, text, max, expected) => {
    expect(shortText(text, max)).toBe(expected);
  });
});

describe('linkDescription', () => {
  it('names both outlets, both statements and the relation', () => {
    expect(linkDescription({ relation: 'conflicts', from: UNN, to: ZAMIN }, 30)).toBe('UNN: «Україна ніколи не визнає…» ✕ conflicts Zamin.uz: «Украина не признает…»');
  });

  it('uses a short title for an article without an outlet', () => {
    expect(sourceName(NO_OUTLET)).toBe('We will not give up our…');
    expect(linkDescription({ relation: 'corroborates', from: NO_OUTLET, to: UNN }, 20)).toBe('We will not give up our…: «we will not give up…» ✓ corroborates UNN: «Україна ніколи не…»');
  });

  it('tells apart links that join different statements of the same outlets', () => {
    const a = linkDescription({ relation: 'conflicts', from: UNN, to: ZAMIN });
    const b = linkDescription({ relation: 'conflicts', from: { ...UNN, exact: 'заявив Зеленський' }, to: ZAMIN });
    expect(a).not.toBe(b);
  });
});
