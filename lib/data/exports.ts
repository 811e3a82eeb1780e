/**
 * Exports a project's annotated dataset (leads only: 'project.export'). The export reads
 * from ONE snapshot for the whole stream, so writers carry on and never tear the export:
 * - SQLite: a dedicated read-only connection on the same file holds a read transaction open
 *   (WAL); rows are read article by article, synchronously, so the chunks are a Generator.
 * - PostgreSQL: one pooled client holds a REPEATABLE READ, READ ONLY transaction
 *   (lib/db/pg/snapshot.ts); articles are read in keyset pages with their rows, so the chunks
 *   are an AsyncGenerator.
 * Either way memory does not grow with the dataset, the same serializer (a sink) writes the
 * same bytes, and the snapshot is closed when the stream finishes, fails or is returned.
 */
import Database from 'better-sqlite3';
import { z } from 'zod';
import { getDb } from '../db/client';
import { databasePath } from '../config';
import { databaseUrl } from '../db/engine';
import { openPgSnapshot, type PgSnapshot } from '../db/pg/snapshot';
import { LABELS, STATUSES } from '../db/tables';
import { parseInput } from '../validation';
import { projectAccess, type Actor } from './actor';
import { annotationFilterSql, exportStatements, linkFilterSql, readArticles, readNativeLines, type PgExportSource } from './exportRecords';
import { nativeLinesSink } from '../export/jsonl';
import { runSink, runSinkAsync } from '../export/sink';
import type { ChunkStream } from '../export/stream';
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
  /**
   * The file, chunk by chunk: a Generator on SQLite, an AsyncGenerator on PostgreSQL (read it
   * with `for await`, which takes both). Finish or `return()` it: that closes the snapshot.
   */
  chunks: ChunkStream;
}

type Counts = ExportContext['counts'];

type CountRow = { n: number; live?: number | null };

/** Runs a counting statement (`?` placeholders) on the export's snapshot, on either engine. */
type CountQuery = (sql: string, params: unknown[]) => CountRow | Promise<CountRow>;

/** The counts of the export, in its snapshot (the manifests and the W3C page layout need them first). */
async function countAll(query: CountQuery, projectId: number, filters: ExportFilters): Promise<Counts> {
  const ann = annotationFilterSql('a', filters);
  const links = linkFilterSql(filters);
  const one = async (sql: string, ...params: unknown[]) => Number((await query(sql, params)).n);
  const articleFilter = !filters.articles?.length
    ? { sql: '', params: [] }
    : databaseUrl()
      ? { sql: 'and id = any(?::int[])', params: [filters.articles] }
      : { sql: 'and id in (select value from json_each(?))', params: [JSON.stringify(filters.articles)] };
  const linkRows = 'from links l join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id';
  // A review is of exactly one annotation or one link (reviews_target_check), in the project of
  // its target: counted from the project's reviews, joined to their targets (an IN list of
  // every exported id, as before, cost a second pass over all annotations).
  const live = 'sum(case when r.superseded_at is null then 1 else 0 end)';
  const onAnnotations = await query(`select count(*) as n, ${live} as live from reviews r join annotations a on a.id = r.annotation_id
    where r.project_id = ? and a.project_id = ? and ${ann.sql}`, [projectId, projectId, ...ann.params]);
  const onLinks = await query(`select count(*) as n, ${live} as live from reviews r join links l on l.id = r.link_id
    join annotations fa on fa.id = l.from_annotation_id join annotations ta on ta.id = l.to_annotation_id
    where r.project_id = ? and l.project_id = ? and ${links.sql}`, [projectId, projectId, ...links.params]);
  return {
    articles: await one(`select count(*) as n from articles where project_id = ? and archived_at is null ${articleFilter.sql}`, projectId, ...articleFilter.params),
    annotations: await one(`select count(*) as n from annotations a where a.project_id = ? and ${ann.sql}`, projectId, ...ann.params),
    links: await one(`select count(*) as n ${linkRows} where l.project_id = ? and ${links.sql}`, projectId, ...links.params),
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

function* streamFrom(sqlite: Database.Database, format: ExportFormat, context: ExportContext, projectId: number, filters: ExportFilters): Generator<string | Uint8Array> {
  try {
    const statements = exportStatements(sqlite, projectId, filters);
    // Native JSONL, the large re-importable export, builds its lines straight from the rows.
    if (format === 'jsonl') yield* runSink(() => nativeLinesSink(context), readNativeLines(statements));
    else yield* runSink(() => FORMATS[format].sink(context), readArticles(statements));
  } finally {
    closeSnapshot(sqlite);
  }
}

async function* streamFromPg(source: PgExportSource, format: ExportFormat, context: ExportContext): AsyncGenerator<string | Uint8Array> {
  try {
    if (format === 'jsonl') yield* runSinkAsync(() => nativeLinesSink(context), readNativeLines(source));
    else yield* runSinkAsync(() => FORMATS[format].sink(context), readArticles(source));
  } finally {
    await source.snapshot.close();
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

/** The same for PostgreSQL's snapshot: return() gives its client back to the pool. */
function closingOnReturnPg<T>(gen: AsyncGenerator<T>, snapshot: PgSnapshot): AsyncGenerator<T> {
  const original = gen.return.bind(gen);
  gen.return = async (value) => {
    try {
      return await original(value);
    } finally {
      await snapshot.close();
    }
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
  const url = databaseUrl();
  const start = async (query: CountQuery) => {
    const context: ExportContext = {
      project: { id: project.id, slug: project.slug, name: project.name },
      filters,
      generatedAt: new Date().toISOString(),
      baseUrl,
      counts: await countAll(query, projectId, filters),
      ...(publishing ? { publishing } : {}),
    };
    return { format: parsed.format, fileName: exportFileName(project.slug, parsed.format, context.generatedAt), contentType: FORMATS[parsed.format].contentType, context };
  };
  if (url) {
    const snapshot = await openPgSnapshot(url);
    try {
      const head = await start(async (sql, params) => (await snapshot.rows<CountRow>(sql, params))[0]);
      const source: PgExportSource = { snapshot, projectId, filters };
      return { ...head, chunks: closingOnReturnPg(streamFromPg(source, parsed.format, head.context), snapshot) };
    } catch (error) {
      await snapshot.close();
      throw error;
    }
  }
  const sqlite = openSnapshot();
  try {
    const head = await start((sql, params) => sqlite.prepare(sql).get(...params) as CountRow);
    return { ...head, chunks: closingOnReturn(streamFrom(sqlite, parsed.format, head.context, projectId, filters), sqlite) };
  } catch (error) {
    closeSnapshot(sqlite);
    throw error;
  }
}
