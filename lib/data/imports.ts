/**
 * Batch import of articles (leads: 'article.import'): pasted text or uploaded .txt, .md,
 * .html, .json and .jsonl files, including our own native JSONL export. Every file is parsed
 * and checked before anything is written; then the whole batch goes in one transaction, so
 * a batch is all or nothing. A text already in the project (same sha256) is reported as a
 * duplicate, not stored twice.
 */
import { getDb, writeTransaction, type Tx } from '../db/client';
import { eq } from 'drizzle-orm';
import { articles } from '../db/tables';
import { AppError, isAppError } from '../errors';
import { describeIssues, parseInput } from '../validation';
import { importArticleSchema, insertArticle, type ArticleMeta } from './articles';
import { projectAccess, type Actor } from './actor';
import { recordEvent } from './events';
import { importNative } from './nativeImport';
import { revisedEntry, reviseByUrl, type RevisedArticle } from './revisions';
import { normalizeArticleText } from '../anchoring/normalize';
import { checkBatch } from '../import/files';
import { FileProblem, parseImportFile, type ImportFile, type ParsedFile } from '../import';
import { articleSources } from '../db/tables';
import { fetchPage, type FetchedPage } from '../import/fetchPage';
import { NoArticleText, parseWebPage, type WebProvenance } from '../import/html';
import type { MetadataSources } from '../import/metadata';
import type { RemovedReport } from '../import/removed';
import { exec, first } from '../db/query';

/** What a web import reports per article: where each field came from, what was left out, the start of the text. */
export interface WebImportSummary {
  metadataSources: MetadataSources;
  metadata: { title: string; outlet: string | null; author: string | null; publishedAt: string | null; modifiedAt: string | null; url: string | null };
  removed: RemovedReport;
  rawSha256: string;
  finalUrl?: string;
  excerpt: string;
}

export interface FileResult {
  file: string;
  /** `title`: the one given for the new text; `existingTitle`: the article already there. */
  duplicates: Array<{ title: string; existingArticleId: number; existingTitle?: string; line?: number; unchanged?: boolean }>;
  imported: Array<{ articleId: number; title: string; length: number; annotations?: number; unverified?: boolean; web?: WebImportSummary }>;
  /** Re-imports of an address already in the project with another text: new revisions (lib/data/revisions.ts). */
  revised?: RevisedArticle[];
  links?: number;
  skippedLinks?: number;
  reassignedAuthors?: number;
  unverifiedLines?: number;
  droppedReviews?: number;
  droppedVerdicts?: number;
}

export interface ImportResult {
  files: FileResult[];
  imported: number;
  duplicates: number;
  /** Articles that got a new revision (a re-import of their address with another text). */
  revised: number;
}

function totals(files: FileResult[]): ImportResult {
  return {
    files,
    imported: files.reduce((n, r) => n + r.imported.length, 0),
    duplicates: files.reduce((n, r) => n + r.duplicates.length, 0),
    revised: files.reduce((n, r) => n + (r.revised?.length ?? 0), 0),
  };
}

const CODE_BY_STATUS = { 400: 'bad_request', 413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'unprocessable' } as const;

/** Where a batch is: files checked, then files written (for progress lines; the batch is still all or nothing). */
export type ImportProgress = (step: { phase: 'checking' | 'writing'; done: number; total: number; bytes: number }) => void;

/** Parses every file, collecting each file's problem, so one answer lists them all. */
function parseAll(files: ImportFile[], onProgress?: ImportProgress): ParsedFile[] {
  const parsed: ParsedFile[] = [];
  const problems: FileProblem[] = [];
  let bytes = 0;
  for (const file of files) {
    onProgress?.({ phase: 'checking', done: parsed.length + problems.length, total: files.length, bytes });
    bytes += file.bytes.byteLength;
    try {
      const result = parseImportFile(file);
      if (result.kind === 'articles') {
        for (const item of result.articles) {
          const check = importArticleSchema.safeParse(item.draft);
          if (!check.success) throw new FileProblem(file.name, describeIssues(check.error), item.line, 422);
        }
      }
      parsed.push(result);
    } catch (error) {
      if (error instanceof FileProblem) problems.push(error);
      else throw error;
    }
  }
  if (problems.length) {
    const status = Math.max(...problems.map((p) => p.status)) as keyof typeof CODE_BY_STATUS;
    const lead = problems.length === 1 ? problems[0].message : `${problems.length} files have problems; first: ${problems[0].message}`;
    throw new AppError(CODE_BY_STATUS[status], `Nothing was imported. ${lead}`, {
      files: problems.map((p) => ({ file: p.file, line: p.line ?? null, message: p.message })),
    });
  }
  return parsed;
}

