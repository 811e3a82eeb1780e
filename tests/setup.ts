/**
 * Gives every test file a fresh, empty DATA_DIR so it works on a real SQLite database of its
 * own, migrated from the committed migrations. With TEST_ENGINE=pg (npm run test:pg,
 * vitest.pg.config.ts) the file gets a fresh PostgreSQL database of its own instead, copied
 * from the migrated template tests/pgGlobalSetup.ts made, as DATABASE_URL.
 *
 * Nothing of lib/ is imported before DATABASE_URL is set: lib/db/tables.ts picks its engine
 * when it is first loaded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { databaseFromTemplate, dropDatabase } from './db/pgTestDb';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-test-'));
process.env.DATA_DIR = dir;
process.env.AUTH_SECRET = 'test-secret-not-for-production';

const template = process.env.TEST_ENGINE === 'pg' ? process.env.PG_TEMPLATE_DATABASE : undefined;
if (process.env.TEST_ENGINE === 'pg' && !template) throw new Error('TEST_ENGINE=pg runs through vitest.pg.config.ts, which makes the template database.');
const pgDatabase = template ? await databaseFromTemplate(template, 'test') : undefined;
if (pgDatabase) process.env.DATABASE_URL = pgDatabase.url;

afterAll(async () => {
  const { closeDb } = await import('@/lib/db/client');
  await closeDb();
  if (pgDatabase) await dropDatabase(pgDatabase.name);
  fs.rmSync(dir, { recursive: true, force: true });
});
