/**
 * The two CSV flavours, read back with a strict RFC 4180 parser: `csv` for spreadsheets (BOM,
 * reversible formula guard on every text cell) and `csv-raw` for data tools (exact text).
 * The same rules are checked in pandas and LibreOffice by scripts/conformance.sh.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from './fixtures';
import { addMoreText } from './moreText';
import { exportText, parseCsv } from './collect';
import { sliceCodePoints } from '@/lib/anchoring/units';
import { CSV_COLUMNS, unguardCell, UTF8_BOM } from '@/lib/export/csv';

let f: Fixture;
let bodies: Map<number, string>;
beforeAll(async () => {
  f = await buildFixture();
  const more = await addMoreText(f);
  bodies = new Map([...Object.values(f.articles).map((a) => [a.id, a.body] as const), [more.id, more.body]]);
});

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC: ReadonlyArray<(typeof CSV_COLUMNS)[number]> = ['article_id', 'annotation_id', 'start_utf16', 'end_utf16', 'start_codepoint', 'end_codepoint'];

async function table(format: 'csv' | 'csv-raw') {
  const text = await exportText(f.lead.actor, f.project.id, { format });
  const hasBom = text.startsWith(UTF8_BOM);
  const [header, ...rows] = parseCsv(hasBom ? text.slice(1) : text);
  const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[header.indexOf(name)];
  return { text, hasBom, header, rows, col };
}

describe.each([
  { format: 'csv' as const, bom: true, exactOf: unguardCell },
  { format: 'csv-raw' as const, bom: false, exactOf: (cell: string) => cell },
])('$format', ({ format, bom, exactOf }) => {
  it(`is RFC 4180 with CRLF rows, ${bom ? 'with' : 'without'} a UTF-8 byte order mark`, async () => {
    const { text, hasBom, header, rows } = await table(format);
    expect(hasBom).toBe(bom);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(14);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('gives offsets in both units that select the exact text of every span', async () => {
    const { rows, col } = await table(format);
    for (const row of rows) {
      const body = bodies.get(Number(col(row, 'article_id')))!;
      const exact = exactOf(col(row, 'exact'));
      expect(body.slice(Number(col(row, 'start_utf16')), Number(col(row, 'end_utf16')))).toBe(exact);
      expect(sliceCodePoints(body, Number(col(row, 'start_codepoint')), Number(col(row, 'end_codepoint')))).toBe(exact);
    }
  });
});

describe('spreadsheet CSV guard', () => {
  it('starts no cell with a formula character, and never touches numbers', async () => {
    const { rows, header } = await table('csv');
    for (const row of rows) {
      expect(row.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
      for (const name of NUMERIC) expect(row[header.indexOf(name)]).toMatch(/^\d+$/);
    }
  });

  it('guards reversibly: a real leading apostrophe gets a second one', async () => {
    const { rows, col } = await table('csv');
    const exacts = rows.map((r) => col(r, 'exact'));
    expect(exacts).toContain("''Tis said: -5 points");
    expect(exacts).toContain("'=SUM(A1) and @desk 👍🏽");
    expect(rows.map((r) => col(r, 'outlet'))).toContain("'=Outlet+");
    expect(rows.map((r) => col(r, 'note'))).toContain(`'=HYPERLINK("x")`);
  });

  it('leaves the raw flavour exact: the same cells without the apostrophe', async () => {
    const { rows, col } = await table('csv-raw');
    expect(rows.map((r) => col(r, 'exact'))).toEqual(expect.arrayContaining(["'Tis said: -5 points", '=SUM(A1) and @desk 👍🏽']));
    expect(rows.map((r) => col(r, 'note'))).toContain('=HYPERLINK("x")');
    expect(rows.map((r) => col(r, 'article_title'))).toContain('领土 — Zelenskyy');
  });
});
