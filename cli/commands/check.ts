/**
 * `check`: verifies the database's integrity and the app's invariants; exit 1 if any fails.
 * The SQLite database in DATA_DIR, or the PostgreSQL database of DATABASE_URL when that is set.
 */
import { databasePath } from '../../lib/config';
import { getSqlite } from '../../lib/db/client';
import { expectPositionals, parseArgs } from '../args';
import { INVARIANTS } from '../invariants';
import { listProblems, type Invariant } from '../invariantRules';
import type { Command, CommandContext } from '../registry';
import { CliError } from '../support';

/** Runs every invariant, printing ok or FAIL and its problems; returns the exit code. */
async function runChecks<Db>(invariants: Array<Invariant<Db, string[] | Promise<string[]>>>, db: Db, ctx: CommandContext): Promise<number> {
  let failed = 0;
  for (const invariant of invariants) {
    const problems = await invariant.run(db);
    ctx.out(`${problems.length ? 'FAIL' : 'ok  '}  ${invariant.name}`);
    for (const problem of listProblems(problems)) ctx.out(`        ${problem}`);
    if (problems.length) failed++;
  }
  ctx.out(failed ? `${failed} of ${invariants.length} checks failed.` : `All ${invariants.length} checks passed.`);
  if (failed) ctx.note(`error: ${failed} of ${invariants.length} checks failed (see above).`);
  return failed ? 1 : 0;
}

/** The same checks on PostgreSQL, in one read-only snapshot so counters and counts agree while the app writes. */
async function checkPostgres(url: string, ctx: CommandContext): Promise<number> {
  const { connectPg, PgConfigError, serverName } = await import('../../lib/db/pg/migrate');
  const { PG_INVARIANTS, inCheckSnapshot, integrityCoverage } = await import('../pgInvariants');
  let client;
  try {
    client = await connectPg(url);
  } catch (error) {
    throw error instanceof PgConfigError ? new CliError(error.message) : error;
  }
  try {
    const where = serverName(url);
    const [{ migrated }] = (await client.query<{ migrated: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as migrated`)).rows;
    if (!migrated) throw new CliError(`PostgreSQL database ${where} has no workbench schema (no migration journal): run npm run pg:migrate first`);
    ctx.out(`Checking PostgreSQL ${where}`);
    ctx.note(await integrityCoverage(client));
    return await inCheckSnapshot(client, () => runChecks(PG_INVARIANTS, client, ctx));
  } finally {
    await client.end().catch(() => {});
  }
}

const command: Command = {
  name: 'check',
  summary: 'verify integrity and invariants (exit 1 if any fails)',
  usage: ['check'],
  details: [
    'Runs integrity_check and foreign_key_check, then checks that every live annotation lies inside',
    'its article and covers exactly its text, that no live link points to a deleted annotation,',
    'that every annotation and link status equals what its reviews derive, and that every counter',
    'the triggers keep equals a fresh count. Read-only.',
    '',
    'Checks the SQLite database in DATA_DIR, or with DATABASE_URL=postgres://... that PostgreSQL',
    'database (integrity_check and foreign_key_check then say what PostgreSQL can: docs/cli.md).',
  ],
  async run(argv, ctx) {
    expectPositionals(parseArgs(argv, {}).positionals, []);
    const url = process.env.DATABASE_URL;
    if (url) {
      if (!/^postgres(ql)?:\/\//.test(url)) throw new CliError('DATABASE_URL is not a postgres:// URL (unset it to check the SQLite database in DATA_DIR)');
      return checkPostgres(url, ctx);
    }
    const db = getSqlite();
    ctx.out(`Checking ${databasePath()}`);
    return runChecks(INVARIANTS, db, ctx);
  },
};

export default command;
