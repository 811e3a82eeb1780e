/**
 * Gives every test file a fresh, empty DATA_DIR so it works on a real SQLite database of its
 * own, migrated from the committed migrations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDb } from '@/lib/db/client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-test-'));
process.env.DATA_DIR = dir;
process.env.AUTH_SECRET = 'test-secret-not-for-production';

afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
