import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countStates, reanchorSpans, type AnchorState } from '@/lib/anchoring/reanchor';
import { diffBodies } from '@/lib/anchoring/reanchorDiff';
import { alignRevisions } from '@/lib/anchoring/reanchorAlign';
import { normalizeArticleText } from '@/lib/anchoring/normalize';
import { splitsSurrogatePair } from '@/lib/anchoring/units';

const seed = (name: string) => normalizeArticleText(readFileSync(path.join(__dirname, '../../seeds', name), 'utf8'));
const KYIV = seed('000_b946d1dd13773335.txt');
const NATO = seed('001_3b806ca0330072c3.txt');
const JEDDAH = seed('003_81d772de5cd714d4.txt');

/** The span of the `nth` (0-based) occurrence of `text` in `body`. */
function spanOf(body: string, text: string, nth = 0) {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = body.indexOf(text, at + 1);
    if (at === -1) throw new Error(`"${text}" occurs fewer than ${nth + 1} times`);
  }
  return { start: at, end: at + text.length };
}

function one(oldBody: string, newBody: string, span: { start: number; end: number }) {
  return reanchorSpans(oldBody, newBody, [span])[0];
}

interface Case {
  name: string;
  oldBody: string;
  newBody: string;
  /** The span's text in the old body and which occurrence. */
  text: string;
  nth?: number;
  state: AnchorState;
  /** The text the span covers in the new body and which occurrence there (not for orphaned). */
  newText?: string;
  newNth?: number;
}

const moveSentence = (() => {
  const sentence = ' Even those countries that constantly balance between us and Russia, even they recognize the territorial integrity and sovereignty of Ukraine, including the Crimean peninsula.';
  const without = KYIV.replace(sentence, '');
  return without.replace('together with European colleagues.', `together with European colleagues.${sentence}`);
})();

const REPEATED = 'The President stressed that Ukraine knows how to respond to this challenge.';

const cases: Case[] = [
  {
    name: 'a paragraph inserted before the span: kept, shifted',
    oldBody: KYIV,
    newBody: KYIV.replace('President of Ukraine Volodymyr', 'UPDATE 14:05: the President\'s office confirmed the quote.\n\nPresident of Ukraine Volodymyr'),
    text: 'only the Ukrainian people have the right to decide which territories are Ukrainian',
    state: 'kept',
    newText: 'only the Ukrainian people have the right to decide which territories are Ukrainian',
  },
  {
    name: 'a word changed inside the span: edited',
    oldBody: KYIV,
    newBody: KYIV.replace('this is an absolutely fair position', 'this is an entirely fair position'),
    text: 'this is an absolutely fair position, it is legal',
    state: 'edited',
    newText: 'this is an entirely fair position, it is legal',
  },
  {
    name: 'a name that also occurs earlier, copy-edited at the later mention: edited in place',
    oldBody: KYIV,
    newBody: KYIV.replace('territories. Volodymyr Zelenskyy President', 'territories. Volodymyr Zelensky President'),
    text: 'Zelenskyy',
    nth: 1,
    state: 'edited',
    newText: 'Zelensky',
    newNth: 1,
  },
  {
    name: 'a name that also occurs earlier, its later sentence deleted: orphaned, not moved to the earlier mention',
    oldBody: KYIV,
    newBody: KYIV.replace(' Volodymyr Zelenskyy President of Ukraine\n', '\n'),
    text: 'Zelenskyy',
    nth: 1,
    state: 'orphaned',
  },
  {
    name: 'a repeated paragraph, span on the second copy, text inserted above: kept on the second copy',
    oldBody: NATO,
    newBody: NATO.replace('2 min read', '3 min read\n\nCorrection: an earlier version misstated the date.'),
    text: REPEATED,
    nth: 1,
    state: 'kept',
    newText: REPEATED,
    newNth: 1,
  },
  {
    name: 'a repeated paragraph, the second copy removed: moved to the copy that stays',
    oldBody: NATO,
    newBody: NATO.replace(/(The President stressed[^\n]*\n\n)\1/, '$1'),
    text: REPEATED,
    nth: 1,
    state: 'moved',
    newText: REPEATED,
    newNth: 0,
  },
  {
    name: 'a sentence moved to another paragraph: the shorter side of the swap is moved',
    oldBody: KYIV,
    newBody: moveSentence,
    text: 'He added that the Ukrainian team expressed its positions in London together with European colleagues.',
    state: 'moved',
    newText: 'He added that the Ukrainian team expressed its positions in London together with European colleagues.',
  },
  {
    name: 'a sentence moved to another paragraph: the longer side stays aligned, kept wherever it went',
    oldBody: KYIV,
    newBody: moveSentence,
    text: 'even they recognize the territorial integrity and sovereignty of Ukraine',
    state: 'kept',
    newText: 'even they recognize the territorial integrity and sovereignty of Ukraine',
  },
  {
    name: 'a sentence deleted: orphaned',
    oldBody: KYIV,
    newBody: KYIV.replace('He added that the Ukrainian team expressed its positions in London together with European colleagues.\n\n', ''),
    text: 'the Ukrainian team expressed its positions in London',
    state: 'orphaned',
  },
  {
    name: 'an accent change inside the span: edited',
    oldBody: KYIV,
    newBody: KYIV.replace('district of Kyiv.', 'district of Kyïv.'),
    text: 'Svyatoshynskyi district of Kyiv',
    state: 'edited',
    newText: 'Svyatoshynskyi district of Kyïv',
  },
  {
    name: 'Cyrillic weather line edited, the span after it kept',
    oldBody: JEDDAH,
    newBody: JEDDAH.replace('пасмурно ветер 2.1 м/с', 'ясно ветер 3.4 м/с'),
    text: 'Zelensky: Ukraine will not recognize the occupied territories as belonging to Russia',
    state: 'kept',
    newText: 'Zelensky: Ukraine will not recognize the occupied territories as belonging to Russia',
  },
  {
    name: 'an emoji changed inside the span: edited',
    oldBody: `🇺🇦 ${KYIV.slice(0, 300)} 🙂 Slava.`,
    newBody: `🇺🇦 ${KYIV.slice(0, 300)} 😀 Slava.`,
    text: '🙂 Slava',
    state: 'edited',
    newText: '😀 Slava',
  },
  {
    name: 'emoji inserted before the span: kept, offsets in UTF-16 code units',
    oldBody: KYIV,
    newBody: `🇺🇦🇺🇦 ${KYIV}`,
    text: 'Kyiv',
    state: 'kept',
    newText: 'Kyiv',
  },
  {
    name: 'CRLF text: a paragraph inserted before, kept with \\r counted',
    oldBody: KYIV.replace(/\n/g, '\r\n'),
    newBody: `Updated.\r\n\r\n${KYIV.replace(/\n/g, '\r\n')}`,
    text: 'laying flowers near a house destroyed by a Russian strike',
    state: 'kept',
    newText: 'laying flowers near a house destroyed by a Russian strike',
  },
];

