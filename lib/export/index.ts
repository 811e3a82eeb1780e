/**
 * The export formats: serializer, media type and file extension of each, in one table that
 * the route handler, the CLI and the export page share.
 */
import { jsonlSink, serializeJsonl } from './jsonl';
import { rawCsvSink, serializeCsv, serializeCsvRaw, spreadsheetCsvSink } from './csv';
import { serializeW3c, w3cSink } from './w3c';
import { bratSink, serializeBrat } from './brat';
import { feverSink, serializeFever } from './fever';
import { claimReviewSink, serializeClaimReview } from './claimreview';
import { labelStudioSink, serializeLabelStudio } from './labelstudio';
import { serializeSpans, spansSink } from './spans';
import { doccanoSink, serializeDoccano } from './doccano';
import type { Sink } from './sink';
import type { ExportArticle, ExportContext, ExportFormat } from './types';

export type Serializer = (ctx: ExportContext, articles: Iterable<ExportArticle>) => Generator<string | Uint8Array>;

export interface FormatInfo {
  /** The whole file from records at hand (a synchronous source). */
  serialize: Serializer;
  /** The same file as a sink, for either engine's source (lib/export/sink.ts). */
  sink: (ctx: ExportContext) => Sink<ExportArticle>;
  contentType: string;
  extension: string;
  title: string;
  description: string;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  jsonl: { serialize: serializeJsonl, sink: jsonlSink, contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl', title: 'Native JSONL', description: 'Everything, re-importable: a manifest line, then one line per article with UTF-16 and code point offsets, reviews, verdicts and links.' },
  csv: { serialize: serializeCsv, sink: spreadsheetCsvSink, contentType: 'text/csv; charset=utf-8', extension: 'csv', title: 'CSV for spreadsheets', description: 'One row per annotation with both offset kinds, label, status, verdict and linked ids; UTF-8 with a byte order mark, and cells that a spreadsheet would run as formulas start with an apostrophe.' },
  'csv-raw': { serialize: serializeCsvRaw, sink: rawCsvSink, contentType: 'text/csv; charset=utf-8', extension: 'csv', title: 'CSV for data tools', description: 'The same rows with the exact text (no apostrophe guard, no byte order mark), for pandas, R or DuckDB.' },
  w3c: { serialize: serializeW3c, sink: w3cSink, contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8', extension: 'jsonld', title: 'W3C Web Annotation', description: 'JSON-LD AnnotationCollection with pages; selectors in Unicode code points; links as linking and reviews as assessing annotations.' },
  brat: { serialize: serializeBrat, sink: bratSink, contentType: 'application/zip', extension: 'zip', title: 'brat standoff', description: 'A zip with .txt and .ann per article (code point offsets), annotation.conf and links.tsv for links between articles.' },
  fever: { serialize: serializeFever, sink: feverSink, contentType: 'application/zip', extension: 'zip', title: 'FEVER', description: 'A zip with claims.jsonl (accepted claims with a final verdict: SUPPORTS / REFUTES / NOT ENOUGH INFO, evidence as [annotation, evidence, page, line]) and pages.jsonl (each article by sentence), as the FEVER scorer reads them.' },
  claimreview: { serialize: serializeClaimReview, sink: claimReviewSink, contentType: 'application/zip', extension: 'claimreview.zip', title: 'ClaimReview', description: 'schema.org ClaimReview for every accepted claim with a final verdict, ready for fact-check markup; the manifest lists what each other claim is missing. Needs the publishing settings.' },
  labelstudio: { serialize: serializeLabelStudio, sink: labelStudioSink, contentType: 'application/json; charset=utf-8', extension: 'labelstudio.json', title: 'Label Studio tasks', description: 'A JSON list of Label Studio tasks: the article text, a labels region per span (code points) with speaker, quote kind and verdict, and relations for links (labeling config in the docs).' },
  spans: { serialize: serializeSpans, sink: spansSink, contentType: 'application/x-ndjson; charset=utf-8', extension: 'spans.jsonl', title: 'Span JSONL', description: 'One line per article: text and spans of {start, end, label} in code points, for Hugging Face datasets and spaCy.' },
  doccano: { serialize: serializeDoccano, sink: doccanoSink, contentType: 'application/x-ndjson; charset=utf-8', extension: 'doccano.jsonl', title: 'doccano JSONL', description: 'One line per article: text and label [[start, end, label]] in UTF-16 code units, as doccano counts them.' },
};

/** The download file name: project slug, format and a UTC timestamp. */
export function exportFileName(slug: string, format: ExportFormat, generatedAt: string): string {
  const stamp = generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${slug}-${format}-${stamp}.${FORMATS[format].extension}`;
}

/** How many lines the download will have, when the counts fix it (for progress bars). */
export function expectedLines(format: ExportFormat, counts: ExportContext['counts']): number | null {
  if (format === 'jsonl') return counts.articles + 1;
  if (format === 'csv' || format === 'csv-raw') return counts.annotations + 1;
  if (format === 'spans' || format === 'doccano') return counts.articles;
  if (format === 'labelstudio') return counts.articles + 2;
  if (format === 'w3c') return counts.annotations + counts.links + counts.liveReviews + 1;
  return null;
}
