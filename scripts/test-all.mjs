#!/usr/bin/env node
// `npm test`: typecheck, lint (when package.json has a "lint" script), the Vitest suite, then
// the Playwright suite against the built app; with PG_TEST_URL (a PostgreSQL server to make
// test databases on) both suites again on PostgreSQL. Every stage runs even if an earlier one failed.
// The last line is the plain summary "N passed, N failed" (", N skipped" may follow) over all
// tests, and the exit code is non-zero if anything failed.
//
// A stage earns its passes: one that exits non-zero without reporting a failed test (its web
// server could not start or its port was taken, no browser, a test file that does not load),
// or whose JSON report is missing, counts as failed, never as passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const reports = path.join(root, 'test-results');
fs.mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs one stage with its output on the terminal; returns its exit code. */
function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * A stage's result: the counts it reported, plus one failure (with the reason) when its exit
 * code or a missing report says it did not run as its counts claim.
 */
function stageResult(name, code, counts, problem) {
  const result = { name, passed: counts?.passed ?? 0, failed: counts?.failed ?? 0, skipped: counts?.skipped ?? 0, flaky: counts?.flaky ?? 0, problem };
  if (!result.problem && !counts) result.problem = 'no report was written';
  if (!result.problem && code !== 0 && result.failed === 0) result.problem = `exited with code ${code} without reporting a failed test`;
  if (result.problem && result.failed === 0) result.failed = 1;
  return result;
}

/** A stage that is a single check (typecheck, lint): passes or fails as a whole, no tests counted. */
function checkStage(name, code) {
  return { name, passed: 0, failed: code === 0 ? 0 : 1, skipped: 0, flaky: 0, problem: code === 0 ? undefined : `exited with code ${code}`, check: true };
}

function vitestCounts(report) {
  if (!report) return null;
  // A test file that fails to load fails as a suite with no failed test inside it.
  const brokenFiles = (report.testResults ?? []).filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')).length;
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

/** The failed tests of a Vitest report, one line each, so that the end of a long log names them. */
function vitestFailures(report) {
  const lines = [];
  for (const file of report?.testResults ?? []) {
    const where = path.relative(root, file.name ?? '');
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') lines.push(`${where} › ${t.fullName ?? t.title}: ${firstLine(t.failureMessages?.[0])}`);
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) lines.push(`${where}: ${firstLine(file.message)}`);
  }
  return lines;
}

/** The failed tests of a Playwright report (specs nest in suites). */
function playwrightFailures(report) {
  const lines = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        lines.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return lines;
}

function firstLine(text) {
  // Without colour codes: the line is read in a plain log.
  return stripVTControlCharacters(text ?? '').split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';
}

function playwrightCounts(report) {
  if (!report?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  // Errors outside any test: the web server did not start, its port was taken, global setup failed.
  const errors = report.errors ?? [];
  return { passed: expected, failed: unexpected + errors.length, skipped, flaky, firstError: errors[0]?.message };
}

const stages = [];
stages.push(checkStage('typecheck', run('typecheck', bin('tsc'), ['--noEmit'])));

const scripts = readJson(path.join(root, 'package.json'))?.scripts ?? {};
if (scripts.lint) stages.push(checkStage('lint', run('lint', 'npm', ['run', '--silent', 'lint'])));

const vitestFile = path.join(reports, 'vitest.json');
fs.rmSync(vitestFile, { force: true });
const vitestCode = run('unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
const vitestReport = readJson(vitestFile);
stages.push(stageResult('vitest', vitestCode, vitestCounts(vitestReport)));

const pwFile = path.join(reports, 'playwright.json');
fs.rmSync(pwFile, { force: true });
const pwCode = run('browser tests (playwright)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwFile });
const pwReport = readJson(pwFile);
const pw = playwrightCounts(pwReport);
stages.push(stageResult('playwright', pwCode, pw, pw?.firstError ? `could not run: ${pw.firstError.split('\n')[0]}` : undefined));
const reportsRead = [{ vitest: vitestReport }, { playwright: pwReport }];

// The same suites on PostgreSQL (issue 17) when a server to make databases on is given:
// PG_TEST_URL (.ci/run starts a throwaway one, scripts/pg-throwaway.sh). Vitest gives every
// test file a database of its own; the browser suite runs the built app on one fresh database
// (its two-instance test starts a second server on it).
if (process.env.PG_TEST_URL) {
  const pgVitestFile = path.join(reports, 'vitest-pg.json');
  fs.rmSync(pgVitestFile, { force: true });
  const pgVitestCode = run('unit and integration tests on PostgreSQL (vitest)', bin('vitest'), ['run', '--config', 'vitest.pg.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${pgVitestFile}`]);
  const pgVitestReport = readJson(pgVitestFile);
  stages.push(stageResult('vitest on PostgreSQL', pgVitestCode, vitestCounts(pgVitestReport)));

  const pgPwFile = path.join(reports, 'playwright-pg.json');
  fs.rmSync(pgPwFile, { force: true });
  const database = spawnSync(process.execPath, ['scripts/pg-test-database.mjs', 'create', 'e2e'], { cwd: root, encoding: 'utf8', env: process.env });
  const databaseUrl = database.stdout.trim();
  let pgPwReport = null;
  if (database.status !== 0 || !databaseUrl) {
    stages.push(stageResult('playwright on PostgreSQL', 1, null, `could not make its database: ${database.stderr.trim().split('\n')[0]}`));
  } else {
    const pgPwCode = run('browser tests on PostgreSQL (playwright)', bin('playwright'), ['test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pgPwFile, DATABASE_URL: databaseUrl, E2E_DATA_DIR: path.join(root, 'test-results', 'e2e-data-pg'), E2E_PORT: '',
    });
    pgPwReport = readJson(pgPwFile);
    const pgPw = playwrightCounts(pgPwReport);
    stages.push(stageResult('playwright on PostgreSQL', pgPwCode, pgPw, pgPw?.firstError ? `could not run: ${pgPw.firstError.split('\n')[0]}` : undefined));
    spawnSync(process.execPath, ['scripts/pg-test-database.mjs', 'drop', databaseUrl], { cwd: root, stdio: 'inherit', env: process.env });
  }
  reportsRead.push({ vitest: pgVitestReport }, { playwright: pgPwReport });
}

console.log('');
const failures = reportsRead.flatMap((r) => ('vitest' in r ? vitestFailures(r.vitest) : playwrightFailures(r.playwright)));
if (failures.length) {
  console.log('Failed:');
  for (const line of failures) console.log(`  ${line}`);
  console.log('');
}
for (const s of stages) {
  if (s.check) console.log(`${s.name}: ${s.failed ? `FAILED (${s.problem})` : 'ok'}`);
  else console.log(`${s.name}: ${s.passed} passed, ${s.failed} failed${s.flaky ? ` (${s.flaky} passed on retry)` : ''}${s.problem ? ` FAILED (${s.problem})` : ''}`);
}
const sum = (key) => stages.reduce((n, s) => n + s[key], 0);
const passed = sum('passed') + sum('flaky');
const failed = sum('failed');
const skipped = sum('skipped');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
