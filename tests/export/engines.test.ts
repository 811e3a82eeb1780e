/**
 * The same data exports to the same bytes on either engine (issue 17). The export fixture
 * (emoji, combining marks, CRLF and right-to-left text; claims, quotes, context; links within
 * and across articles; replaced and final reviews; verdicts) is exported in every format and
 * compared with a committed expectation, __snapshots__/engines.txt. The suite runs on SQLite
 * and on PostgreSQL, so both must match it. Only what differs from run to run is replaced
 * before the comparison: timestamps, the random project slug, the signatures over lines that
 * hold timestamps, and the zip container (its entries' mtime): zips are compared entry by entry.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { buildFixture, type Fixture } from './fixtures';
import { addMoreText } from './moreText';
import { exportBytes } from './collect';
import { EXPORT_FORMATS } from '@/lib/export/types';
import { FORMATS } from '@/lib/export';
import { updatePublishingSettings } from '@/lib/data/publishing';
import { parseNative } from '@/lib/import/native';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
  await addMoreText(f);
  await updatePublishingSettings({
    actor: f.lead.actor,
    projectId: f.project.id,
    input: { organizationName: 'Désinfo Check ✓', organizationUrl: 'https://factcheck.example.org/', factCheckUrlPattern: 'https://factcheck.example.org/checks/{claimId}' },
  });
});

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;
const STAMP = /\d{8}T\d{6}Z/g;

function normalize(text: string): string {
  return text
    .replaceAll(f.project.slug, '<slug>')
    .replace(ISO, '<time>')
    .replace(STAMP, '<stamp>')
    .replace(/"signature":"[^"]+"/g, '"signature":"<signature>"');
}

/** One format's export as text: the file itself, or each entry of a zip in name order. */
function readable(format: (typeof EXPORT_FORMATS)[number], bytes: Uint8Array): string {
  if (FORMATS[format].contentType !== 'application/zip') return normalize(Buffer.from(bytes).toString('utf8'));
  const entries = unzipSync(bytes);
  return Object.keys(entries)
    .sort()
    .map((name) => `--- ${normalize(name)}\n${normalize(Buffer.from(entries[name]).toString('utf8'))}`)
    .join('\n');
}

describe('every export format on this engine', () => {
  it('gives the committed bytes for the same data', async () => {
    const parts: string[] = [];
    for (const format of EXPORT_FORMATS) parts.push(`===== ${format}\n${readable(format, await exportBytes(f.lead.actor, f.project.id, { format }))}`);
    await expect(parts.join('\n') + '\n').toMatchFileSnapshot('__snapshots__/engines.txt');
  });

  it('gives native JSONL that reads back, signed, as the same records', async () => {
    const text = Buffer.from(await exportBytes(f.lead.actor, f.project.id, { format: 'jsonl' })).toString('utf8');
    const again = Buffer.from(await exportBytes(f.lead.actor, f.project.id, { format: 'jsonl' })).toString('utf8');
    // Two exports of unchanged data differ only in generatedAt.
    expect(again.split('\n').slice(1)).toEqual(text.split('\n').slice(1));
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].counts.articles).toBe(lines.length - 1);
    for (const article of lines.slice(1)) {
      for (const a of article.annotations) expect([...article.body].slice(a.startCp, a.endCp).join('')).toBe(a.exact);
    }
    // What the import reads back: every line signed by this server, every field as written.
    const parsed = parseNative('export.jsonl', text);
    expect(parsed.map((p) => p.article.signed)).toEqual(parsed.map(() => 'verified'));
    expect(parsed.map((p) => p.article.annotations.map((a) => [a.id, a.exact, a.attributes]))).toEqual(lines.slice(1).map((l) => l.annotations.map((a: { id: number; exact: string; attributes: unknown }) => [a.id, a.exact, a.attributes])));
  });
});
