/**
 * Which database engine this process runs on (issue 17): PostgreSQL when DATABASE_URL is a
 * postgres:// URL, otherwise the SQLite file in DATA_DIR. Decided by the environment at start;
 * a process never switches (lib/db/tables.ts picks its table objects once).
 */
export type Engine = 'sqlite' | 'pg';

export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function engine(): Engine {
  return databaseUrl() ? 'pg' : 'sqlite';
}

export function onPostgres(): boolean {
  return engine() === 'pg';
}
