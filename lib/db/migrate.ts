import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

/** Folder of the committed drizzle-kit migrations. */
export function migrationsFolder(): string {
  return path.join(/*turbopackIgnore: true*/ process.env.APP_ROOT || process.cwd(), 'drizzle');
}

/** Applies every committed migration not yet applied; a no-op on an up-to-date database. */
export function applyMigrations(db: BetterSQLite3Database<Record<string, unknown>>): void {
  migrate(db, { migrationsFolder: migrationsFolder() });
}
