/** `backup <file>`: a consistent copy of the live database, safe while the server runs. */
import fs from 'node:fs';
import path from 'node:path';
import { databasePath } from '../../lib/config';
import { getSqlite } from '../../lib/db/client';
import { expectPositionals, parseArgs } from '../args';
import { backupInto, describeCounts } from '../databaseFile';
import type { Command } from '../registry';
import { CliError } from '../support';
import { onPostgres } from '../../lib/db/engine';

const POSTGRES_BACKUP = 'On PostgreSQL (DATABASE_URL) back up with pg_dump: pg_dump -Fc -f workbench.dump "$DATABASE_URL" (docs/deploy.md, Backups).';

const command: Command = {
  name: 'backup',
  summary: 'copy the database to a file (safe while the server runs)',
  usage: ['backup <file>'],
  details: [
    'Uses the SQLite online backup API, so the copy is consistent even while the server writes.',
    'The copy is a single file, checked with integrity_check before it gets its name.',
    'An existing file is never overwritten. Put it back with "npm run cli -- restore <file>".',
  ],
  async run(argv, ctx) {
    // PostgreSQL has its own tools for this, which the operator already runs (docs/deploy.md).
    if (onPostgres()) throw new CliError(POSTGRES_BACKUP);
    const args = parseArgs(argv, {});
    const [target] = expectPositionals(args.positionals, ['file']);
    const live = databasePath();
    if (!fs.existsSync(live)) throw new CliError(`There is no database at ${live} yet (check DATA_DIR).`);
    const file = path.resolve(target);
    const summary = await backupInto(getSqlite(), file);
    ctx.out(`Backed up ${live} to ${file} (${summary.bytes} bytes; integrity_check ok).`);
    ctx.out(`It holds ${describeCounts(summary)}.`);
  },
};

export default command;
