import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { articles, events } from '@/lib/db/tables';
import { articlesAsFile, importBatch } from '@/lib/data/imports';
import { isAppError, type AppError } from '@/lib/errors';
import { MAX_FILE_BYTES } from '@/lib/import/files';
import { makeProject, makeUser } from '../helpers';
import { all, first } from '@/lib/db/query';

const enc = (s: string) => new TextEncoder().encode(s);
const file = (name: string, text: string | Uint8Array) => ({ name, bytes: typeof text === 'string' ? enc(text) : text });

let lead: Awaited<ReturnType<typeof makeUser>>;
let reviewer: Awaited<ReturnType<typeof makeUser>>;
let outsider: Awaited<ReturnType<typeof makeUser>>;
let projectId: number;
beforeAll(async () => {
  lead = await makeUser();
  reviewer = await makeUser();
  outsider = await makeUser();
  projectId = (await makeProject([[lead.user.id, 'lead'], [reviewer.user.id, 'reviewer']])).id;
});

const articleCount = async (id = projectId) => (await first(getDb().select({ n: count() }).from(articles).where(eq(articles.projectId, id))))!.n;
const eventCount = async () => (await first(getDb().select({ n: count() }).from(events)))!.n;

/** Runs a batch that must fail; checks status, message and that nothing was written. */
async function refused(files: Array<{ name: string; bytes: Uint8Array }>, status: number, message: RegExp): Promise<AppError> {
  const before = [await articleCount(), await eventCount()];
  let caught: unknown;
  try {
    await importBatch({ actor: lead.actor, projectId, files });
  } catch (error) {
    caught = error;
  }
  expect(isAppError(caught)).toBe(true);
  const error = caught as AppError;
  expect(error.status).toBe(status);
  expect(error.message).toMatch(message);
  expect([await articleCount(), await eventCount()]).toEqual(before);
  return error;
}

const good = file('good.txt', 'A good article\n\nIt has a body.');

