/**
 * `import --project <project> <files...>`: imports .txt and .md files as articles, all in one
 * transaction (a failure imports nothing). A text already in the project is skipped, not an
 * error, so the same batch can be run again safely.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM } from '../../lib/data/actor';
import { importArticle } from '../../lib/data/articles';
import { writeTransaction } from '../../lib/db/client';
import { isAppError } from '../../lib/errors';
import { normalizeArticleText } from '../../lib/anchoring/normalize';
import { statedMetadata } from '../../seeds/metadata';
import { parseArgs, requiredFlag, UsageError } from '../args';
import type { Command } from '../registry';
import { CliError, findProject, projectLabel } from '../support';
import { importUrl, importWithParsers, needsParsers } from '../importParsed';
import { progressLine } from '../progress';

const EXTENSIONS = ['.txt', '.md'];

interface SourceFile {
  file: string;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  body: string;
}

type Outcome = { file: string; articleId: number; title: string; length: number; skipped: boolean };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The first "# Heading" of a Markdown file, when its first lines have one. */
function markdownHeading(text: string): string | null {
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text.split('\n').slice(0, 15).join('\n'));
  return heading ? heading[1].trim() : null;
}

/** Reads one file as UTF-8 text (no BOM) and takes title, outlet and date from what it states. */
export function readSource(file: string): SourceFile {
  const ext = path.extname(file).toLowerCase();
  if (!EXTENSIONS.includes(ext)) throw new CliError(`${file}: only .txt, .md, .html, .json and .jsonl files can be imported.`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read'}.`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CliError(`${file}: not valid UTF-8 text.`);
  }
  const normalized = normalizeArticleText(text);
  const meta = statedMetadata(normalized);
  const title = (ext === '.md' ? markdownHeading(normalized) : null) ?? meta.title ?? path.basename(file, ext);
  return { file, title, outlet: meta.outlet, publishedAt: meta.publishedAt, body: text };
}

async function importOne(projectId: number, source: SourceFile): Promise<Outcome> {
  const { file, body, ...meta } = source;
  try {
    const article = await importArticle({ actor: SYSTEM, projectId, input: { ...meta, body } });
    return { file, articleId: article.id, title: article.title, length: article.length, skipped: false };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const existing = (error.details as { existingArticleId?: number } | undefined)?.existingArticleId;
    if (error.code === 'conflict' && existing) return { file, articleId: existing, title: '', length: 0, skipped: true };
    throw new CliError(`${file}: ${error.message}`);
  }
}

/** Reads every file first, then imports them in one transaction: all or nothing. */
async function importAll(projectId: number, files: string[]): Promise<Outcome[]> {
  try {
    const reading = progressLine('reading', 'files');
    let bytes = 0;
    const sources = files.map((file, index) => {
      reading.update({ done: index, total: files.length, bytes });
      const source = readSource(file);
      bytes += Buffer.byteLength(source.body);
      return source;
    });
    reading.finish({ done: files.length, total: files.length, bytes });
    const importing = progressLine('importing', 'files');
    let written = 0;
    const outcomes = await writeTransaction(async () => {
      const done: Outcome[] = [];
      for (const [index, source] of sources.entries()) {
        importing.update({ done: index, total: sources.length, bytes: written });
        written += Buffer.byteLength(source.body);
        done.push(await importOne(projectId, source));
      }
      return done;
    });
    importing.finish({ done: sources.length, total: sources.length, bytes });
    return outcomes;
  } catch (error) {
    if (error instanceof CliError) throw new CliError(`${error.message.replace(/([^.])$/, '$1.')} Nothing was imported.`);
    throw error;
  }
}

function describe(outcome: Outcome): string {
  if (outcome.skipped) return `${outcome.file}: skipped: already in project as article ${outcome.articleId}`;
  return `${outcome.file}: imported as article ${outcome.articleId} "${outcome.title}" (${outcome.length} characters)`;
}

const command: Command = {
  name: 'import',
  summary: 'import .txt/.md/.html/.json/.jsonl files as articles of a project',
  usage: ['import --project <project> <files...>', 'import --project <project> --url <address>'],
  details: [
    'Each file is read as UTF-8 (a leading BOM is dropped) and normalized (line breaks to LF, Unicode NFC).',
    'Title, outlet and date are taken from the text where it states them; otherwise the title is the file name.',
    'All files are imported in one transaction: if one fails, none is imported.',
    'A text already in the project is skipped ("skipped: already in project as article N").',
    '.html/.htm (the article as Readability extracts it), .json/.jsonl batches and native JSONL exports go through lib/import (see docs/export.md).',
    '--url fetches one web page and imports its article: public addresses only (IMPORT_ALLOWED_HOSTS lists exceptions), HTML up to 5 MB within 15 s.',
  ],
  async run(argv, ctx) {
    const args = parseArgs(argv, { project: 'string', url: 'string' });
    const project = await findProject(requiredFlag(args, 'project'));
    if (typeof args.flags.url === 'string') {
      if (args.positionals.length) throw new UsageError('Give either --url or files, not both.');
      return importUrl(project.id, projectLabel(project), args.flags.url, ctx);
    }
    if (args.positionals.length === 0) throw new UsageError('Missing <files...>: name at least one file to import.');
    if (needsParsers(args.positionals)) return await importWithParsers(project.id, projectLabel(project), args.positionals, ctx);
    const outcomes = await importAll(project.id, args.positionals);
    for (const outcome of outcomes) ctx.out(describe(outcome));
    const imported = outcomes.filter((o) => !o.skipped).length;
    ctx.out(`Imported ${imported}, skipped ${outcomes.length - imported}, into project ${projectLabel(project)}.`);
  },
};

export default command;
