/**
 * Applies the committed PostgreSQL migrations (drizzle/pg) to DATABASE_URL's database. Several
 * instances may start at once: they take turns under one advisory lock, and whoever comes
 * second finds nothing left to do. Bad configuration (server unreachable, credentials refused,
 * a database migrated by a newer build) is a PgConfigError whose message is one line for the
 * operator, so a start stops there and never half-starts.
 */
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** A configuration the app cannot start with; `message` is the one line to print. */
export class PgConfigError extends Error {
  override name = 'PgConfigError';
}

/** pg_advisory_lock key of "applying migrations" (any constant, the same in every build). */
const MIGRATION_LOCK = 1_772_017_017;
const CONNECT_TIMEOUT_MS = 5_000;

export function pgMigrationsFolder(): string {
  return path.join(/*turbopackIgnore: true*/ process.env.APP_ROOT || process.cwd(), 'drizzle', 'pg');
}

/** Where a URL points, for messages: never the password. */
function serverName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    throw new PgConfigError('DATABASE_URL is not a URL (expected postgres://user:password@host:port/database)');
  }
}

/** The operator's line for a failed connection, by the cause node-postgres reports. */
function connectError(error: unknown, where: string): PgConfigError {
  const { code, message } = error as { code?: string; message?: string };
  if (code === '28P01' || code === '28000') return new PgConfigError(`PostgreSQL refused the credentials for ${where} (${code}: ${message})`);
  if (code === '3D000') return new PgConfigError(`PostgreSQL database missing at ${where} (${message})`);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || /timeout/i.test(message ?? '')) {
    return new PgConfigError(`PostgreSQL is unreachable at ${where} (${code ?? message})`);
  }
  return new PgConfigError(`PostgreSQL connection to ${where} failed: ${message ?? String(error)}`);
}

/** Connects, with the operator's line as the error. */
export async function connectPg(url: string): Promise<pg.Client> {
  const where = serverName(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An error after connecting (the server going away) must not crash the process unhandled.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectError(error, where);
  }
  return client;
}

async function hasMigrationTable(client: pg.Client): Promise<boolean> {
  const result = await client.query<{ exists: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
  return result.rows[0]?.exists ?? false;
}

/** Fails when the database holds a migration later than every one this build has. */
async function refuseNewerDatabase(client: pg.Client, newestKnown: number): Promise<void> {
  if (!(await hasMigrationTable(client))) return;
  const newest = await client.query<{ created_at: string | null }>('select max(created_at)::text as created_at from drizzle.__drizzle_migrations');
  const applied = Number(newest.rows[0]?.created_at ?? 0);
  if (applied > newestKnown) {
    throw new PgConfigError(
      `The database was migrated by a newer version of the workbench (a migration of ${new Date(applied).toISOString()}, this build's newest is of ${new Date(newestKnown).toISOString()}): run that version or newer`,
    );
  }
}

async function appliedCount(client: pg.Client): Promise<number> {
  if (!(await hasMigrationTable(client))) return 0;
  const result = await client.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
  return result.rows[0]?.n ?? 0;
}

/** Applies every migration of drizzle/pg not yet applied; returns how many it applied. */
export async function applyPgMigrations(url: string, migrationsFolder = pgMigrationsFolder()): Promise<{ applied: number; total: number }> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const newestKnown = Math.max(0, ...migrations.map((m) => m.folderMillis));
  const client = await connectPg(url);
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await refuseNewerDatabase(client, newestKnown);
      const before = await appliedCount(client);
      // { client } rather than the bare client: drizzle tells a client from a config by class, and a
      // second copy of pg (ESM and CJS under a test runner) would make it a config.
      await migrate(drizzle({ client }), { migrationsFolder });
      const after = await appliedCount(client);
      return { applied: after - before, total: after };
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
