/**
 * The edit dialog's boundary buttons and the snapping of mouse and keyboard selections: a span
 * never starts or ends on white space, a dash or a lone bracket, and ◀ then ▶ is a round trip.
 * Real text from the seed articles, plus Cyrillic with «guillemets» and emoji.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { moveEdge, snapToGraphemes, snapToWords, tidyEdges, type Span } from '@/lib/anchoring/snap';

const kyiv = fs.readFileSync('seeds/000_b946d1dd13773335.txt', 'utf8');
const unn = fs.readFileSync('seeds/002_8fb12bc5c4d7dd93.txt', 'utf8');
const zamin = fs.readFileSync('seeds/003_81d772de5cd714d4.txt', 'utf8');
const cyrillic = 'Зеленський заявив: «Україна не визнає окуповані території» — і додав, що це «червона лінія» 🇺🇦 для всіх 👍🏽.';

const spanOf = (text: string, s: string, from = 0): Span => {
  const start = text.indexOf(s, from);
  if (start < 0) throw new Error(`not in text: ${s}`);
  return { start, end: start + s.length };
};
const slice = (text: string, s: Span) => text.slice(s.start, s.end);

describe('moveEdge round trips', () => {
  const cases: Array<[string, string, string]> = [
    ['quote after a dash (Kyiv seed)', kyiv, 'only the Ukrainian people have the right'],
    ['claim with curly quotes (UNN seed)', unn, 'the recognition of the occupied territories by Russia is unacceptable'],
    ['sentence with a bracket (Zamin seed)', zamin, 'a 37-year-old man was shot dead'],
    ['Cyrillic after «', cyrillic, 'Україна не визнає окуповані території'],
    ['Cyrillic before an emoji', cyrillic, 'червона лінія'],
  ];
  for (const edge of ['start', 'end'] as const) {
    for (const [first, second] of [[-1, 1], [1, -1]] as const) {
      it.each(cases)(`${edge}: ${first > 0 ? '▶ then ◀' : '◀ then ▶'} returns to the span — %s`, (_n, text, words) => {
        const span = spanOf(text, words);
        const moved = moveEdge(text, span, edge, first);
        expect(moved).not.toEqual(span);
        expect(moveEdge(text, moved, edge, second)).toEqual(span);
      });
    }
  }

  it('never saves a leading space and dash (issue 14 item 4)', () => {
    const span = spanOf(kyiv, 'only the Ukrainian people');
    const back = moveEdge(kyiv, span, 'start', -1);
    expect(slice(kyiv, back)).toBe('unchanged — only the Ukrainian people');
    const forward = moveEdge(kyiv, back, 'start', 1);
    expect(slice(kyiv, forward)).toBe('only the Ukrainian people');
  });

  it('steps over «, — and emoji without stopping on them', () => {
    let span = spanOf(cyrillic, 'червона');
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      span = moveEdge(cyrillic, span, 'end', 1);
      seen.push(slice(cyrillic, span));
    }
    expect(seen).toEqual(['червона лінія', 'червона лінія» 🇺🇦 для', 'червона лінія» 🇺🇦 для всіх']);
    for (const s of seen) expect(s).not.toMatch(/[\s—«]$/u);
  });

  it('keeps at least one word', () => {
    const span = spanOf(kyiv, 'unchanged');
    expect(moveEdge(kyiv, span, 'start', 1)).toEqual(span);
    expect(moveEdge(kyiv, span, 'end', -1)).toEqual(span);
  });
});

describe('snapToWords tidies the edges of mouse and keyboard selections', () => {
  const cases: Array<[string, string, string, string]> = [
    // name, text, the raw selection (as Shift+arrows leave it), what is stored
    ['trailing open bracket', zamin, 'on January 24, a 37-year-old man was shot dead during a deportation operation by officers of the US Immigration and Customs Enforcement (',
      'on January 24, a 37-year-old man was shot dead during a deportation operation by officers of the US Immigration and Customs Enforcement'],
    ['leading space and dash', kyiv, ' — only the Ukrainian people', 'only the Ukrainian people'],
    ['trailing comma and space', cyrillic, 'і додав, ', 'і додав'],
    ['a bracket pair stays', zamin, '(ICE)', '(ICE)'],
    ['a quotation stays whole', cyrillic, '«червона лінія»', '«червона лінія»'],
    ['a lone closing guillemet goes', cyrillic, 'червона лінія» ', 'червона лінія'],
    ['a lone opening guillemet goes', cyrillic, ' «Україна', 'Україна'],
    ['curly quotes around a phrase stay (UNN)', unn, '"red line,"', '"red line,"'],
    ['a full stop stays', kyiv, 'the statement of the US President right now.', 'the statement of the US President right now.'],
    ['the emoji stays', cyrillic, 'лінія» 🇺🇦', 'лінія» 🇺🇦'],
  ];
  it.each(cases)('%s', (_n, text, raw, expected) => {
    expect(slice(text, snapToWords(text, spanOf(text, raw)))).toBe(expected);
  });

  it('Alt keeps the raw selection (only whole characters)', () => {
    const raw = spanOf(kyiv, ' — only');
    expect(snapToGraphemes(kyiv, raw)).toEqual(raw);
  });

  it('tidyEdges leaves a span of only punctuation as it was', () => {
    const raw = spanOf(kyiv, ' — ');
    expect(tidyEdges(kyiv, raw)).toEqual(raw);
  });
});
