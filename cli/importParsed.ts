/**
 * The `import` command's path for .html, .htm, .json and .jsonl files (and native JSONL
 * exports): reads the files and hands them to lib/data/imports.ts, which parses every file
 * first and imports the batch in one transaction. Duplicates are reported, not an error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM } from '../lib/data/actor';
import { importBatch, importWebPage, type ImportProgress, type ImportResult } from '../lib/data/imports';
import { progressLine } from './progress';
import { AppError } from '../lib/errors';
import { CliError } from './support';
import type { CommandContext } from './registry';

/** Extensions that need lib/import's parsers (the plain text path handles .txt and .md). */
export const PARSED_EXTENSIONS = ['.html', '.htm', '.json', '.jsonl'];

export function needsParsers(files: string[]): boolean {
  return files.some((f) => PARSED_EXTENSIONS.includes(path.extname(f).toLowerCase()));
}

function readAll(files: string[]) {
  const line = progressLine('reading', 'files');
  let bytes = 0;
  const read = files.map((file, index) => {
    line.update({ done: index, total: files.length, bytes });
    try {
      const content = new Uint8Array(fs.readFileSync(file));
      bytes += content.byteLength;
      return { name: path.basename(file), bytes: content };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read'}. Nothing was imported.`);
    }
  });
  line.finish({ done: files.length, total: files.length, bytes });
  return read;
}

/** Progress lines for the checking and writing phases of importBatch (terminal only). */
function batchProgress(): { onProgress: ImportProgress; finish: () => void } {
  const lines = { checking: progressLine('checking', 'files'), writing: progressLine('importing', 'files') };
  let current: { phase: keyof typeof lines; done: number; total: number; bytes: number } | null = null;
  const finish = () => {
    if (current) lines[current.phase].finish({ ...current, done: current.total });
  };
  return {
    onProgress: (step) => {
      if (current && current.phase !== step.phase) finish();
      current = step;
      lines[step.phase].update(step);
    },
    finish,
  };
}

/** Imports the files as one batch and prints one line per article and a summary. */
export async function importWithParsers(projectId: number, projectName: string, files: string[], ctx: CommandContext): Promise<void> {
  let result;
  const progress = batchProgress();
  try {
    result = await importBatch({ actor: SYSTEM, projectId, files: readAll(files), onProgress: progress.onProgress });
    progress.finish();
  } catch (error) {
    if (error instanceof AppError) {
      const problems = (error.details as { files?: Array<{ message: string }> } | undefined)?.files ?? [];
      for (const p of problems.slice(1)) ctx.note(p.message);
      throw new CliError(error.message);
    }
    throw error;
  }
  printResult(result, projectName, ctx);
}

/** `import --url`: fetches one web page (IMPORT_ALLOWED_HOSTS applies) and imports its article. */
export async function importUrl(projectId: number, projectName: string, url: string, ctx: CommandContext): Promise<void> {
  let result: ImportResult;
  try {
    result = await importWebPage({ actor: SYSTEM, projectId, url });
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
  printResult(result, projectName, ctx);
}

function printResult(result: ImportResult, projectName: string, ctx: CommandContext): void {
  for (const f of result.files) {
    for (const a of f.imported) {
      ctx.out(`${f.file}: imported as article ${a.articleId} "${a.title}" (${a.length} characters${a.annotations ? `, ${a.annotations} annotations` : ''})`);
      if (a.web) {
        const sources = Object.entries(a.web.metadataSources).map(([k, v]) => `${k} from ${v}`).join(', ');
        if (a.web.finalUrl && a.web.finalUrl !== f.file) ctx.out(`${f.file}: fetched from ${a.web.finalUrl}`);
        ctx.out(`${f.file}: metadata: ${sources}`);
        ctx.out(`${f.file}: removed ${a.web.removed.blocks} blocks${a.web.removed.groups.length ? ` (${a.web.removed.groups.map((g) => `${g.kind} ${g.count}`).join(', ')})` : ''}`);
      }
    }
    for (const r of f.revised ?? []) {
      const c = r.counts;
      ctx.out(`${f.file}${r.line ? `:${r.line}` : ''}: article ${r.articleId} "${r.title}" re-imported as revision ${r.revision}: ${c.kept} kept, ${c.edited} edited, ${c.moved} moved, ${c.orphaned} orphaned${r.flaggedLinks ? `, ${r.flaggedLinks} links flagged` : ''}${r.skippedAnnotations ? ` (${r.skippedAnnotations} annotations of the file not imported)` : ''}`);
    }
    for (const d of f.duplicates) ctx.out(`${f.file}${d.line ? `:${d.line}` : ''}: skipped: ${d.unchanged ? 'unchanged, ' : ''}already in project as article ${d.existingArticleId}`);
    if (f.links !== undefined) ctx.out(`${f.file}: ${f.links} links imported, ${f.skippedLinks ?? 0} skipped`);
  }
  ctx.out(`Imported ${result.imported}${result.revised ? `, revised ${result.revised}` : ''}, skipped ${result.duplicates}, into project ${projectName}.`);
}
