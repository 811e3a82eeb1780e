/**
 * Entry point of `npm run cli -- <command> ...`: finds the command in the registry, runs it
 * against the database in DATA_DIR (the one the server uses; migrations are applied when it is
 * opened, nothing is seeded) and turns failures into one line on stderr and an exit code:
 * 0 done, 1 failed, 2 wrong usage.
 */
import path from 'node:path';
import { closeDb } from '../lib/db/client';
import { onPostgres } from '../lib/db/engine';
import { openDatabase, openFailureLine } from '../lib/data/openDatabase';
import { sentenceIndexIdle } from '../lib/data/sentenceIndex';
import { isAppError } from '../lib/errors';
import { UsageError } from './args';
import { loadAllCommands, loadCommand, type Command, type CommandContext } from './registry';
import { CliError } from './support';

process.env.APP_ROOT ||= path.resolve(__dirname, '..');
// `... | head -1` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const context: CommandContext = {
  out: (line = '') => process.stdout.write(`${line}\n`),
  note: (line) => process.stderr.write(`${line}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

function commandHelp(command: Command): string {
  const lines = ['Usage:', ...command.usage.map((u) => `  npm run cli -- ${u}`)];
  if (command.details?.length) lines.push('', ...command.details);
  return lines.join('\n');
}

async function overview(): Promise<string> {
  const commands = await loadAllCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Fact-check workbench command line. Works on the database in DATA_DIR (default ./data).',
    '',
    'Usage: npm run cli -- <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "npm run cli -- <command> --help" for a command\'s arguments.',
  ].join('\n');
}

function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('No command given. Run "npm run cli -- help" for the list.');
  if (name === 'help' || name === '--help' || name === '-h') {
    const command = rest[0] ? await loadCommand(rest[0]) : null;
    if (rest[0] && !command) throw new UsageError(`Unknown command "${rest[0]}".`);
    context.out(command ? commandHelp(command) : await overview());
    return 0;
  }
  const command = await loadCommand(name);
  if (!command) throw new UsageError(`Unknown command "${name}". Run "npm run cli -- help" for the list.`);
  if (wantsHelp(rest)) {
    context.out(commandHelp(command));
    return 0;
  }
  // On PostgreSQL the database is reached (and migrated) first, so a bad DATABASE_URL is one
  // clear line; check, backup and restore look at the database as it is.
  if (onPostgres() && !['check', 'backup', 'restore'].includes(command.name)) {
    try {
      await openDatabase();
    } catch (error) {
      throw new CliError(openFailureLine(error).replace(/^Cannot start: /, ''));
    }
  }
  try {
    return (await command.run(rest, context)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) error.usage ??= command.usage;
    throw error;
  }
}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    const usage = (error.usage ?? []).map((u, i) => `${i ? '       ' : 'usage: '}npm run cli -- ${u}\n`);
    process.stderr.write(`error: ${error.message}\n${usage.join('')}`);
    return 2;
  }
  if (error instanceof CliError || isAppError(error)) {
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}

async function main(): Promise<void> {
  let code: number;
  try {
    code = await dispatch(process.argv.slice(2));
  } catch (error) {
    code = report(error);
  }
  // Imported articles are indexed for suggestions in the background: finish that first.
  await sentenceIndexIdle();
  await closeDb();
  process.exitCode = code;
}

void main();
