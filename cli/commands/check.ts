/** `check`: verifies the database's integrity and the app's invariants; exit 1 if any fails. */
import { databasePath } from '../../lib/config';
import { getSqlite } from '../../lib/db/client';
import { expectPositionals, parseArgs } from '../args';
import { INVARIANTS, listProblems } from '../invariants';
import type { Command } from '../registry';

const command: Command = {
  name: 'check',
  summary: 'verify integrity and invariants (exit 1 if any fails)',
  usage: ['check'],
  details: [
    'Runs integrity_check and foreign_key_check, then checks that every live annotation lies inside',
    'its article and covers exactly its text, that no live link points to a deleted annotation, and',
    'that every annotation and link status equals what its reviews derive. Read-only.',
  ],
  async run(argv, ctx) {
    expectPositionals(parseArgs(argv, {}).positionals, []);
    const db = getSqlite();
    ctx.out(`Checking ${databasePath()}`);
    let failed = 0;
    for (const invariant of INVARIANTS) {
      const problems = invariant.run(db);
      ctx.out(`${problems.length ? 'FAIL' : 'ok  '}  ${invariant.name}`);
      for (const problem of listProblems(problems)) ctx.out(`        ${problem}`);
      if (problems.length) failed++;
    }
    ctx.out(failed ? `${failed} of ${INVARIANTS.length} checks failed.` : `All ${INVARIANTS.length} checks passed.`);
    if (failed) ctx.note(`error: ${failed} of ${INVARIANTS.length} checks failed (see above).`);
    return failed ? 1 : 0;
  },
};

export default command;
