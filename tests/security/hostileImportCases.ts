/**
 * Hostile imports (POST /api/projects/:projectId/imports as a lead): archives and bombs,
 * path traversal in file names, deep nesting, broken text, and native JSONL that tries to
 * plant broken offsets. The whole batch must be refused with nothing written.
 */
import { zipSync, gzipSync } from 'fflate';
import type { HostileCase, HostileCall, HostileContext } from './hostileCases';

const IMPORT = { method: 'POST', path: '/api/projects/:projectId/imports', as: 'lead' } as const;
type Part = { name: string; bytes: Uint8Array | string };

function upload(c: HostileContext, parts: Part[]): HostileCall {
  const form = new FormData();
  for (const p of parts) form.append('files', new Blob([typeof p.bytes === 'string' ? p.bytes : new Uint8Array(p.bytes)]), p.name);
  return { params: { projectId: String(c.w.projectId) }, form };
}

const ok = (tag: string) => `A perfectly ordinary text for ${tag} ${Math.random()}.\n`;
/** 50 MB of zeros compresses to about 50 KB. */
const bomb = () => zipSync({ 'inner.txt': new Uint8Array(50 * 1024 * 1024) }, { level: 9 });

export const HOSTILE_IMPORT_CASES: HostileCase[] = [
  { ...IMPORT, group: 'imports', name: 'a zip bomb (50 MB of zeros in 50 KB)', expect: [400, 413, 415], build: (c) => upload(c, [{ name: 'bomb.zip', bytes: bomb() }]) },
  { ...IMPORT, group: 'imports', name: 'a gzip bomb renamed .txt', expect: [400, 413, 415, 422], build: (c) => upload(c, [{ name: 'article.txt', bytes: gzipSync(new Uint8Array(20 * 1024 * 1024), { level: 9 }) }]) },
  { ...IMPORT, group: 'imports', name: 'a file named ../../etc/passwd.txt', expect: [400], build: (c) => upload(c, [{ name: '../../etc/passwd.txt', bytes: ok('traversal') }]) },
  { ...IMPORT, group: 'imports', name: 'a file named with a Windows traversal', expect: [400], build: (c) => upload(c, [{ name: '..\\..\\boot.txt', bytes: ok('win traversal') }]) },
  { ...IMPORT, group: 'imports', name: 'an absolute file name', expect: [400], build: (c) => upload(c, [{ name: '/etc/hosts.txt', bytes: ok('absolute') }]) },
  { ...IMPORT, group: 'imports', name: 'a good file next to a bad one (all or nothing)', expect: [400, 415], build: (c) => upload(c, [{ name: 'good.txt', bytes: ok('good') }, { name: 'evil.exe', bytes: 'MZ' }]) },
  { ...IMPORT, group: 'imports', name: 'a .txt file that is not UTF-8', expect: [400, 422], build: (c) => upload(c, [{ name: 'latin1.txt', bytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe]) }]) },
  { ...IMPORT, group: 'imports', name: 'a .txt file holding NUL bytes', expect: [400, 422], build: (c) => upload(c, [{ name: 'nul.txt', bytes: new Uint8Array([0x61, 0x00, 0x62, 0x0a]) }]) },
  {
    ...IMPORT, group: 'imports', name: 'a .jsonl article whose body holds a lone surrogate escape', expect: [400, 422],
    build: (c) => upload(c, [{ name: 'lone.jsonl', bytes: `{"title":"x","body":"half \\ud800 of a pair ${Math.random()}"}\n` }]),
  },
  { ...IMPORT, group: 'imports', name: 'a .json file nested 100,000 levels deep', expect: [400, 422], build: (c) => upload(c, [{ name: 'deep.json', bytes: '['.repeat(100_000) + ']'.repeat(100_000) }]) },
  { ...IMPORT, group: 'imports', name: 'an HTML file nested 50,000 elements deep with scripts', expect: [201, 400, 422], build: (c) => upload(c, [{ name: 'deep.html', bytes: '<div>'.repeat(50_000) + `<script>alert(1)</script>Deep text ${Math.random()}` + '</div>'.repeat(50_000) }]) },
  {
    ...IMPORT, group: 'imports', name: 'native JSONL with a span that does not match its exact', expect: [400, 422],
    build: (c) => upload(c, [{ name: 'native.jsonl', bytes: nativeWithBadSpan() }]),
  },
  { ...IMPORT, group: 'imports', name: 'more than 200 files', expect: [400], build: (c) => upload(c, Array.from({ length: 201 }, (_, i) => ({ name: `f${i}.txt`, bytes: ok(`many ${i}`) }))) },
  { ...IMPORT, group: 'imports', name: 'an empty upload', expect: [400], build: (c) => ({ params: { projectId: String(c.w.projectId) }, form: new FormData() }) },
  { ...IMPORT, group: 'imports', name: 'JSON articles with an unknown field', expect: [400, 422], build: (c) => ({ params: { projectId: String(c.w.projectId) }, body: { articles: [{ title: 'x', body: ok('unknown'), importedBy: 1 }] } }) },
  { ...IMPORT, group: 'imports', name: 'JSON with 1,001 articles', expect: [400], build: (c) => ({ params: { projectId: String(c.w.projectId) }, body: { articles: Array.from({ length: 1001 }, (_, i) => ({ title: 't', body: ok(`n${i}`) })) } }) },
];

/** A native export line whose annotation claims [0, 5) is "WRONG". */
function nativeWithBadSpan(): string {
  const body = `Native body ${Math.random()} with words.`;
  const t = '2025-01-01T00:00:00.000Z';
  const person = { id: 1, name: 'Someone' };
  const annotation = {
    id: 1, label: 'claim', start: 0, end: 5, startCp: 0, endCp: 5, exact: 'WRONG', prefix: '', suffix: '', note: '', attributes: {},
    status: 'proposed', version: 1, author: person, createdAt: t, updatedAt: t, reviews: [], verdicts: [],
  };
  const article = { type: 'article', title: 'Native', body, outlet: null, url: null, author: null, publishedAt: null, annotations: [annotation] };
  return `${JSON.stringify(article)}\n`;
}
