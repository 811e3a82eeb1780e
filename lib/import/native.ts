/**
 * Native JSONL (our own export) read back: the manifest line, then article lines with
 * annotations, reviews, verdicts and links. Every line is validated strictly; spans must
 * select their `exact` text in the body, so a hand-edited file cannot plant broken offsets,
 * and no review may be by the author of what it reviews. Each article line's signature is
 * checked on its raw text: only a line this server signed may keep its authors on import.
 */
import { z } from 'zod';
import { DECISIONS, LABELS, RELATIONS, STATUSES, VERDICTS } from '../domain';
import { importArticleSchema } from '../data/articles';
import { normalizeArticleText } from '../anchoring/normalize';
import { describeIssues } from '../validation';
import { FileProblem, hasBrokenText } from './files';
import { NATIVE_FORMAT_NAME } from '../export/jsonl';
import { NATIVE_FORMAT_VERSION } from '../export/types';
import { serverSigningKey, verifyLine, type SignatureCheck } from '../export/signature';

const person = z.strictObject({ id: z.number().int().positive(), name: z.string() });
const isoTime = z.iso.datetime();
const review = z.strictObject({
  id: z.number().int().positive(),
  reviewer: person,
  decision: z.enum(DECISIONS),
  reason: z.string().max(10_000),
  isFinal: z.boolean(),
  targetVersion: z.number().int().positive(),
  createdAt: isoTime,
  supersededAt: isoTime.nullable(),
});
const verdict = z.strictObject({
  id: z.number().int().positive(),
  author: person,
  verdict: z.enum(VERDICTS),
  rationale: z.string().max(10_000),
  evidenceLinkIds: z.array(z.number().int().positive()),
  isFinal: z.boolean(),
  createdAt: isoTime,
});
const annotation = z.strictObject({
  id: z.number().int().positive(),
  label: z.enum(LABELS),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  startCp: z.number().int().nonnegative(),
  endCp: z.number().int().positive(),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  note: z.string().max(10_000),
  attributes: z.record(z.string(), z.unknown()),
  status: z.enum(STATUSES),
  version: z.number().int().positive(),
  author: person,
  createdAt: isoTime,
  updatedAt: isoTime,
  reviews: z.array(review),
  verdicts: z.array(verdict),
  // Which revision the span refers to (docs/revisions.md); informative, not imported.
  revision: z.number().int().positive().optional(),
  revisionSha256: z.string().optional(),
  anchor: z.strictObject({ state: z.string(), score: z.number() }).optional(),
});
const link = z.strictObject({
  id: z.number().int().positive(),
  fromAnnotationId: z.number().int().positive(),
  toAnnotationId: z.number().int().positive(),
  relation: z.enum(RELATIONS),
  note: z.string().max(10_000),
  status: z.enum(STATUSES),
  version: z.number().int().positive(),
  author: person,
  createdAt: isoTime,
  updatedAt: isoTime,
  reviews: z.array(review),
});
const articleLine = z.strictObject({
  type: z.literal('article'),
  id: z.number().int().positive(),
  title: z.string(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  sha256: z.string(),
  importedAt: isoTime,
  body: z.string(),
  annotations: z.array(annotation),
  links: z.array(link),
  signature: z.string().optional(),
});
/** An article line read back; `signed` says whether this server signed it exactly as it is. */
export type NativeArticle = Omit<z.infer<typeof articleLine>, 'signature'> & { signed: SignatureCheck };
export type NativeAnnotation = z.infer<typeof annotation>;
export type NativeLink = z.infer<typeof link>;
export type NativeReview = z.infer<typeof review>;

/** Whether a first line is our export's manifest (so the file is a native export). */
export function isNativeManifest(firstLine: string): boolean {
  try {
    const value = JSON.parse(firstLine) as { type?: unknown; format?: unknown };
    return value?.type === 'manifest' && value.format === NATIVE_FORMAT_NAME;
  } catch {
    return false;
  }
}

function checkLinks(name: string, line: number, a: NativeArticle): void {
  for (const l of a.links) {
    if (l.reviews.some((r) => r.reviewer.id === l.author.id)) {
      throw new FileProblem(name, `link ${l.id} has a review by its own author: nobody reviews their own work.`, line, 422);
    }
  }
}

function checkSpans(name: string, line: number, a: NativeArticle): void {
  const body = normalizeArticleText(a.body);
  if (body !== a.body) throw new FileProblem(name, 'the body is not normalized (LF line breaks, NFC): offsets would not match.', line, 422);
  for (const ann of a.annotations) {
    if (ann.reviews.some((r) => r.reviewer.id === ann.author.id)) {
      throw new FileProblem(name, `annotation ${ann.id} has a review by its own author: nobody reviews their own work.`, line, 422);
    }
    if (ann.end > body.length || ann.start >= ann.end || body.slice(ann.start, ann.end) !== ann.exact) {
      throw new FileProblem(name, `annotation ${ann.id}: [${ann.start}, ${ann.end}) does not select its exact text in the body.`, line, 422);
    }
  }
}

/**
 * Parses a native JSONL export: the article lines, each with its line number and whether its
 * signature verifies with `key` (by default this server's export key).
 */
export function parseNative(name: string, text: string, key: Buffer = serverSigningKey()): Array<{ article: NativeArticle; line: number }> {
  const lines = text.split('\n');
  const manifest = JSON.parse(lines[0]) as { formatVersion?: unknown };
  if (manifest.formatVersion !== NATIVE_FORMAT_VERSION) {
    throw new FileProblem(name, `unsupported export format version ${String(manifest.formatVersion)} (this app reads version ${NATIVE_FORMAT_VERSION}).`, 1, 422);
  }
  const out: Array<{ article: NativeArticle; line: number }> = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch {
      throw new FileProblem(name, 'malformed JSON.', i + 1);
    }
    if (hasBrokenText(value)) throw new FileProblem(name, 'a text holds a NUL character or a lone surrogate.', i + 1, 422);
    const parsed = articleLine.safeParse(value);
    if (!parsed.success) throw new FileProblem(name, describeIssues(parsed.error), i + 1, 422);
    const meta = importArticleSchema.safeParse({ title: parsed.data.title, body: parsed.data.body, outlet: parsed.data.outlet, url: parsed.data.url, author: parsed.data.author, publishedAt: parsed.data.publishedAt });
    if (!meta.success) throw new FileProblem(name, describeIssues(meta.error), i + 1, 422);
    const { signature, ...fields } = parsed.data;
    const article: NativeArticle = { ...fields, signed: signature === undefined ? 'unsigned' : verifyLine(lines[i], key, NATIVE_FORMAT_VERSION) };
    checkSpans(name, i + 1, article);
    checkLinks(name, i + 1, article);
    out.push({ article, line: i + 1 });
  }
  return out;
}
