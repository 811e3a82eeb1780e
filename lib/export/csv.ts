/**
 * CSV: one row per annotation, RFC 4180 (CRLF rows, fields quoted when needed, quotes
 * doubled), in two flavours:
 * - `csv` for spreadsheets: a UTF-8 byte order mark (without it Excel and LibreOffice may read
 *   the file as Windows-1252 and garble every non-Latin title) and a formula guard on every
 *   text cell: one leading apostrophe when the cell starts with = + - @ tab CR (OWASP CSV
 *   injection advice) or with an apostrophe itself, so that stripping one leading apostrophe
 *   from any text cell that has one gives the exact text back.
 * - `csv-raw` for data tools (pandas, R, DuckDB): the exact text, no guard, no BOM.
 */
import { codePointMapper } from '../anchoring/units';
import { finalVerdict, type ExportArticle, type ExportContext } from './types';
import { runSink, type Sink } from './sink';

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
  'revision',
  'revision_sha256',
  'anchor_state',
] as const;

/** A text cell a spreadsheet would run as a formula, or one that starts with the guard itself. */
const GUARDED_START = /^[=+\-@\t\r']/;

/** The UTF-8 byte order mark that makes spreadsheets read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

export type CsvFlavour = 'spreadsheet' | 'raw';

/** Prefixes an apostrophe when a spreadsheet would treat the cell as a formula (reversibly). */
export function neutralizeFormula(value: string): string {
  return GUARDED_START.test(value) ? `'${value}` : value;
}

/** The exact text of a guarded cell: one leading apostrophe removed, if there is one. */
export function unguardCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF. Numbers are never guarded. */
export function csvField(value: string | number | null | undefined, flavour: CsvFlavour = 'spreadsheet'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = flavour === 'spreadsheet' ? neutralizeFormula(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | null | undefined>, flavour: CsvFlavour = 'spreadsheet'): string {
  return values.map((v) => csvField(v, flavour)).join(',') + '\r\n';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Rows of one article. */
export function articleRows(article: ExportArticle, flavour: CsvFlavour): string {
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
      // Two links (say supports and a re-proposed one) may join the same pair: name each id once.
      [...new Set(a.linked.map((l) => l.other.annotationId))].join(' '),
      a.createdAt,
      a.revision,
      a.revisionSha256,
      a.anchor?.state,
    ], flavour);
  }
  return out;
}

function csvSink(flavour: CsvFlavour): Sink<ExportArticle> {
  return {
    start: () => [(flavour === 'spreadsheet' ? UTF8_BOM : '') + csvRow([...CSV_COLUMNS], flavour)],
    write(article) {
      const rows = articleRows(article, flavour);
      return rows ? [rows] : [];
    },
    end: () => [],
  };
}

/** The spreadsheet CSV: BOM, header row, then the guarded rows of each article. */
export const spreadsheetCsvSink = (): Sink<ExportArticle> => csvSink('spreadsheet');
/** The raw CSV: header row, then the exact rows of each article (no BOM, no guard). */
export const rawCsvSink = (): Sink<ExportArticle> => csvSink('raw');

/** Streams the spreadsheet CSV: BOM, header row, then the guarded rows of each article. */
export function serializeCsv(_ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  return runSink(spreadsheetCsvSink, articles) as Generator<string>;
}

/** Streams the raw CSV: header row, then the exact rows of each article (no BOM, no guard). */
export function serializeCsvRaw(_ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  return runSink(rawCsvSink, articles) as Generator<string>;
}
