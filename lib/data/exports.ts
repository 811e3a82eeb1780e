/**
 * Exports a project's annotated dataset (leads only: 'project.export'). The export reads
 * from ONE snapshot: a dedicated read-only connection on the same file holds a read
 * transaction open for the whole stream, so writers carry on (WAL) and never tear the
 * export, and rows are read article by article so memory does not grow with the dataset.
 */
import Database from 'better-sqlite3';
import { z } from 'zod';
import { getDb } from '../db/client';
import { databasePath } from '../config';
import { LABELS, STATUSES } from '../db/tables';
import { parseInput } from '../validation';
import { projectAccess, type Actor } from './actor';
import { annotationFilterSql, exportStatements, linkFilterSql, readArticles, readNativeLines } from './exportRecords';
import { serializeNativeLines } from '../export/jsonl';
import { EXPORT_FORMATS, type ExportContext, type ExportFilters, type ExportFormat } from '../export/types';
import { FORMATS, exportFileName } from '../export';
import { requirePublishingSettings } from './publishing';

const list = <O>(item: z.ZodType<O, string>) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).min(1, 'give at least one value').max(1000));

const positiveId = (message: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,14}$/, message)
    .transform(Number);

/** The export request: format and filters, as query parameters. Unknown keys are refused. */
export const exportRequestSchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { message: `must be one of ${EXPORT_FORMATS.join(', ')}` }),
  status: list(z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` })).optional(),
  label: list(z.enum(LABELS, { message: `must be one of ${LABELS.join(', ')}` })).optional(),
  author: list(positiveId('must be user ids (numbers)')).optional(),
  articles: list(positiveId('must be article ids (numbers)')).optional(),
});
export type ExportRequest = z.input<typeof exportRequestSchema>;

export interface ExportStream {
  format: ExportFormat;
  fileName: string;
  contentType: string;
  context: ExportContext;
  /** The file, chunk by chunk. Finish or `return()` it: that closes the snapshot. */
  chunks: Generator<string | Uint8Array>;
}

type Counts = ExportContext['counts'];

function countAll(sqlite: Database.Database, projectId: number, filters: ExportFilters): Counts {
  const ann = annotationFilterSql('a', filters);
  const links = linkFilterSql(filters);
  const one = (sql: string, ...params: unknown[]) => Number((sqlite.prepare(sql).get(...params) as { n: number }).n);
  const articleFilter = filters.articles?.length ? 'and id in (select value from json_each(?))' : '';
  const articleParams = filters.articles?.length ? [JSON.stringify(filters.articles)] : [];
  const linkRows = 'from links l join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id';
  // A review is of exactly one annotation or one link (reviews_target_check), in the project of
  // its target: counted from the project's reviews, joined to their targets (an IN list of
  // every exported id, as before, cost a second pass over all annotations).
  const reviewCount = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as { n: number; live: number | null };
  const onAnnotations = reviewCount(`select count(*) as n, sum(r.superseded_at is null) as live from reviews r join annotations a on a.id = r.annotation_id
    where r.project_id = ? and a.project_id = ? and ${ann.sql}`, projectId, projectId, ...ann.params);
  const onLinks = reviewCount(`select count(*) as n, sum(r.superseded_at is null) as live from reviews r join links l on l.id = r.link_id
    join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id
    where r.project_id = ? and l.project_id = ? and ${links.sql}`, projectId, projectId, ...links.params);
  return {
    articles: one(`select count(*) as n from articles where project_id = ? and archived_at is null ${articleFilter}`, projectId, ...articleParams),
    annotations: one(`select count(*) as n from annotations a where a.project_id = ? and ${ann.sql}`, projectId, ...ann.params),
    links: one(`select count(*) as n ${linkRows} where l.project_id = ? and ${links.sql}`, projectId, ...links.params),
    reviews: Number(onAnnotations.n) + Number(onLinks.n),
    liveReviews: Number(onAnnotations.live ?? 0) + Number(onLinks.live ?? 0),
  };
}

function toFilters(request: z.output<typeof exportRequestSchema>): ExportFilters {
  const filters: ExportFilters = {};
  if (request.status) filters.status = request.status;
  if (request.label) filters.label = request.label;
  if (request.author) filters.author = request.author;
  if (request.articles) filters.articles = request.articles;
  return filters;
}

/** Opens the snapshot: a read-only connection with a read transaction begun and pinned. */
export function openSnapshot(file = databasePath()): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.exec('begin');
  // A WAL read transaction takes its snapshot at the first read, so read once now.
  sqlite.prepare('select count(*) from sqlite_master').get();
  return sqlite;
}

function closeSnapshot(sqlite: Database.Database): void {
  if (!sqlite.open) return;
  if (sqlite.inTransaction) sqlite.exec('commit');
  sqlite.close();
}

function* streamFrom(sqlite: Database.Database, format: ExportFormat, context: ExportContext, projectId: number, filters: ExportFilters) {
  try {
    const statements = exportStatements(sqlite, projectId, filters);
    // Native JSONL, the large re-importable export, builds its lines straight from the rows.
    if (format === 'jsonl') yield* serializeNativeLines(context, readNativeLines(statements));
    else yield* FORMATS[format].serialize(context, readArticles(statements));
  } finally {
    closeSnapshot(sqlite);
  }
}

/** Closes the snapshot on return() even before the first chunk (a generator's finally would not run). */
function closingOnReturn<T>(gen: Generator<T>, sqlite: Database.Database): Generator<T> {
  const original = gen.return.bind(gen);
  gen.return = (value) => {
    const result = original(value);
    closeSnapshot(sqlite);
    return result;
  };
  return gen;
}

/**
 * Starts an export. Authorization and validation happen before anything is streamed (404
 * for non-members, 403 for non-leads, 400 for an unknown format or filter), so callers can
 * answer with a clear error; after that the chunks come from the snapshot.
 */
export async function exportProject({ actor, projectId, request, baseUrl }: { actor: Actor; projectId: number; request: unknown; baseUrl: string }): Promise<ExportStream> {
  const { project } = await projectAccess(getDb(), actor, projectId, 'project.export');
  const parsed = parseInput(exportRequestSchema, request);
  const filters = toFilters(parsed);
  const publishing = parsed.format === 'claimreview' ? await requirePublishingSettings(project.id) : undefined;
  const sqlite = openSnapshot();
  try {
    const context: ExportContext = {
      project: { id: project.id, slug: project.slug, name: project.name },
      filters,
      generatedAt: new Date().toISOString(),
      baseUrl,
      counts: countAll(sqlite, projectId, filters),
      ...(publishing ? { publishing } : {}),
    };
    const info = FORMATS[parsed.format];
    return {
      format: parsed.format,
      fileName: exportFileName(project.slug, parsed.format, context.generatedAt),
      contentType: info.contentType,
      context,
      chunks: closingOnReturn(streamFrom(sqlite, parsed.format, context, projectId, filters), sqlite),
    };
  } catch (error) {
    closeSnapshot(sqlite);
    throw error;
  }
}
