/**
 * Hostile input against article import (every displayed metadata field, the body, the
 * request itself) and against the query parameters of listing and export routes.
 */
import type { HostileCase, HostileCall, HostileContext } from './hostileCases';
import { BODY_A } from './world';

const IMPORT = { method: 'POST', path: '/api/projects/:projectId/articles', as: 'lead' } as const;
const imp = (c: HostileContext, body: unknown, extra: Partial<HostileCall> = {}): HostileCall => ({ params: { projectId: String(c.w.projectId) }, body, ...extra });
const text = (tag: string) => `An ordinary article body for ${tag}.`;

export const HOSTILE_ARTICLE_CASES: HostileCase[] = [
  { ...IMPORT, group: 'unicode', name: 'a body holding a lone surrogate', expect: [400], build: (c) => imp(c, { title: 'x', body: `half \ud800 a pair ${Math.random()}` }) },
  { ...IMPORT, group: 'unicode', name: 'a title holding a lone surrogate', expect: [400], build: (c) => imp(c, { title: 'half \udfff', body: text('lone title') }) },
  { ...IMPORT, group: 'unicode', name: 'a body holding NUL', expect: [400], build: (c) => imp(c, { title: 'x', body: `before \u0000 after ${Math.random()}` }) },
  { ...IMPORT, group: 'unicode', name: 'a body of zero-width spaces only', expect: [400], build: (c) => imp(c, { title: 'x', body: '\u200b\u200b\u200b' }) },
  { ...IMPORT, group: 'fields', name: 'a javascript: URL', expect: [400], build: (c) => imp(c, { title: 'x', url: 'javascript:alert(1)', body: text('js url') }) },
  { ...IMPORT, group: 'fields', name: 'a mixed-case javascript: URL', expect: [400], build: (c) => imp(c, { title: 'x', url: ' JaVaScRiPt:alert(document.cookie)', body: text('js url 2') }) },
  { ...IMPORT, group: 'fields', name: 'a data: URL', expect: [400], build: (c) => imp(c, { title: 'x', url: 'data:text/html,<script>alert(1)</script>', body: text('data url') }) },
  { ...IMPORT, group: 'fields', name: 'a URL with a line break', expect: [400], build: (c) => imp(c, { title: 'x', url: 'https://example.com/\nSet-Cookie: a=b', body: text('crlf url') }) },
  { ...IMPORT, group: 'fields', name: 'a date that does not exist (30 February)', expect: [400], build: (c) => imp(c, { title: 'x', publishedAt: '2025-02-30', body: text('feb 30') }) },
  { ...IMPORT, group: 'fields', name: 'a title over 500 characters', expect: [400], build: (c) => imp(c, { title: 't'.repeat(501), body: text('long title') }) },
  { ...IMPORT, group: 'fields', name: 'a body that is a number', expect: [400], build: (c) => imp(c, { title: 'x', body: 12345 }) },
  { ...IMPORT, group: 'fields', name: 'a body of whitespace only', expect: [400], build: (c) => imp(c, { title: 'x', body: ' \n\t\n ' }) },
  { ...IMPORT, group: 'server-owned', name: 'a sha256 in the body', expect: [400], build: (c) => imp(c, { title: 'x', body: text('sha'), sha256: '0'.repeat(64) }) },
  { ...IMPORT, group: 'server-owned', name: 'an importedBy in the body', expect: [400], build: (c) => imp(c, { title: 'x', body: text('importedBy'), importedBy: 1 }) },
  { ...IMPORT, group: 'server-owned', name: 'a projectId in the body', expect: [400], build: (c) => imp(c, { title: 'x', body: text('projectId'), projectId: c.w.otherProjectId }) },
  { ...IMPORT, group: 'state', name: 'a body already in the project (CRLF variant of it)', expect: [409], build: (c) => imp(c, { title: 'again', body: BODY_A.replace(/\n/g, '\r\n') }) },
  { ...IMPORT, group: 'caps', name: 'a body over 2 MB (under the 3 MB request cap)', expect: [400, 413], build: (c) => imp(c, { title: 'big', body: 'a'.repeat(2.5 * 1024 * 1024) }) },
  { ...IMPORT, group: 'caps', name: 'a request over the 3 MB cap', expect: [413], build: (c) => imp(c, { title: 'bigger', body: 'b'.repeat(4 * 1024 * 1024) }) },
  {
    ...IMPORT, group: 'caps', name: 'a Content-Length claiming 1 GB', expect: [413],
    build: (c) => imp(c, undefined, { rawBody: JSON.stringify({ title: 'x', body: text('cl') }), headers: { 'content-type': 'application/json', 'content-length': String(1024 ** 3) } }),
  },
  { ...IMPORT, group: 'body', name: 'a text/plain body', expect: [415], build: (c) => imp(c, undefined, { rawBody: 'title=x&body=y', headers: { 'content-type': 'text/plain' } }) },
  { ...IMPORT, group: 'body', name: 'a form-encoded body', expect: [415], build: (c) => imp(c, undefined, { rawBody: 'title=x&body=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } }) },
  { ...IMPORT, group: 'body', name: 'JSON that does not parse', expect: [400], build: (c) => imp(c, undefined, { rawBody: '{"title": "x", "body": ', headers: { 'content-type': 'application/json' } }) },
  { ...IMPORT, group: 'nesting', name: 'arrays nested 100,000 deep', expect: [400], build: (c) => imp(c, undefined, { rawBody: '['.repeat(100_000) + ']'.repeat(100_000), headers: { 'content-type': 'application/json' } }) },
  { ...IMPORT, group: 'body', name: 'a __proto__ key', expect: [400], build: (c) => imp(c, undefined, { rawBody: `{"title":"x","body":"${text('proto')}","__proto__":{"isAdmin":true}}`, headers: { 'content-type': 'application/json' } }) },
];

const EXPORT = { method: 'GET', path: '/api/projects/:projectId/export', as: 'lead' } as const;
const exp = (c: HostileContext, query: string): HostileCall => ({ params: { projectId: String(c.w.projectId) }, query });

const SUGGEST = { method: 'GET', path: '/api/annotations/:id/suggestions', as: 'authorReviewer' } as const;
const suggest = (q: string) => async (c: HostileContext): Promise<HostileCall> => ({ params: { id: String((await c.w.annotation()).id) }, query: `q=${encodeURIComponent(q)}` });
const SINCE = { method: 'GET', path: '/api/articles/:articleId/annotations', as: 'viewer' } as const;
const since = (value: string) => (c: HostileContext): HostileCall => ({ params: { articleId: String(c.w.articleId) }, query: `since=${encodeURIComponent(value)}` });
const SAFE_SEARCH = [200, 400];

export const HOSTILE_QUERY_CASES: HostileCase[] = [
  { ...SUGGEST, group: 'search', name: 'FTS5: an unbalanced quote', expect: SAFE_SEARCH, build: suggest('"Ukraine') },
  { ...SUGGEST, group: 'search', name: 'FTS5: NEAR( without its end', expect: SAFE_SEARCH, build: suggest('NEAR(Ukraine talks') },
  { ...SUGGEST, group: 'search', name: 'FTS5: bare operators', expect: SAFE_SEARCH, build: suggest('AND OR NOT') },
  { ...SUGGEST, group: 'search', name: 'FTS5: a column filter', expect: SAFE_SEARCH, build: suggest('body:Ukraine OR exact:*') },
  { ...SUGGEST, group: 'search', name: 'FTS5: a lone star and caret', expect: SAFE_SEARCH, build: suggest('* ^') },
  { ...SUGGEST, group: 'search', name: 'SQL in the query', expect: SAFE_SEARCH, build: suggest("'; drop table annotations; --") },
  { ...SUGGEST, group: 'search', name: 'LIKE wildcards', expect: SAFE_SEARCH, build: suggest('%_%') },
  { ...SUGGEST, group: 'search', name: 'a 20,000-character query', expect: SAFE_SEARCH, build: suggest('Ukraine '.repeat(2500)) },
  { ...SINCE, group: 'params', name: 'a negative polling cursor', expect: [400], build: since('-1') },
  { ...SINCE, group: 'params', name: 'an absurd polling cursor (1e30)', expect: [400], build: since('1e30') },
  { ...SINCE, group: 'params', name: 'SQL as the polling cursor', expect: [400], build: since('0 OR 1=1') },
  { ...EXPORT, group: 'params', name: 'an export filter with an unknown label', expect: [400], build: (c) => exp(c, 'format=csv&label=opinion') },
  { ...EXPORT, group: 'params', name: 'an export author filter with SQL in it', expect: [400], build: (c) => exp(c, `format=csv&author=${encodeURIComponent('1) OR (1=1')}`) },
  { ...EXPORT, group: 'params', name: 'an unknown export parameter', expect: [400], build: (c) => exp(c, 'format=csv&limit=999999999') },
  { ...EXPORT, group: 'params', name: 'an export format that is a path', expect: [400], build: (c) => exp(c, 'format=../../etc/passwd') },
  { ...EXPORT, group: 'params', name: 'an export format with SQL in it', expect: [400], build: (c) => exp(c, `format=${encodeURIComponent("jsonl' OR '1'='1")}`) },
  { ...EXPORT, group: 'params', name: 'an export format given twice', expect: [200, 400], build: (c) => exp(c, 'format=jsonl&format=../../x') },
  { ...EXPORT, group: 'params', name: 'no export format', expect: [400], build: (c) => exp(c, '') },
  { method: 'GET', path: '/api/links', as: 'authorReviewer', group: 'params', name: 'a projectId with SQL in it', expect: [400, 404], build: () => ({ params: {}, query: `projectId=${encodeURIComponent('1 OR 1=1')}` }) },
  { method: 'GET', path: '/api/links', as: 'authorReviewer', group: 'params', name: 'a LIKE wildcard as projectId', expect: [400, 404], build: () => ({ params: {}, query: 'projectId=%25' }) },
];
