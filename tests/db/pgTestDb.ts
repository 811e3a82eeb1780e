/**
 * A fresh PostgreSQL database per test file on the server of PG_TEST_URL (see
 * scripts/pg-throwaway.sh), migrated from drizzle/pg, dropped at the end. The PG test files
 * are skipped when PG_TEST_URL is not set: `describe.skipIf(!PG_TEST_URL)`.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { applyPgMigrations } from '@/lib/db/pg/migrate';

export const PG_TEST_URL = process.env.PG_TEST_URL || '';

/** The URL of another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(PG_TEST_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (not migrated); returns its name and URL. */
export async function createEmptyDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`create database "${name}"`));
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
}

export interface TestDatabase {
  name: string;
  url: string;
  client: pg.Client;
  /** Runs a query and returns its rows. */
  rows<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** A migrated database of its own, with one connection open. */
export async function migratedDatabase(prefix: string): Promise<TestDatabase> {
  const { name, url } = await createEmptyDatabase(prefix);
  await applyPgMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    name,
    url,
    client,
    rows: async (text, values) => (await client.query(text, values)).rows,
    close: async () => {
      await client.end();
      await dropDatabase(name);
    },
  };
}

/** A copy of the (migrated) database `template`: far quicker than migrating a new one. */
export async function databaseFromTemplate(template: string, prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`create database "${name}" template "${template}"`));
  return { name, url: databaseUrl(name) };
}
