import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeCleanup } from '@/lib/import/boilerplate';

const seed = (name: string) => fs.readFileSync(path.join(__dirname, '../../seeds', name), 'utf8');

/** Every removal is whole lines of the body, in order, and cleaned is the body without them. */
function checkShape(body: string) {
  const { removals, cleaned } = proposeCleanup(body);
  let at = 0;
  let rebuilt = '';
  for (const r of removals) {
    expect(r.start).toBeGreaterThanOrEqual(at);
    expect(r.text).toBe(body.slice(r.start, r.end));
    expect(r.start === 0 || body[r.start - 1] === '\n' || body[r.start] === '\n').toBe(true);
    expect(r.end === body.length || body[r.end - 1] === '\n').toBe(true);
    rebuilt += body.slice(at, r.start);
    at = r.end;
  }
  expect(rebuilt + body.slice(at)).toBe(cleaned);
  return { removals, cleaned };
}

const reasons = (body: string) => proposeCleanup(body).removals.map((r) => [r.reason, r.text.trim().split('\n')[0]]);

describe('proposeCleanup on the seed articles', () => {
  const cases: Array<{ file: string; removed: Array<[string, string]>; kept: string[] }> = [
    {
      file: '000_b946d1dd13773335.txt',
      removed: [],
      kept: ['President of Ukraine Volodymyr Zelenskyy made this statement', 'the partners agree or disagree. Share'],
    },
    {
      file: '001_3b806ca0330072c3.txt',
      removed: [
        ['reading time', '2 min read'],
        ['repeated paragraph', 'Zelenskyy: We aren’t discussing possibility of obtaining NATO membership in exchange for occupied territories'],
        ['repeated paragraph', 'The President stressed that Ukraine knows how to respond to this challenge. It is also important that partners do not hide from it. At the same time, Zelenskyy thanked all countries and leaders who confirm the principle of respect for territorial integrity.'],
        ['advertisement', 'AD'],
      ],
      kept: ['20:01 22.10.2024', 'Zelenskyy: We aren’t discussing', 'The President stressed that Ukraine knows', '"I believe that this is a strong part of the package'],
    },
    { file: '002_8fb12bc5c4d7dd93.txt', removed: [], kept: ['Kyiv • UNN', 'Details', 'Addition', 'They spoke for over 90 minutes.'] },
    {
      file: '003_81d772de5cd714d4.txt',
      removed: [
        ['weather widget', '+4°'],
        ['view count', '113'],
        ['related news list', 'Similar news'],
      ],
      kept: ['Zelenskiy: Ukraine will not recognize the territories occupied by Russia', 'US–Ukraine negotiations and 30-day ceasefire', 'but Russia has not yet respon'],
    },
    { file: '004_812a2764e8a94b11.txt', removed: [['navigation', '- Category']], kept: ['“We Will Never,” Zelenskyy Responds', 'Longer than it can be.”', 'possible NATO membership.'] },
  ];
  for (const c of cases) {
    it(c.file, () => {
      const body = seed(c.file);
      const { cleaned, removals } = checkShape(body);
      const got = removals.map((r) => [r.reason, r.text.trim().split('\n')[0]]);
      expect(got.map((g) => g[0])).toEqual(c.removed.map((x) => x[0]));
      got.forEach((g, i) => expect(g[1].startsWith(c.removed[i][1].slice(0, 100))).toBe(true));
      for (const k of c.kept) expect(cleaned).toContain(k);
      if (c.removed.length === 0) expect(cleaned).toBe(body);
    });
  }

  it('takes the whole "Similar news" rail of 003 and its weather line, keeps the article', () => {
    const { removals, cleaned } = proposeCleanup(seed('003_81d772de5cd714d4.txt'));
    expect(removals.find((r) => r.reason === 'weather widget')?.text).toBe('+4°\nпасмурно ветер 2.1 м/с, СЗ\n');
    expect(cleaned).not.toContain('Minneapolis');
    expect(cleaned).not.toContain('Similar news');
    expect(cleaned.endsWith('but Russia has not yet responded to it.\n') || cleaned.trimEnd().endsWith('.')).toBe(true);
  });

  it('keeps the first copy of a paragraph printed twice and removes the second', () => {
    const body = seed('001_3b806ca0330072c3.txt');
    const { cleaned } = proposeCleanup(body);
    const para = 'The President stressed that Ukraine knows how to respond to this challenge.';
    expect(body.split(para).length - 1).toBe(2);
    expect(cleaned.split(para).length - 1).toBe(1);
    expect(cleaned).not.toMatch(/\nAD\s*$/);
  });
});

describe('proposeCleanup on other messy text', () => {
  it('CRLF text: removals end after "\\r\\n" and the rest is untouched', () => {
    const body = 'Kyiv talks resume\r\n\r\nBy Olena Kovalenko\r\n\r\nThe delegations met on Tuesday in Geneva for a second round.\r\n\r\nShare\r\nFacebook Twitter Telegram\r\n\r\nBy Olena Kovalenko\r\n\r\nA third round is planned for May.\r\n';
    const { removals, cleaned } = checkShape(body);
    expect(removals.map((r) => r.reason)).toEqual(['share buttons', 'repeated byline']);
    expect(cleaned).toBe('Kyiv talks resume\r\n\r\nBy Olena Kovalenko\r\n\r\nThe delegations met on Tuesday in Geneva for a second round.\r\n\r\nA third round is planned for May.\r\n');
  });

  it('emoji and Cyrillic text: offsets are UTF-16 and no sentence is cut', () => {
    const body = 'Зеленский 🇺🇦 заявил, что Украина не признает оккупацию.\n\nРеклама\n\nЧитайте также: Переговоры в Джидде 🤝 завершились\n\nОн добавил, что позиция неизменна 💪.\n';
    const { removals, cleaned } = checkShape(body);
    expect(removals.map((r) => r.reason)).toEqual(['advertisement', 'related news list']);
    expect(cleaned).toBe('Зеленский 🇺🇦 заявил, что Украина не признает оккупацию.\n\nОн добавил, что позиция неизменна 💪.\n');
  });

  it('a line that only mentions the weather in a sentence stays', () => {
    expect(reasons('Rain fell on Kyiv for 3 days while the talks went on.\n\nThe wind was 10 m/s.\n')).toEqual([]);
  });

  it('short repeated lines (subheadings, "Details") stay; cookie notices and newsletter prompts go', () => {
    const body = 'Details\n\nThe ceasefire held overnight along the whole front line.\n\nDetails\n\nWe use cookies to improve your experience. Accept all cookies\n\nSubscribe to our newsletter\n\nTalks resume on Friday.';
    const { removals, cleaned } = checkShape(body);
    expect(removals.map((r) => r.reason)).toEqual(['cookie notice', 'newsletter prompt']);
    expect(cleaned).toBe('Details\n\nThe ceasefire held overnight along the whole front line.\n\nDetails\n\nTalks resume on Friday.');
  });

  it('text with nothing to remove comes back unchanged, and empty text too', () => {
    expect(proposeCleanup('')).toEqual({ removals: [], cleaned: '' });
    const plain = 'One paragraph.\n\nAnother paragraph with “quotes” and é.';
    expect(proposeCleanup(plain)).toEqual({ removals: [], cleaned: plain });
  });
});
