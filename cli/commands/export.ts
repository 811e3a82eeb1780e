/**
 * `export --project <project> --format <format> [--out FILE]`: streams an export from one
 * read snapshot to a file (written as FILE.partial and renamed when complete, so a failed
 * export never leaves a half-written FILE) or to standard output. On a terminal, a progress
 * line on stderr shows records written of the total, bytes and time left.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { SYSTEM } from '../../lib/data/actor';
import { exportProject } from '../../lib/data/exports';
import { batchBytes } from '../../lib/export/stream';
import { expectedLines } from '../../lib/export';
import { progressLine } from '../progress';
import { EXPORT_FORMATS } from '../../lib/export/types';
import { parseArgs, requiredFlag, stringFlag, UsageError } from '../args';
import type { Command } from '../registry';
import { findProject, projectLabel } from '../support';

const FILTERS = ['status', 'label', 'author', 'articles'] as const;

/** Writes the chunks to the sink (waiting when it is full), with a progress line on a terminal. */
async function writeAll(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, sink: Writable, countLines: boolean, total: number | null): Promise<{ bytes: number; records: number }> {
  const line = progressLine('exported', countLines ? 'records' : null);
  const progress = { done: 0, total, bytes: 0 };
  for await (const chunk of chunks) {
    progress.bytes += chunk.byteLength;
    if (countLines) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) progress.done++;
    if (!sink.write(chunk)) await once(sink, 'drain');
    line.update(progress);
  }
  line.finish(progress);
  return { bytes: progress.bytes, records: progress.done };
}

async function finish(sink: fs.WriteStream): Promise<void> {
  sink.end();
  await once(sink, 'finish');
}

const command: Command = {
  name: 'export',
  summary: `export a project as ${EXPORT_FORMATS.join(', ')}`,
  usage: [`export --project <project> --format <${EXPORT_FORMATS.join('|')}> [--out FILE] [--base-url URL] [--status S,..] [--label L,..] [--author ID,..] [--articles ID,..]`],
  details: [
    'Reads one consistent snapshot of the database; the app may keep running and writing meanwhile.',
    'Without --out the export goes to standard output. With --out it is written to FILE.partial and renamed to FILE at the end.',
    '--base-url sets the origin of the absolute IRIs in W3C and ClaimReview exports (default http://localhost:$PORT).',
    'W3C, brat, FEVER, Label Studio and span offsets count Unicode code points; doccano counts UTF-16 code units as doccano does; native JSONL and CSV carry both.',
  ],
  async run(argv, ctx) {
    const args = parseArgs(argv, { project: 'string', format: 'string', out: 'string', 'base-url': 'string', status: 'string', label: 'string', author: 'string', articles: 'string' });
    if (args.positionals.length) throw new UsageError(`Unexpected argument "${args.positionals[0]}".`);
    const project = await findProject(requiredFlag(args, 'project'));
    const request: Record<string, string> = { format: requiredFlag(args, 'format') };
    for (const key of FILTERS) {
      const value = stringFlag(args, key);
      if (value !== undefined) request[key] = value;
    }
    const baseUrl = stringFlag(args, 'base-url') ?? `http://localhost:${process.env.PORT || 3000}`;
    if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) throw new UsageError('--base-url must be an http(s) origin, e.g. https://desk.example.org');
    const stream = await exportProject({ actor: SYSTEM, projectId: project.id, request, baseUrl });
    const out = stringFlag(args, 'out');
    const total = expectedLines(stream.format, stream.context.counts);
    const countLines = total !== null;
    if (!out) {
      await writeAll(batchBytes(stream.chunks), process.stdout, countLines, total);
      return;
    }
    const partial = `${out}.partial`;
    const sink = fs.createWriteStream(partial, { flags: 'w' });
    try {
      const { bytes } = await writeAll(batchBytes(stream.chunks), sink, countLines, total);
      await finish(sink);
      fs.renameSync(partial, out);
      const { counts } = stream.context;
      ctx.out(`Exported ${projectLabel(project)} as ${stream.format} to ${out} (${bytes} bytes: ${counts.articles} articles, ${counts.annotations} annotations, ${counts.links} links).`);
    } catch (error) {
      sink.destroy();
      fs.rmSync(partial, { force: true });
      throw error;
    }
  },
};

export default command;
