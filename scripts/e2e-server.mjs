#!/usr/bin/env node
// Starts the built app for Playwright on a fresh, empty DATA_DIR (deleted first), building
// it first when needed, exactly as `npm start` would. playwright.config.ts sets PORT (a free
// port, or E2E_PORT) and DATA_DIR.
import fs from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.DATA_DIR || 'test-results/e2e-data');
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
await import('./start.mjs');
