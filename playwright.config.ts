/**
 * Playwright runs the e2e/ tests in real Chromium against the built app (`next build`, then the
 * production server of `npm start`: Next.js plus the write fast lane) with a fresh DATA_DIR.
 * Debian's Chromium is used when installed (Playwright cannot download its own browser here);
 * otherwise Playwright's own.
 *
 * The server listens on E2E_PORT when it is set; otherwise on a port free at the start of the
 * run. This file is loaded by the main process and again by every worker: the main process
 * picks the port once and sets E2E_PORT, which the workers inherit, so all of them agree.
 */
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A TCP port nothing listens on right now (the kernel's pick), found synchronously. */
function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

process.env.E2E_PORT ||= String(freePort());
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.resolve(process.env.E2E_DATA_DIR || 'test-results/e2e-data');
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
process.env.E2E_DATA_DIR = dataDir;
process.env.E2E_BASE_URL = baseURL;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e-output',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1400, height: 900 } } }],
  webServer: {
    command: `node scripts/e2e-server.mjs`,
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { PORT: String(port), DATA_DIR: dataDir, IMPORT_ALLOWED_HOSTS: '127.0.0.1' },
  },
});
