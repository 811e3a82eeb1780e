/**
 * CSV: one row per annotation, RFC 4180 (CRLF rows, every field quoted when needed, quotes
 * doubled). Cells a spreadsheet would run as a formula are neutralized with a leading
 * apostrophe (OWASP CSV injection advice).
 */
import { codePointMapper } from '../anchoring/units';
import { finalVerdict, type ExportArticle, type ExportContext } from './types';

export const CSV_COLUMNS = [
  'article_id',
  'article_title',
  'outlet',
  'article_url',
  'annotation_id',
  'label',
  'start_utf16',
  'end_utf16',
  'start_codepoint',
  'end_codepoint',
  'exact',
  'note',
  'speaker',
  'quote_kind',
  'author',
  'status',
  'verdict',
  'linked_annotation_ids',
  'created_at',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes an apostrophe when a spreadsheet would treat the cell as a formula. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutralizeFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: Array<string | number | null | undefined>): string {
  return values.map(csvField).join(',') + '\r\n';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Rows of one article. */
export function articleRows(article: ExportArticle): string {
  const toCp = codePointMapper(article.body);
  let out = '';
  for (const a of article.annotations) {
    const verdict = finalVerdict(a)?.verdict ?? text(a.attributes.verdict);
    out += csvRow([
      article.id,
      article.title,
      article.outlet,
      article.url,
      a.id,
      a.label,
      a.start,
      a.end,
      toCp(a.start),
      toCp(a.end),
      a.exact,
      a.note,
      text(a.attributes.speaker),
      text(a.attributes.quoteKind),
      a.author.name,
      a.status,
      verdict,
      a.linked.map((l) => l.other.annotationId).join(' '),
      a.createdAt,
    ]);
  }
  return out;
}

/** Streams the CSV export: a header row, then the rows of each article. */
export function* serializeCsv(_ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  yield csvRow([...CSV_COLUMNS]);
  for (const article of articles) {
    const rows = articleRows(article);
    if (rows) yield rows;
  }
}
