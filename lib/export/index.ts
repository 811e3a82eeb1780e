/**
 * The export formats: serializer, media type and file extension of each, in one table that
 * the route handler, the CLI and the export page share.
 */
import { serializeJsonl } from './jsonl';
import { serializeCsv } from './csv';
import { serializeW3c } from './w3c';
import { serializeBrat } from './brat';
import { serializeFever } from './fever';
import { serializeClaimReview } from './claimreview';
import type { ExportArticle, ExportContext, ExportFormat } from './types';

export type Serializer = (ctx: ExportContext, articles: Iterable<ExportArticle>) => Generator<string | Uint8Array>;

export interface FormatInfo {
  serialize: Serializer;
  contentType: string;
  extension: string;
  title: string;
  description: string;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  jsonl: { serialize: serializeJsonl, contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl', title: 'Native JSONL', description: 'Everything, re-importable: a manifest line, then one line per article with UTF-16 and code point offsets, reviews, verdicts and links.' },
  csv: { serialize: serializeCsv, contentType: 'text/csv; charset=utf-8', extension: 'csv', title: 'CSV', description: 'One row per annotation for spreadsheets, with both offset kinds, label, status, verdict and linked annotation ids.' },
  w3c: { serialize: serializeW3c, contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8', extension: 'jsonld', title: 'W3C Web Annotation', description: 'JSON-LD AnnotationCollection with pages; selectors in Unicode code points; links as linking and reviews as assessing annotations.' },
  brat: { serialize: serializeBrat, contentType: 'application/zip', extension: 'zip', title: 'brat standoff', description: 'A zip with .txt and .ann per article (code point offsets), annotation.conf and links.tsv for links between articles.' },
  fever: { serialize: serializeFever, contentType: 'application/x-ndjson; charset=utf-8', extension: 'fever.jsonl', title: 'FEVER-style JSONL', description: 'One record per claim: SUPPORTS / REFUTES / NOT ENOUGH INFO with evidence sets pointing at linked spans.' },
  claimreview: { serialize: serializeClaimReview, contentType: 'application/zip', extension: 'claimreview.zip', title: 'ClaimReview', description: 'schema.org ClaimReview for every accepted claim with a final verdict, ready for fact-check markup; the manifest lists what each other claim is missing. Needs the publishing settings.' },
};

/** The download file name: project slug, format and a UTC timestamp. */
export function exportFileName(slug: string, format: ExportFormat, generatedAt: string): string {
  const stamp = generatedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${slug}-${format}-${stamp}.${FORMATS[format].extension}`;
}

/** How many lines the download will have, when the counts fix it (for progress bars). */
export function expectedLines(format: ExportFormat, counts: ExportContext['counts']): number | null {
  if (format === 'jsonl') return counts.articles + 1;
  if (format === 'csv') return counts.annotations + 1;
  if (format === 'w3c') return counts.annotations + counts.links + counts.liveReviews + 1;
  return null;
}