describe('importBatch: bad input is refused with a clear 4xx and nothing written', () => {
  it('malformed JSONL names the line', async () => {
    const error = await refused([good, file('batch.jsonl', '{"title":"a","body":"one"}\n{"title": "b", "body": \n')], 400, /batch\.jsonl, line 2: malformed JSON/);
    expect(error.details).toEqual({ files: [expect.objectContaining({ file: 'batch.jsonl', line: 2 })] });
  });

  it('malformed JSON names the line', async () => {
    await refused([file('batch.json', '[\n  {"title": "a", "body": "x"},\n  {"title": "b" "body": "y"}\n]')], 400, /batch\.json, line 3: malformed JSON \(.*, column 17\)/);
  });

  it('unknown fields are refused with the field name and line', async () => {
    await refused([file('batch.jsonl', '{"title":"a","body":"one"}\n{"title":"b","body":"two","isAdmin":true}\n')], 422, /line 2: .*unknown field\(s\) isAdmin/);
  });

  it('an empty body is refused', async () => {
    await refused([file('batch.json', '[{"title":"a","body":"   "}]')], 422, /body: is empty/);
    await refused([file('empty.txt', '\uFEFF  \n ')], 422, /empty\.txt: the file is empty/);
    await refused([file('scripts.html', '<html><body><script>alert(1)</script></body></html>')], 422, /no article text/);
  });

  it('a file over the size limit is refused with 413', async () => {
    await refused([good, file('big.txt', new Uint8Array(MAX_FILE_BYTES + 1).fill(97))], 413, /big\.txt: the file is larger than/);
  });

  it('paths with ../ and archives are refused', async () => {
    await refused([file('../etc/passwd.txt', 'x')], 400, /"\.\.\/" or an absolute path/);
    await refused([file('a\\..\\b.txt', 'x')], 400, /"\.\.\/"/);
    await refused([file('/abs/path.txt', 'x')], 400, /absolute path/);
    await refused([file('articles.zip', 'PK')], 415, /archives are not accepted/);
    await refused([file('binary.exe', 'MZ')], 415, /unsupported file type/);
  });

  it('invalid UTF-8 is refused', async () => {
    await refused([file('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]))], 422, /not valid UTF-8/);
  });

  it('NUL bytes, lone surrogates and absurd nesting are refused, not crashed on', async () => {
    await refused([file('nul.txt', 'text\u0000more')], 422, /NUL bytes/);
    await refused([file('lone.jsonl', '{"title":"a","body":"broken \\ud83d here"}\n')], 422, /line 1: a text holds a NUL character or a lone surrogate/);
    await refused([file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))], 422, /deep\.json/);
  });

  it('lists every broken file at once', async () => {
    const error = await refused([file('a.jsonl', '{'), file('b.json', '[]'), good], 422, /2 files have problems/);
    expect((error.details as { files: unknown[] }).files).toHaveLength(2);
  });

  it('only leads import; non-members get 404', async () => {
    await expect(importBatch({ actor: reviewer.actor, projectId, files: [good] })).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await expect(importBatch({ actor: outsider.actor, projectId, files: [good] })).rejects.toThrow(expect.objectContaining({ status: 404 }));
  });
});

describe('importBatch: good input', () => {
  // A project of its own for each test: what one imports must not turn into another's duplicates.
  let ownId: number;
  beforeEach(async () => {
    ownId = (await makeProject([[lead.user.id, 'lead']])).id;
  });

  it('imports text, Markdown, HTML and JSON batches in one go, dropping a BOM', async () => {
    const result = await importBatch({
      actor: lead.actor,
      projectId: ownId,
      files: [
        file('bom.txt', '\uFEFFHeadline with BOM\r\nBody line.'),
        file('note.md', '# Markdown title\n\nSome *text*.'),
        file('page.html', '<html><head><title>T</title><meta property="og:site_name" content="Daily"><script>evil()</script></head><body onload="evil()"><h1>Page headline</h1><p onclick="x()">First <b>para</b>.</p><div>Second<br>line</div><style>p{}</style></body></html>'),
        file('batch.jsonl', '{"title":"J1","body":"JSONL body one","outlet":"Wire","publishedAt":"2025-04-25"}\n\n{"title":"J2","body":"JSONL body two"}\n'),
      ],
    });
    expect(result.imported).toBe(5);
    const rows = await all(getDb().select().from(articles).where(eq(articles.projectId, ownId)));
    const bom = rows.find((r) => r.title === 'Headline with BOM')!;
    expect(bom.body).toBe('Headline with BOM\nBody line.');
    // The <title> names the article (JSON-LD, OpenGraph, then <meta>/<title>); Readability keeps the text, not the headline.
    const html = rows.find((r) => r.title === 'T')!;
    expect(html.body).toBe('First para.\n\nSecond\nline');
    expect(html.outlet).toBe('Daily');
    expect(rows.find((r) => r.title === 'J1')).toMatchObject({ outlet: 'Wire', publishedAt: '2025-04-25' });
  });

  it('reports a text already in the project (or twice in the batch) instead of duplicating it', async () => {
    await importBatch({ actor: lead.actor, projectId: ownId, files: [file('first.txt', 'Headline with BOM\nBody line.')] });
    const before = await articleCount(ownId);
    const result = await importBatch({ actor: lead.actor, projectId: ownId, files: [file('again.txt', 'Headline with BOM\nBody line.'), articlesAsFile('request.jsonl', [{ title: 'New', body: 'Fresh' }, { title: 'New again', body: 'Fresh' }])] });
    expect(result.imported).toBe(1);
    expect(result.duplicates).toBe(2);
    expect(result.files[0].duplicates[0].existingArticleId).toBeGreaterThan(0);
    expect(result.files[1].duplicates[0]).toMatchObject({ title: 'New again', line: 2 });
    expect(await articleCount(ownId)).toBe(before + 1);
  });
});
