/**
 * `restore <file>`: replaces the live database with a backup, after proving the backup is a
 * sound workbench database. The database as it was is kept beside it first.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databasePath } from '../../lib/config';
import { closeDb, getSqlite } from '../../lib/db/client';
import { expectPositionals, parseArgs } from '../args';
import { backupInto, describeCounts, inspectDatabase } from '../databaseFile';
import type { Command } from '../registry';
import { CliError } from '../support';
import { onPostgres } from '../../lib/db/engine';

/** Copies `file` over the live database with the backup API (never a file copy). */
async function copyIntoPlace(file: string, live: string): Promise<void> {
  await closeDb();
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(live);
  } finally {
    source.close();
  }
}

function sameFile(a: string, b: string): boolean {
  return fs.existsSync(b) && fs.realpathSync(a) === fs.realpathSync(b);
}

const POSTGRES_RESTORE = 'On PostgreSQL (DATABASE_URL) restore with pg_restore into an empty database: pg_restore --no-owner -d "$DATABASE_URL" workbench.dump (docs/deploy.md, Backups).';

const command: Command = {
  name: 'restore',
  summary: 'replace the database with a backup',
  usage: ['restore <file>'],
  details: [
    'Refuses a file that is not a workbench database or fails integrity_check.',
    'The current database is first saved as workbench.sqlite.before-restore-<time> in DATA_DIR.',
    'Stop the server before restoring, and start it again afterwards.',
  ],
  async run(argv, ctx) {
    // PostgreSQL has its own tools for this, which the operator already runs (docs/deploy.md).
    if (onPostgres()) throw new CliError(POSTGRES_RESTORE);
    const args = parseArgs(argv, {});
    const [target] = expectPositionals(args.positionals, ['file']);
    const file = path.resolve(target);
    const summary = inspectDatabase(file);
    const live = databasePath();
    if (sameFile(file, live)) throw new CliError(`${file} is the live database itself.`);
    if (fs.existsSync(live)) {
      const kept = `${live}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await backupInto(getSqlite(), kept);
      ctx.out(`Saved the current database as ${kept}.`);
    }
    await copyIntoPlace(file, live);
    const problems = (getSqlite().pragma('integrity_check') as Array<{ integrity_check: string }>).filter((r) => r.integrity_check !== 'ok');
    if (problems.length) throw new CliError(`The restored database fails integrity_check: ${problems[0].integrity_check}`);
    ctx.out(`Restored ${file} into ${live}; it holds ${describeCounts(summary)}.`);
  },
};

export default command;