describe('reanchorSpans', () => {
  it.each(cases)('$name', (c) => {
    const span = spanOf(c.oldBody, c.text, c.nth);
    const r = one(c.oldBody, c.newBody, span);
    expect(r.state).toBe(c.state);
    expect(r.oldExact).toBe(c.text);
    if (c.state === 'orphaned') {
      expect([r.start, r.end]).toEqual([span.start, span.end]);
      expect(r.newExact).toBe('');
      return;
    }
    expect(r.newExact).toBe(c.newText);
    expect({ start: r.start, end: r.end }).toEqual(spanOf(c.newBody, c.newText!, c.newNth));
    expect(splitsSurrogatePair(c.newBody, r.start) || splitsSurrogatePair(c.newBody, r.end)).toBe(false);
    if (c.state === 'kept') expect(r.score).toBe(1);
    else expect(r.score).toBeGreaterThan(0);
  });

  it('scores a move above the threshold and a lone deleted word below it', () => {
    const moved = one(KYIV, moveSentence, spanOf(KYIV, 'He added that the Ukrainian team expressed its positions'));
    expect(moved.score).toBeGreaterThanOrEqual(0.55);
    const lone = one(KYIV, KYIV.replace(' Volodymyr Zelenskyy President of Ukraine\n', '\n'), spanOf(KYIV, 'Zelenskyy', 1));
    expect(lone.score).toBeLessThan(0.55);
  });

  it('refuses a move when two places score alike (no clear runner-up margin)', () => {
    const para = 'Ukraine will not legally recognize any temporarily occupied territories as Russian.';
    const oldBody = `Intro line.\n\n${para}\n\nMiddle.\n\nEnd.`;
    const newBody = `Intro line.\n\nMiddle.\n\nA: ${para}\n\nB: ${para}\n\nEnd.`;
    const r = one(oldBody, newBody, spanOf(oldBody, para));
    expect(r.state).toBe('orphaned');
  });

  it('maps many spans of a corrected seed article and counts the states', () => {
    const corrected = KYIV
      .replace('date 2025-04-25', 'date 2025-04-26')
      .replace('this is an absolutely fair position', 'this is an entirely fair position')
      .replace('He added that the Ukrainian team expressed its positions in London together with European colleagues.\n\n', '');
    const sentences = [...KYIV.matchAll(/[^.\n]+[.]/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const results = reanchorSpans(KYIV, corrected, sentences);
    const counts = countStates(results);
    console.log('corrected seed 000:', sentences.length, 'sentence spans', counts);
    expect(counts.edited).toBeGreaterThanOrEqual(2);
    expect(counts.orphaned).toBe(1);
    expect(counts.kept).toBe(sentences.length - counts.edited - counts.orphaned - counts.moved);
    for (const r of results.filter((x) => x.state === 'kept')) expect(corrected.slice(r.start, r.end)).toBe(r.oldExact);
  });

  it('diffs 2 MB bodies in well under a second and keeps the spans', () => {
    const big = Array.from({ length: 400 }, (_, k) => `Section ${k}.\n\n${KYIV}`).join('\n\n').slice(0, 2_000_000);
    const edited = `Editor's note: updated.\n\n${big.replace('Section 200.', 'Section two hundred.')}`;
    const spans = [spanOf(big, 'Section 10.'), spanOf(big, 'Section 399.'), spanOf(big, 'Section 200.')];
    const t0 = performance.now();
    const results = reanchorSpans(big, edited, spans);
    const ms = performance.now() - t0;
    expect(results.map((r) => r.state)).toEqual(['kept', 'kept', 'edited']);
    expect(ms).toBeLessThan(3000);
  });

  it('falls back to treating an unalignable gap as replaced text', () => {
    const words = (seed: number) => Array.from({ length: 6000 }, (_, k) => `w${(k * seed) % 5003}`).join(' ');
    const diff = diffBodies(`start ${words(7)} end`, `start ${words(11)} end`);
    expect(diff.aToB[0]).toBe(0);
    expect(diff.aToB[diff.a.length - 1]).toBe(diff.b.length - 1);
  });
});

describe('alignRevisions', () => {
  const corrected = KYIV
    .replace('this is an absolutely fair position', 'this is an entirely fair position')
    .replace('President of Ukraine Volodymyr', 'UPDATE: corrected.\n\nPresident of Ukraine Volodymyr');
  const rows = alignRevisions(KYIV, corrected);

  it('covers both bodies end to end, row after row', () => {
    expect(rows[0].left.start).toBe(0);
    expect(rows[0].right.start).toBe(0);
    for (let k = 1; k < rows.length; k++) {
      expect(rows[k].left.start).toBe(rows[k - 1].left.end);
      expect(rows[k].right.start).toBe(rows[k - 1].right.end);
    }
    expect(rows[rows.length - 1].left.end).toBe(KYIV.length);
    expect(rows[rows.length - 1].right.end).toBe(corrected.length);
  });

  it('puts an edited sentence face to face with its new wording, the changed words marked', () => {
    const row = rows.find((r) => KYIV.slice(r.left.start, r.left.end).includes('absolutely'))!;
    expect(corrected.slice(row.right.start, row.right.end)).toContain('entirely fair position');
    expect(row.left.changes.map(([s, e]) => KYIV.slice(s, e))).toEqual(['absolutely']);
    expect(row.right.changes.map(([s, e]) => corrected.slice(s, e))).toEqual(['entirely']);
  });

  it('shows an inserted paragraph with an empty left side and unchanged sentences unmarked', () => {
    const inserted = rows.find((r) => corrected.slice(r.right.start, r.right.end).includes('UPDATE'))!;
    expect(inserted.right.changes.map(([s, e]) => corrected.slice(s, e)).join(' ')).toContain('UPDATE: corrected.');
    expect(rows.filter((r) => !r.changed).length).toBeGreaterThan(10);
  });

  it('keeps emoji whole (UTF-16 offsets on code point boundaries)', () => {
    const emo = alignRevisions('Slava 🇺🇦 Ukraini. Heroyam slava.', 'Slava 🇺🇦🇺🇦 Ukraini. Heroyam slava.');
    const changed = emo.flatMap((r) => r.right.changes);
    expect(changed.map(([s, e]) => 'Slava 🇺🇦🇺🇦 Ukraini. Heroyam slava.'.slice(s, e))).toEqual(['🇺🇦']);
  });
});
