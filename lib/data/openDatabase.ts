/**
 * Opens the database before the server listens or a CLI command runs (issue 17): on
 * PostgreSQL, reaches DATABASE_URL's server and applies the committed migrations (several
 * instances starting at once take turns, lib/db/pg/migrate.ts); on SQLite, opens and migrates
 * the file in DATA_DIR. Bad configuration (an unreachable server, refused credentials, a
 * database a newer build migrated) comes back as the one line to print, so a start stops
 * there instead of half-starting.
 */
import { getDb } from '../db/client';
import { databaseUrl } from '../db/engine';
import { applyPgMigrations, PgConfigError, serverName } from '../db/pg/migrate';

export interface OpenedDatabase {
  /** What the server or CLI runs on, for its first log line. */
  description: string;
}

export async function openDatabase(): Promise<OpenedDatabase> {
  const url = databaseUrl();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new PgConfigError('DATABASE_URL must be a postgres:// URL (unset it to use the SQLite file in DATA_DIR)');
    const { applied } = await applyPgMigrations(url);
    return { description: `PostgreSQL at ${serverName(url)}${applied ? ` (${applied} migrations applied)` : ''}` };
  }
  getDb();
  return { description: 'SQLite in DATA_DIR' };
}

/** The line to print when openDatabase fails: the operator's message for bad configuration, else the error. */
export function openFailureLine(error: unknown): string {
  if (error instanceof PgConfigError) return `Cannot start: ${error.message}`;
  return `Cannot start: the database could not be opened: ${(error as Error)?.message ?? String(error)}`;
}
