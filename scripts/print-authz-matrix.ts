/**
 * Renders the authorization matrix of tests/security/authz-matrix.ts into docs/security.md,
 * between the authz-matrix markers, so the document always shows what the tests check.
 * Run: npx tsx scripts/print-authz-matrix.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { MATRIX, rowTitle, type Expected } from '../tests/security/authz-matrix';
import { HOSTILE_API_CASES } from '../tests/security/hostileCases';
import { HOSTILE_ARTICLE_CASES, HOSTILE_QUERY_CASES } from '../tests/security/hostileArticleCases';
import { HOSTILE_IMPORT_CASES } from '../tests/security/hostileImportCases';

const ACTORS = ['anonymous', 'nonMember', 'viewer', 'authorReviewer', 'otherReviewer', 'lead', 'admin', 'disabled'] as const;
const HEADINGS = ['anonymous', 'non-member', 'viewer', 'reviewer (author)', 'reviewer (not author)', 'lead', 'site admin', 'disabled'];

function cell(expected: Expected): string {
  if (expected === 'ok') return '✅ 2xx';
  if (expected === 'n/a') return '—';
  return String(expected);
}

export function renderMatrix(): string {
  const lines = [
    `| call | what | ${HEADINGS.join(' | ')} |`,
    `| --- | --- | ${HEADINGS.map(() => ':-:').join(' | ')} |`,
  ];
  for (const row of MATRIX) {
    const title = '`' + rowTitle(row) + '`';
    lines.push(`| ${title} | ${row.what} | ${ACTORS.map((a) => cell(row.expect[a])).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The table-driven hostile-input cases (the test file adds sessions, CSRF, callbackUrl and HTML cases). */
export function renderHostile(): string {
  const all = [...HOSTILE_API_CASES, ...HOSTILE_ARTICLE_CASES, ...HOSTILE_QUERY_CASES, ...HOSTILE_IMPORT_CASES];
  const lines = ['| group | request | case | expected |', '| --- | --- | --- | --- |'];
  for (const c of all) lines.push(`| ${c.group} | \`${c.method} ${c.path}\` | ${c.name.replace(/\|/g, '\\|')} | ${c.expect.join(' or ')} |`);
  return lines.join('\n');
}

function replaceBetween(doc: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/security.md has no ${start} ... ${end} markers.`);
  return `${doc.slice(0, a + start.length)}\n${content}\n${doc.slice(b)}`;
}

const file = path.resolve(__dirname, '..', 'docs', 'security.md');
const doc = fs.readFileSync(file, 'utf8');
fs.writeFileSync(file, replaceBetween(replaceBetween(doc, 'authz-matrix', renderMatrix()), 'hostile-cases', renderHostile()));
console.log(`Wrote ${MATRIX.length} matrix rows into docs/security.md.`);