/** How a fetched page arrived (URL imports only). */
type FetchFacts = Pick<FetchedPage, 'requestedUrl' | 'finalUrl' | 'contentType' | 'fetchedAt'>;

/** Keeps the raw page for provenance (the page of revision 1: one row per article). */
async function recordSource(tx: Tx, articleId: number, file: string, web: WebProvenance, fetched?: FetchFacts): Promise<void> {
  await exec(tx.insert(articleSources).values({
    articleId,
    kind: fetched ? 'url' : 'html-file',
    fileName: fetched ? null : file,
    requestedUrl: fetched?.requestedUrl ?? null,
    finalUrl: fetched?.finalUrl ?? null,
    contentType: fetched?.contentType ?? null,
    rawHtml: web.rawHtml,
    rawSha256: web.rawSha256,
    metadata: { ...web.metadata },
    metadataSources: { ...web.metadataSources },
    removed: web.removed,
    fetchedAt: fetched?.fetchedAt ?? null,
  }));
}

/** The report's summary of a web page: metadata with sources, what was removed, the start of the text. */
function webSummary(web: WebProvenance, row: { title: string; body: string; outlet: string | null; author: string | null; publishedAt: string | null; url: string | null }, fetched?: FetchFacts): WebImportSummary {
  return {
    metadataSources: web.metadataSources,
    metadata: { title: row.title, outlet: row.outlet, author: row.author, publishedAt: row.publishedAt, modifiedAt: web.metadata.modifiedAt, url: row.url },
    removed: web.removed,
    rawSha256: web.rawSha256,
    ...(fetched ? { finalUrl: fetched.finalUrl } : {}),
    excerpt: row.body.slice(0, 400),
  };
}

async function importDrafts(tx: Tx, projectId: number, importerId: number | null, parsed: Extract<ParsedFile, { kind: 'articles' }>, fetched?: FetchFacts): Promise<FileResult> {
  const result: FileResult = { file: parsed.file, imported: [], duplicates: [] };
  for (const { draft, line, web } of parsed.articles) {
    const input = importArticleSchema.parse(draft);
    // The same page again: by the address it states, its canonical URL or where the fetch ended.
    const urls = [input.url, web?.metadata.canonicalUrl, fetched?.finalUrl];
    const again = await reviseByUrl(tx, projectId, importerId, { urls, body: input.body, title: input.title, publishedAt: input.publishedAt, modifiedAt: web?.metadata.modifiedAt });
    if (again?.kind === 'unchanged') {
      result.duplicates.push({ title: input.title, existingArticleId: again.articleId, line, unchanged: true });
      continue;
    }
    if (again) {
      const { created } = again;
      const summary = web ? webSummary(web, { ...input, outlet: input.outlet ?? null, author: input.author ?? null, publishedAt: input.publishedAt ?? null, url: input.url ?? null, body: normalizeArticleText(input.body) }, fetched) : undefined;
      (result.revised ??= []).push(revisedEntry(created, urls.find(Boolean), { ...(line ? { line } : {}), ...(summary ? { web: summary } : {}) }));
      continue;
    }
    try {
      const row = await insertArticle(tx, projectId, importerId, input);
      await recordEvent(tx, { projectId, actorId: importerId, action: 'article.import', entityType: 'article', entityId: row.id, after: { title: row.title, sha256: row.sha256, file: parsed.file, ...(web ? { rawSha256: web.rawSha256 } : {}), ...(fetched ? { finalUrl: fetched.finalUrl } : {}) } });
      if (web) await recordSource(tx, row.id, parsed.file, web, fetched);
      result.imported.push({ articleId: row.id, title: row.title, length: row.body.length, ...(web ? { web: webSummary(web, row, fetched) } : {}) });
    } catch (error) {
      const existing = isAppError(error) ? (error.details as { existingArticleId?: number } | undefined)?.existingArticleId : undefined;
      if (!existing) throw error;
      result.duplicates.push({ title: input.title, existingArticleId: existing, line });
    }
  }
  return result;
}

/**
 * Imports a batch of files into a project. Problems in any file answer 400/413/415/422 with
 * every file's problem in `details.files` and nothing written.
 */
