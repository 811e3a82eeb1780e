/**
 * What the first start of a fresh DATA_DIR does: migrate, create the first admin (printing
 * the password once and keeping it in data/initial-admin-password, mode 600), load the
 * seed corpus with that admin as lead, and index the sentences of any article stored before
 * articles were indexed on import. Every step is idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { countRows, getDb, writeTransaction } from '../db/client';
import { users } from '../db/tables';
import { dataDir } from '../config';
import { generatePassword, hashPassword } from '../auth/password';
import { recordEvent } from '../data/events';
import { indexStaleArticlesInBackground } from '../data/sentenceIndex';
import { loadSeeds } from '../../seeds/load';
import { first } from '../db/query';

export const INITIAL_ADMIN_EMAIL = 'admin@workbench.local';

async function createInitialAdmin(): Promise<number | null> {
  const db = getDb();
  if (await countRows(db, users) > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const id = await writeTransaction(async (tx) => {
    if (await countRows(tx, users) > 0) return null;
    const row = await first(tx
      .insert(users)
      .values({ email: INITIAL_ADMIN_EMAIL, name: 'Administrator', passwordHash, isAdmin: true })
      .returning({ id: users.id }));
    await recordEvent(tx, { projectId: null, actorId: null, action: 'user.create', entityType: 'user', entityId: row.id, after: { email: INITIAL_ADMIN_EMAIL, isAdmin: true } });
    return row.id;
  });
  if (id === null) return null;
  const file = path.join(dataDir(), 'initial-admin-password');
  fs.writeFileSync(file, `${INITIAL_ADMIN_EMAIL}\n${password}\n`, { mode: 0o600 });
  console.log(
    [
      '',
      '  First start: an administrator account was created.',
      `    email:    ${INITIAL_ADMIN_EMAIL}`,
      `    password: ${password}`,
      `  (also saved in ${file}; change it in Settings → Password after signing in)`,
      '',
    ].join('\n'),
  );
  return id;
}

let done: Promise<void> | undefined;

/** Runs the first-start steps once per process. */
export function ensureFirstRun(): Promise<void> {
  done ??= (async () => {
    const adminId = await createInitialAdmin();
    const lead = adminId ?? (await first(getDb().select({ id: users.id }).from(users).where(eq(users.email, INITIAL_ADMIN_EMAIL))))?.id ?? null;
    const { added } = await loadSeeds(lead);
    if (added > 0) console.log(`  Loaded ${added} seed articles.`);
    // Whatever an earlier process left unindexed (an upgrade, a restore, a crash half way).
    indexStaleArticlesInBackground();
  })();
  return done;
}
