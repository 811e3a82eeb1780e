/** `import --project <project> <files...>` through the real command line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { countRows, getDb } from '@/lib/db/client';
import { articles, events } from '@/lib/db/tables';
import { normalizeArticleText, sha256Hex } from '@/lib/anchoring/normalize';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { makeProject } from '../helpers';
import { cli } from './run';
import { all } from '@/lib/db/query';

const SEEDS = fs.readdirSync('seeds').filter((f) => f.endsWith('.txt')).sort().map((f) => path.join('seeds', f));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-import-'));
let project: { id: number; slug: string };

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function articleCount(): Promise<number> {
  return await countRows(getDb(), articles, eq(articles.projectId, project.id));
}

// A project of its own for every test, so each passes alone and in any order.
beforeEach(async () => {
  project = await makeProject([]);
});

describe('cli import', () => {
  it('imports the seed files with their stated titles, normalized bodies and audit events', async () => {
    const result = cli(['import', '--project', project.slug, ...SEEDS]);
    expect(result.code).toBe(0);
    expect(result.lines).toHaveLength(6);
    expect(result.lines[1]).toMatch(/^seeds\/001_3b806ca0330072c3\.txt: imported as article \d+ "Zelenskyy: We aren’t discussing possibility of obtaining NATO membership in exchange for occupied territories" \(2200 characters\)$/);
    expect(result.lines[5]).toBe(`Imported 5, skipped 0, into project ${project.slug} (id ${project.id}).`);
    const rows = await all(getDb().select().from(articles).where(eq(articles.projectId, project.id)).orderBy(articles.id));
    expect(rows.map((r) => r.body)).toEqual(SEEDS.map((f) => normalizeArticleText(fs.readFileSync(f, 'utf8'))));
    expect(rows.every((r) => r.sha256 === sha256Hex(r.body) && r.importedBy === null)).toBe(true);
    expect(rows.find((r) => r.title.startsWith('Zelenskyy: Recognition'))?.outlet).toBe('UNN');
    const audit = await all(getDb().select().from(events).where(eq(events.action, 'article.import')));
    expect(audit.filter((e) => e.projectId === project.id)).toHaveLength(5);
  });

  it('skips texts already in the project without failing the batch', async () => {
    const first = await importArticle({ actor: SYSTEM, projectId: project.id, input: { body: normalizeArticleText(fs.readFileSync(SEEDS[0], 'utf8')) } });
    const fresh = write('fresh.txt', 'A fresh text about a statement.\nWith a second paragraph.');
    const result = cli(['import', '--project', String(project.id), SEEDS[0], fresh, fresh]);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe(`${SEEDS[0]}: skipped: already in project as article ${first.id}`);
    expect(result.lines[1]).toMatch(/^.*fresh\.txt: imported as article (\d+) "fresh" \(\d+ characters\)$/);
    const freshId = /article (\d+)/.exec(result.lines[1])![1];
    expect(result.lines[2]).toMatch(new RegExp(`fresh\\.txt: skipped: already in project as article ${freshId}$`));
    expect(result.lines[3]).toBe(`Imported 1, skipped 2, into project ${project.slug} (id ${project.id}).`);
  });

  it('strips a BOM, normalizes CRLF and NFD, and takes a Markdown heading as the title', async () => {
    const file = write('notes.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Cafe\u0301 notes\r\n\r\nLine one\rLine two\n', 'utf8')]));
    const result = cli(['import', '--project', project.slug, file]);
    expect(result.code).toBe(0);
    const row = (await all(getDb().select().from(articles).orderBy(articles.id))).at(-1)!;
    expect(row.body).toBe('# Café notes\n\nLine one\nLine two\n');
    expect(row.title).toBe('Café notes');
  });

  it('imports nothing when one file of the batch is bad', async () => {
    const before = await articleCount();
    const good = write('good.txt', 'A good text that would import on its own.');
    const cases: Array<[string, string]> = [
      [write('empty.txt', '  \n\n'), 'empty.txt: Invalid input: body: is empty. Nothing was imported.'],
      [write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])), 'latin1.txt: not valid UTF-8 text. Nothing was imported.'],
      [write('slides.pdf', 'not text'), 'slides.pdf: only .txt, .md, .html, .json and .jsonl files can be imported. Nothing was imported.'],
      [path.join(dir, 'missing.txt'), 'missing.txt: no such file. Nothing was imported.'],
      [write('huge.txt', 'x'.repeat(2 * 1024 * 1024 + 1)), 'huge.txt: Invalid input: body: is larger than 2 MB. Nothing was imported.'],
    ];
    for (const [bad, message] of cases) {
      const result = cli(['import', '--project', project.slug, good, bad]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`error: ${path.join(dir, message)}\n`);
    }
    expect(await articleCount()).toBe(before);
  });

  it('refuses an unknown project, a missing --project and no files', () => {
    const unknown = cli(['import', '--project', 'nope', SEEDS[0]]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error: No project with id or slug "nope".\n');
    const noProject = cli(['import', SEEDS[0]]);
    expect(noProject.code).toBe(2);
    expect(noProject.stderr.split('\n')[0]).toBe('error: --project is required.');
    const noFiles = cli(['import', '--project', project.slug]);
    expect(noFiles.code).toBe(2);
    expect(noFiles.stderr.split('\n')[0]).toBe('error: Missing <files...>: name at least one file to import.');
  });
});