export async function importBatch({ actor, projectId, files, onProgress }: { actor: Actor; projectId: number; files: ImportFile[]; onProgress?: ImportProgress }): Promise<ImportResult> {
  await projectAccess(getDb(), actor, projectId, 'article.import');
  checkBatch(files);
  const parsed = parseAll(files, onProgress);
  const results = await writeTransaction(async (tx) => {
    const { user } = await projectAccess(tx, actor, projectId, 'article.import');
    const importerId = user?.id ?? null;
    let bytes = 0;
    const written: FileResult[] = [];
    for (const [index, p] of parsed.entries()) {
      onProgress?.({ phase: 'writing', done: index, total: parsed.length, bytes });
      bytes += files[index]?.bytes.byteLength ?? 0;
      written.push(p.kind === 'articles' ? await importDrafts(tx, projectId, importerId, p) : { file: p.file, ...(await importNative(tx, projectId, importerId, p.articles)) });
    }
    return written;
  });
  // A duplicate is named by the article already there, not by the title given to the new copy.
  for (const d of results.flatMap((r) => r.duplicates)) {
    d.existingTitle = (await first(getDb().select({ title: articles.title }).from(articles).where(eq(articles.id, d.existingArticleId))))?.title ?? '';
  }
  return totals(results);
}

/**
 * Articles sent as JSON (the API's JSON form and the paste box) as one JSONL file, so they
 * get exactly the checks of an uploaded batch; "line N" in a message is the N-th article.
 */
export function articlesAsFile(name: string, items: unknown[]): ImportFile {
  return { name, bytes: new TextEncoder().encode(items.map((item) => JSON.stringify(item)).join('\n') + '\n') };
}

/**
 * Imports the article of a web page by URL (leads: 'article.import'). The role is checked
 * before anything is fetched, so only leads make the server fetch; the fetch follows the rules
 * of lib/import/fetchPage.ts. Nothing is stored unless every step succeeds; a text already in
 * the project is reported as a duplicate.
 */
export async function importWebPage({ actor, projectId, url }: { actor: Actor; projectId: number; url: string }): Promise<ImportResult> {
  await projectAccess(getDb(), actor, projectId, 'article.import');
  const page = await fetchPage(url);
  let parsed: Extract<ParsedFile, { kind: 'articles' }>;
  try {
    const { draft, web } = parseWebPage(page.finalUrl, page.html, page.finalUrl);
    const check = importArticleSchema.safeParse(draft);
    if (!check.success) throw new AppError('unprocessable', `Nothing was imported. ${page.finalUrl}: ${describeIssues(check.error)}`);
    parsed = { file: page.requestedUrl, kind: 'articles', articles: [{ draft, web }] };
  } catch (error) {
    if (error instanceof NoArticleText) throw new AppError('unprocessable', `Nothing was imported. ${page.finalUrl}: ${error.message}`);
    throw error;
  }
  const result = await writeTransaction(async (tx) => {
    const { user } = await projectAccess(tx, actor, projectId, 'article.import');
    return await importDrafts(tx, projectId, user?.id ?? null, parsed, page);
  });
  return totals([result]);
}

/** What the single-article import answers: a new article, a new revision of the one at its URL, or that one unchanged. */
export type OneImport =
  | { outcome: 'imported'; article: ArticleMeta }
  | { outcome: 'revised'; article: ArticleMeta; revised: RevisedArticle }
  | { outcome: 'unchanged'; article: ArticleMeta };

const metaOf = (row: typeof articles.$inferSelect): ArticleMeta => {
  const { body, ...meta } = row;
  return { ...meta, length: body.length };
};

/**
 * Imports one article (leads: 'article.import'), as `POST /api/projects/:projectId/articles`.
 * When an article of the project already has its URL, a different text becomes that article's
 * next revision (re-anchored) and the same text is reported `unchanged`; any other text already
 * in the project is a 409 naming it.
 */
export async function importOneArticle({ actor, projectId, input }: { actor: Actor; projectId: number; input: unknown }): Promise<OneImport> {
  await projectAccess(getDb(), actor, projectId, 'article.import');
  const data = parseInput(importArticleSchema, input);
  return await writeTransaction(async (tx): Promise<OneImport> => {
    const { user } = await projectAccess(tx, actor, projectId, 'article.import');
    const importerId = user?.id ?? null;
    const again = await reviseByUrl(tx, projectId, importerId, { urls: [data.url], body: data.body, title: data.title, publishedAt: data.publishedAt });
    const read = async (id: number) => metaOf((await first(tx.select().from(articles).where(eq(articles.id, id))))!);
    if (again?.kind === 'unchanged') return { outcome: 'unchanged', article: await read(again.articleId) };
    if (again) return { outcome: 'revised', article: await read(again.created.revision.articleId), revised: revisedEntry(again.created, data.url) };
    const row = await insertArticle(tx, projectId, importerId, data);
    await recordEvent(tx, { projectId, actorId: importerId, action: 'article.import', entityType: 'article', entityId: row.id, after: metaOf(row) });
    return { outcome: 'imported', article: metaOf(row) };
  });
}
