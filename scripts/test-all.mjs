#!/usr/bin/env node
// `npm test`: typecheck, then the Vitest suite, then the Playwright suite against the built
// app. Every stage runs even if an earlier one failed; the last line is the plain summary
// "N passed, N failed" over all tests, and the exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const reports = path.join(root, 'test-results');
fs.mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const typecheckOk = run('typecheck', bin('tsc'), ['--noEmit']);

const vitestFile = path.join(reports, 'vitest.json');
fs.rmSync(vitestFile, { force: true });
const vitestOk = run('unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
const vitest = readJson(vitestFile);

const pwFile = path.join(reports, 'playwright.json');
fs.rmSync(pwFile, { force: true });
const e2eOk = run('browser tests (playwright)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwFile });
const pw = readJson(pwFile);

const unitPassed = vitest?.numPassedTests ?? 0;
const unitFailed = vitest ? vitest.numFailedTests : vitestOk ? 0 : 1;
const e2ePassed = pw?.stats?.expected ?? 0;
const e2eFailed = pw ? (pw.stats.unexpected ?? 0) : e2eOk ? 0 : 1;
const flaky = pw?.stats?.flaky ?? 0;
const skipped = (vitest?.numPendingTests ?? 0) + (pw?.stats?.skipped ?? 0);

console.log(`\ntypecheck: ${typecheckOk ? 'ok' : 'FAILED'}`);
console.log(`vitest: ${unitPassed} passed, ${unitFailed} failed`);
console.log(`playwright: ${e2ePassed} passed, ${e2eFailed} failed${flaky ? ` (${flaky} passed on retry)` : ''}`);
const failed = unitFailed + e2eFailed + (typecheckOk ? 0 : 1);
console.log(`${unitPassed + e2ePassed + flaky} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(typecheckOk && vitestOk && e2eOk && failed === 0 ? 0 : 1);
