/**
 * vitest.pg.config.ts's global setup: one migrated template database on PG_TEST_URL's server,
 * which every test file copies (tests/setup.ts), dropped when the run ends.
 */
import { applyPgMigrations } from '@/lib/db/pg/migrate';
import { createEmptyDatabase, dropDatabase, PG_TEST_URL } from './db/pgTestDb';

export default async function setup(): Promise<() => Promise<void>> {
  if (!PG_TEST_URL) throw new Error('The PostgreSQL suite needs PG_TEST_URL (a server to make test databases on): see scripts/pg-throwaway.sh.');
  const template = await createEmptyDatabase('template');
  await applyPgMigrations(template.url);
  process.env.PG_TEMPLATE_DATABASE = template.name;
  return () => dropDatabase(template.name);
}
