/** `export` and the parsed-file path of `import` through the real command line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { buildFixture, type Fixture } from './fixtures';
import { cli } from '../cli/run';
import { makeProject } from '../helpers';
import { EXPORT_FORMATS } from '@/lib/export/types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-export-'));
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});

describe('cli export', () => {
  it('writes the file atomically, prints a summary and no progress line when stderr is not a terminal', () => {
    const out = path.join(dir, 'dataset.jsonl');
    const result = cli(['export', '--project', f.project.slug, '--format', 'jsonl', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.lines.at(-1)).toMatch(/^Exported .* as jsonl to .*dataset\.jsonl \(\d+ bytes: 4 articles, 9 annotations, 4 links\)\.$/);
    expect(result.stderr).not.toMatch(/exported \d/);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(5);
  });

  it('streams to standard output, with W3C IRIs under --base-url, and a brat zip to a file', () => {
    const w3c = cli(['export', '--project', String(f.project.id), '--format', 'w3c', '--base-url', 'https://desk.example.org', '--label', 'claim']);
    expect(w3c.code).toBe(0);
    const [collection] = JSON.parse(w3c.stdout);
    expect(collection.id).toBe(`https://desk.example.org/api/projects/${f.project.id}/export?format=w3c&label=claim`);
    expect(collection.total).toBeGreaterThan(0);
    const zip = path.join(dir, 'brat.zip');
    expect(cli(['export', '--project', f.project.slug, '--format', 'brat', '--out', zip]).code).toBe(0);
    expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(zip))))).toContain(`${f.project.slug}-brat/annotation.conf`);
  });

  it.each([
    ['csv-raw', (b: Buffer) => b.toString('utf8').startsWith('article_id,')],
    ['fever', (b: Buffer) => Object.keys(unzipSync(new Uint8Array(b))).includes('claims.jsonl')],
    ['labelstudio', (b: Buffer) => Array.isArray(JSON.parse(b.toString('utf8')))],
    ['spans', (b: Buffer) => b.toString('utf8').split('\n').filter(Boolean).every((l) => 'spans' in JSON.parse(l))],
    ['doccano', (b: Buffer) => b.toString('utf8').split('\n').filter(Boolean).every((l) => 'label' in JSON.parse(l))],
  ] as const)('exports %s to a file', (format, isWellFormed) => {
    const out = path.join(dir, `export.${format}`);
    const result = cli(['export', '--project', f.project.slug, '--format', format, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`as ${format} to ${out}`);
    expect(isWellFormed(fs.readFileSync(out))).toBe(true);
  });

  it('refuses an unknown format or filter and writes nothing', () => {
    const out = path.join(dir, 'never.csv');
    const bad = cli(['export', '--project', f.project.slug, '--format', 'xml', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`format: must be one of ${EXPORT_FORMATS.join(', ')}`);
    expect(cli(['export', '--project', f.project.slug, '--format', 'csv', '--status', 'maybe', '--out', out]).stderr).toMatch(/status\.0: must be one of/);
    expect(cli(['export', '--project', f.project.slug, '--format', 'csv', '--colour', 'red']).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('cli import of parsed files', () => {
  it('imports a native export and an HTML file in one batch, then reports them as duplicates', async () => {
    const exported = path.join(dir, 'native.jsonl');
    expect(cli(['export', '--project', f.project.slug, '--format', 'jsonl', '--out', exported]).code).toBe(0);
    const html = path.join(dir, 'page.html');
    fs.writeFileSync(html, '<h1>From HTML</h1><p>Paragraph <script>alert(1)</script>text.</p>');
    const copy = await makeProject([[f.lead.user.id, 'lead']]);
    const first = cli(['import', '--project', copy.slug, exported, html]);
    expect(first.code).toBe(0);
    expect(first.lines.at(-1)).toBe(`Imported 5, skipped 0, into project ${copy.slug} (id ${copy.id}).`);
    expect(first.stdout).toMatch(/native\.jsonl: 4 links imported, 0 skipped/);
    const again = cli(['import', '--project', copy.slug, exported, html]);
    expect(again.lines.at(-1)).toBe(`Imported 0, skipped 5, into project ${copy.slug} (id ${copy.id}).`);
  });

  it('imports nothing when one parsed file is bad, naming the file and line', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, '{"title":"a","body":"x"}\n{"title":"b","body":"y","extra":1}\n');
    const copy = await makeProject([[f.lead.user.id, 'lead']]);
    const result = cli(['import', '--project', copy.slug, bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Nothing was imported\. bad\.jsonl, line 2: .*unknown field\(s\) extra/);
  });
});
