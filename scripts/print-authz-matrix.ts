/**
 * Renders the authorization matrix of tests/security/authz-matrix.ts into docs/security.md,
 * between the authz-matrix markers, so the document always shows what the tests check.
 * Run: npx tsx scripts/print-authz-matrix.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { MATRIX, rowTitle, type Expected } from '../tests/security/authz-matrix';

const ACTORS = ['anonymous', 'nonMember', 'viewer', 'authorReviewer', 'otherReviewer', 'lead', 'admin', 'disabled'] as const;
const HEADINGS = ['anonymous', 'non-member', 'viewer', 'reviewer (author)', 'reviewer (not author)', 'lead', 'site admin', 'disabled'];
const START = '<!-- authz-matrix:start -->';
const END = '<!-- authz-matrix:end -->';

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

const file = path.resolve(__dirname, '..', 'docs', 'security.md');
const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Security\n\n${START}\n${END}\n`;
const start = doc.indexOf(START);
const end = doc.indexOf(END);
if (start < 0 || end < start) {
  console.error(`docs/security.md has no ${START} ... ${END} markers.`);
  process.exit(1);
}
const next = `${doc.slice(0, start + START.length)}\n${renderMatrix()}\n${doc.slice(end)}`;
fs.writeFileSync(file, next);
console.log(`Wrote ${MATRIX.length} rows of the authorization matrix into docs/security.md.`);
