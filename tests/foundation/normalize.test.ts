/**
 * The offsets contract's one normalization: CRLF and lone CR become LF, then NFC; nothing
 * else changes (no trimming, no space collapsing, no quote or dash folding).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeArticleText, sha256Hex } from '@/lib/anchoring/normalize';

const seed = (prefix: string) => {
  const name = fs.readdirSync('seeds').find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!;
  return fs.readFileSync(path.join('seeds', name), 'utf8');
};

describe('normalizeArticleText', () => {
  const cases: Array<[string, string, string]> = [
    ['CRLF becomes LF', 'one\r\ntwo\r\n', 'one\ntwo\n'],
    ['a lone CR becomes LF', 'one\rtwo\r', 'one\ntwo\n'],
    ['CR CR LF is one CR then one CRLF', 'a\r\r\nb', 'a\n\nb'],
    ['LF CR is two breaks', 'a\n\rb', 'a\n\nb'],
    ['NFD e + combining acute becomes é', 'Cafe\u0301', 'Caf\u00e9'],
    ['NFD in Cyrillic й becomes one code unit', '\u0438\u0306', '\u0439'],
    ['Hangul jamo compose', '\u1100\u1161', '\uac00'],
    ['precomposed text is left alone', 'Zelenskyy’s “red line” — 2.1 м/с', 'Zelenskyy’s “red line” — 2.1 м/с'],
    ['leading and trailing spaces are kept', '  padded text \n\n', '  padded text \n\n'],
    ['runs of spaces and tabs are kept', 'a  b\t\tc', 'a  b\t\tc'],
    ['non-breaking and zero-width spaces are kept', 'a\u00a0b\u200bc', 'a\u00a0b\u200bc'],
    ['emoji (surrogate pairs) are kept', 'ok 👍🏽 done', 'ok 👍🏽 done'],
    ['compatibility characters are not folded (NFC, not NFKC)', 'ﬁ ① ²', 'ﬁ ① ²'],
    ['HTML is not interpreted', '<p>a &amp; b</p>', '<p>a &amp; b</p>'],
    ['the empty string stays empty', '', ''],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(normalizeArticleText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const [, input] of cases) {
      const once = normalizeArticleText(input);
      expect(normalizeArticleText(once)).toBe(once);
    }
  });
});

describe('normalizeArticleText on the seed texts', () => {
  const files = fs.readdirSync('seeds').filter((f) => f.endsWith('.txt')).sort();

  it.each(files)('leaves %s unchanged (already LF and NFC)', (file) => {
    const text = fs.readFileSync(path.join('seeds', file), 'utf8');
    expect(normalizeArticleText(text)).toBe(text);
  });

  it('keeps the Cyrillic weather line of seed 003 character for character', () => {
    const body = normalizeArticleText(seed('003_'));
    expect(body.split('\n')[3]).toBe('пасмурно ветер 2.1 м/с, СЗ');
    expect(body).toContain('+4°\nпасмурно ветер 2.1 м/с, СЗ\n');
  });

  it('keeps curly quotes, apostrophes, dashes and ellipses', () => {
    const body = normalizeArticleText(seed('004_'));
    expect(body).toContain('“We Will Never,” Zelenskyy Responds');
    expect(body).toContain('…');
    expect(normalizeArticleText(seed('001_'))).toContain('We aren’t discussing');
    expect(normalizeArticleText(seed('000_'))).toContain('Our position is unchanged — only');
    expect(normalizeArticleText(seed('003_'))).toContain('–');
  });

  it('keeps the leading space of seed 000 (no trimming)', () => {
    expect(normalizeArticleText(seed('000_')).startsWith(' date 2025-04-25 Ukraine')).toBe(true);
  });

  it('turns CRLF and NFD copies of a seed back into exactly the seed', () => {
    const text = seed('003_');
    const crlf = text.replace(/\n/g, '\r\n');
    expect(normalizeArticleText(crlf)).toBe(text);
    expect(normalizeArticleText(text.normalize('NFD'))).toBe(text);
  });
});

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes, as sha256sum would', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('é')).toBe(crypto.createHash('sha256').update(Buffer.from([0xc3, 0xa9])).digest('hex'));
  });
});
