/**
 * Native JSONL: a manifest line, then one line per article with its body, annotations
 * (UTF-16 and code point offsets), reviews, verdicts and the links it starts. It carries
 * everything lib/import/native.ts needs to rebuild the project's data. Every article line is
 * signed with this server's key (./signature.ts), so an import can trust who did the work.
 */
import { codePointMapper } from '../anchoring/units';
import { serverSigningKey, signLineBytes } from './signature';
import { NATIVE_FORMAT_VERSION, type ExportAnnotation, type ExportArticle, type ExportContext, type ExportLink } from './types';
import { runSink, type Sink } from './sink';

export const NATIVE_FORMAT_NAME = 'factcheck-workbench';

/** The first line: what, when, which filters, how much, and the offset units. */
export function nativeManifest(ctx: ExportContext) {
  return {
    type: 'manifest' as const,
    format: NATIVE_FORMAT_NAME,
    formatVersion: NATIVE_FORMAT_VERSION,
    generatedAt: ctx.generatedAt,
    project: ctx.project,
    filters: ctx.filters,
    counts: ctx.counts,
    offsets: {
      start: 'UTF-16 code units of body, [start, end)',
      startCp: 'Unicode code points of body, [startCp, endCp)',
      normalization: 'body is NFC with LF line breaks',
    },
    signatures: 'each article line ends with "signature": HMAC-SHA256 by the exporting server over the line without it',
  };
}

function annotationLine(a: ExportAnnotation, toCp: (n: number) => number): NativeAnnotationLine {
  return {
    id: a.id,
    label: a.label,
    start: a.start,
    end: a.end,
    startCp: toCp(a.start),
    endCp: toCp(a.end),
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    note: a.note,
    attributes: a.attributes,
    status: a.status,
    version: a.version,
    author: a.author,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    reviews: a.reviews,
    verdicts: a.verdicts,
    revision: a.revision,
    revisionSha256: a.revisionSha256,
    anchor: a.anchor,
  };
}

function linkLine(l: ExportLink): NativeLinkLine {
  return {
    id: l.id,
    fromAnnotationId: l.fromAnnotationId,
    toAnnotationId: l.toAnnotationId,
    relation: l.relation,
    note: l.note,
    status: l.status,
    version: l.version,
    author: l.author,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    reviews: l.reviews,
  };
}

/** One annotation in an article line; the key order is the line's byte order. */
export interface NativeAnnotationLine {
  id: number;
  label: ExportAnnotation['label'];
  start: number;
  end: number;
  startCp: number;
  endCp: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  attributes: Record<string, unknown>;
  status: ExportAnnotation['status'];
  version: number;
  author: ExportAnnotation['author'];
  createdAt: string;
  updatedAt: string;
  reviews: ExportAnnotation['reviews'];
  verdicts: ExportAnnotation['verdicts'];
  revision: ExportAnnotation['revision'];
  revisionSha256: ExportAnnotation['revisionSha256'];
  anchor: ExportAnnotation['anchor'];
}

/** One link in the line of the article its from end is in. */
export type NativeLinkLine = Omit<ExportLink, 'from' | 'to'>;

/** One article line as an object (JSON.stringify of it is the unsigned line). */
export interface NativeArticleLine {
  type: 'article';
  id: number;
  title: string;
  outlet: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  sha256: string;
  importedAt: string;
  body: string;
  annotations: NativeAnnotationLine[];
  links: NativeLinkLine[];
}

/** One article as its JSONL object (without the trailing newline). */
export function nativeArticleLine(article: ExportArticle): NativeArticleLine {
  const toCp = codePointMapper(article.body);
  return {
    type: 'article' as const,
    id: article.id,
    title: article.title,
    outlet: article.outlet,
    url: article.url,
    author: article.author,
    publishedAt: article.publishedAt,
    sha256: article.sha256,
    importedAt: article.importedAt,
    body: article.body,
    annotations: article.annotations.map((a) => annotationLine(a, toCp)),
    links: article.links.map(linkLine),
  };
}

/** Small lines are gathered into chunks of about this size; a larger line is its own chunk. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The native JSONL file from article lines (lib/data/exportRecords.ts readNativeLines builds
 * them straight from the rows): the manifest line, then the article lines, each signed with
 * `key` (by default this server's export key), small lines gathered into byte chunks so a
 * stream writes few chunks.
 */
export function nativeLinesSink(ctx: ExportContext, key: Buffer = serverSigningKey()): Sink<NativeArticleLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (): Uint8Array[] => {
    const out = pendingBytes ? [Buffer.concat(pending, pendingBytes)] : [];
    pending = [];
    pendingBytes = 0;
    return out;
  };
  return {
    start: () => [JSON.stringify(nativeManifest(ctx)) + '\n'],
    write(article) {
      const line = signLineBytes(JSON.stringify(article), key, NATIVE_FORMAT_VERSION);
      if (line.length < CHUNK_BYTES) {
        pending.push(line);
        pendingBytes += line.length;
        return pendingBytes < CHUNK_BYTES ? [] : flush();
      }
      return [...flush(), line];
    },
    end: flush,
  };
}

/** The native JSONL file from export records. */
export function jsonlSink(ctx: ExportContext, key: Buffer = serverSigningKey()): Sink<ExportArticle> {
  const lines = nativeLinesSink(ctx, key);
  return { start: () => lines.start(), write: (article) => lines.write(nativeArticleLine(article)), end: () => lines.end() };
}

/** Streams the native JSONL export from export records (see nativeLinesSink). */
export function serializeJsonl(ctx: ExportContext, articles: Iterable<ExportArticle>, key: Buffer = serverSigningKey()): Generator<string | Uint8Array> {
  return runSink(() => jsonlSink(ctx, key), articles);
}

/** The same file from article lines already built (lib/data/exportRecords.ts readNativeLines). */
export function serializeNativeLines(ctx: ExportContext, lines: Iterable<NativeArticleLine>, key: Buffer = serverSigningKey()): Generator<string | Uint8Array> {
  return runSink(() => nativeLinesSink(ctx, key), lines);
}
