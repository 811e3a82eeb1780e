/**
 * Migrates the PostgreSQL database of DATABASE_URL (or the URL given as the argument) to this
 * build's schema: `npm run pg:migrate [-- postgres://...]`. One line either way; exit 1 on bad
 * configuration (unreachable server, refused credentials, a database migrated by a newer build).
 */
import { applyPgMigrations, PgConfigError } from '../lib/db/pg/migrate';

async function main(): Promise<void> {
  const url = process.argv[2] || process.env.DATABASE_URL;
  if (!url) throw new PgConfigError('DATABASE_URL is not set (expected postgres://user:password@host:port/database)');
  const { applied, total } = await applyPgMigrations(url);
  console.log(`PostgreSQL migrations: ${applied} applied, ${total} in all, up to date`);
}

main().catch((error: unknown) => {
  const line = error instanceof PgConfigError ? error.message : `PostgreSQL migration failed: ${error instanceof Error ? error.message : String(error)}`;
  console.error(line.split('\n')[0]);
  process.exit(1);
});
