/**
 * Native JSONL: a manifest line, then one line per article with its body, annotations
 * (UTF-16 and code point offsets), reviews, verdicts and the links it starts. It carries
 * everything lib/import/native.ts needs to rebuild the project's data. Every article line is
 * signed with this server's key (./signature.ts), so an import can trust who did the work.
 */
import { codePointMapper } from '../anchoring/units';
import { serverSigningKey, signLineBytes } from './signature';
import { NATIVE_FORMAT_VERSION, type ExportAnnotation, type ExportArticle, type ExportContext, type ExportLink } from './types';

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

/** The signed article lines as byte chunks, small lines gathered so a stream writes few chunks. */
function* signedLines(lines: Iterable<NativeArticleLine>, key: Buffer): Generator<Uint8Array> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for (const article of lines) {
    const line = signLineBytes(JSON.stringify(article), key, NATIVE_FORMAT_VERSION);
    if (line.length < CHUNK_BYTES) {
      pending.push(line);
      pendingBytes += line.length;
      if (pendingBytes < CHUNK_BYTES) continue;
    }
    if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
    if (line.length >= CHUNK_BYTES) yield line;
    pending = [];
    pendingBytes = 0;
  }
  if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
}

/**
 * Streams the native JSONL export: the manifest line, then the article lines, each signed
 * with `key` (by default this server's export key).
 */
export function* serializeJsonl(ctx: ExportContext, articles: Iterable<ExportArticle>, key: Buffer = serverSigningKey()): Generator<string | Uint8Array> {
  yield* serializeNativeLines(ctx, mapLines(articles), key);
}

function* mapLines(articles: Iterable<ExportArticle>): Generator<NativeArticleLine> {
  for (const article of articles) yield nativeArticleLine(article);
}

/** The same file from article lines already built (lib/data/exportRecords.ts readNativeLines). */
export function* serializeNativeLines(ctx: ExportContext, lines: Iterable<NativeArticleLine>, key: Buffer = serverSigningKey()): Generator<string | Uint8Array> {
  yield JSON.stringify(nativeManifest(ctx)) + '\n';
  yield* signedLines(lines, key);
}
