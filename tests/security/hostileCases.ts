/**
 * The hostile-input cases as data: each names a route, who calls it, what it sends and the
 * clear 4xx it must get. tests/security/hostile-input.test.ts runs them and checks that the
 * database did not change.
 */
import type { World, UserKind } from './world';
import type { Method } from './routeCall';

export interface HostileContext {
  w: World;
  /** An article whose body has an emoji (surrogate pair) and an accented letter (NFC). */
  unicodeArticle: { id: number; body: string };
  /** A fresh annotation by the authoring reviewer, tombstoned. */
  deletedAnnotation: () => Promise<number>;
}

export interface HostileCall {
  params: Record<string, string>;
  query?: string;
  body?: unknown;
  rawBody?: string;
  form?: FormData;
  headers?: Record<string, string>;
  token?: string | null;
  origin?: string | null;
}

export interface HostileCase {
  group: string;
  name: string;
  method: Method;
  path: string;
  as?: UserKind | 'anonymous';
  expect: number[];
  /** May be async: fixtures (fresh annotations, links) are written through the data layer first. */
  build: (c: HostileContext) => HostileCall | Promise<HostileCall>;
}

const SPAN = [400, 422];
const BAD = [400];
const GONE = [404, 409, 410, 422];
const ann = (c: HostileContext, body: unknown): HostileCall => ({ params: { articleId: String(c.w.articleId) }, body });
const uni = (c: HostileContext, body: unknown): HostileCall => ({ params: { articleId: String(c.unicodeArticle.id) }, body });
const emojiAt = (c: HostileContext) => c.unicodeArticle.body.indexOf('😀');
const CREATE = { method: 'POST', path: '/api/articles/:articleId/annotations' } as const;

const spans: HostileCase[] = [
  { ...CREATE, group: 'spans', name: 'an empty span', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: 5, end: 5 }) },
  { ...CREATE, group: 'spans', name: 'a reversed span', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: 9, end: 2 }) },
  { ...CREATE, group: 'spans', name: 'a negative start', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: -1, end: 4 }) },
  { ...CREATE, group: 'spans', name: 'an end past the article', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: 0, end: 100_000 }) },
  { ...CREATE, group: 'spans', name: 'fractional offsets', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: 0.5, end: 4 }) },
  { ...CREATE, group: 'spans', name: 'offsets given as strings', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: '0', end: '4' }) },
  { ...CREATE, group: 'spans', name: 'an absurd offset (1e300)', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: 0, end: 1e300 }) },
  { ...CREATE, group: 'spans', name: 'a null start', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: null, end: 4 }) },
  { ...CREATE, group: 'spans', name: 'a start inside an emoji (lone surrogate)', expect: SPAN, build: (c) => uni(c, { label: 'claim', start: emojiAt(c) + 1, end: emojiAt(c) + 6 }) },
  { ...CREATE, group: 'spans', name: 'an end inside an emoji (lone surrogate)', expect: SPAN, build: (c) => uni(c, { label: 'claim', start: 0, end: emojiAt(c) + 1 }) },
  { ...CREATE, group: 'spans', name: 'an exact that differs from the text', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, exact: 'Zelensky!' }) },
  {
    ...CREATE, group: 'unicode', name: 'an exact in NFD where the body is NFC', expect: SPAN,
    build: (c) => {
      const at = c.unicodeArticle.body.indexOf('café');
      return uni(c, { label: 'claim', start: at, end: at + 4, exact: 'cafe\u0301' });
    },
  },
  { ...CREATE, group: 'unicode', name: 'an exact with a zero-width space added', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, exact: 'Zelen\u200bskyy' }) },
  { ...CREATE, group: 'unicode', name: 'an exact with a bidi override added', expect: SPAN, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, exact: '\u202eZelenskyy' }) },
  { ...CREATE, group: 'unicode', name: 'a note holding a lone surrogate', expect: BAD, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, note: 'bad \ud800 half' }) },
  { ...CREATE, group: 'unicode', name: 'a note holding NUL', expect: BAD, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, note: 'nul \u0000 inside' }) },
  { ...CREATE, group: 'fields', name: 'an unknown label', expect: BAD, build: (c) => ann(c, { label: 'opinion', start: 0, end: 9 }) },
  { ...CREATE, group: 'fields', name: 'a label in capitals', expect: BAD, build: (c) => ann(c, { label: 'CLAIM', start: 0, end: 9 }) },
  { ...CREATE, group: 'fields', name: 'a missing label', expect: BAD, build: (c) => ann(c, { start: 0, end: 9 }) },
  { ...CREATE, group: 'server-owned', name: 'an authorId in the body', expect: BAD, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, authorId: c.w.people.lead.id }) },
  { ...CREATE, group: 'server-owned', name: 'a status in the body', expect: BAD, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, status: 'accepted' }) },
  { ...CREATE, group: 'server-owned', name: 'a version in the body', expect: BAD, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, version: 99 }) },
  { ...CREATE, group: 'server-owned', name: 'a projectId in the body', expect: BAD, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, projectId: c.w.otherProjectId }) },
  { ...CREATE, group: 'fields', name: 'a note over 10,000 characters', expect: BAD, build: (c) => ann(c, { label: 'claim', start: 0, end: 9, note: 'x'.repeat(10_001) }) },
  {
    ...CREATE, group: 'nesting', name: 'attributes nested 2,000 levels deep', expect: BAD,
    build: (c) => ({ params: { articleId: String(c.w.articleId) }, rawBody: `{"label":"claim","start":0,"end":9,"attributes":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`, headers: { 'content-type': 'application/json' } }),
  },
  { ...CREATE, group: 'fields', name: 'a quote with an unknown quoteKind', expect: BAD, build: (c) => ann(c, { label: 'quote', start: 0, end: 9, attributes: { quoteKind: 'rumour' } }) },
  { ...CREATE, group: 'scope', name: 'an article of another project', expect: [404], build: (c) => ({ params: { articleId: String(c.w.foreignArticleId) }, body: { label: 'claim', start: 0, end: 9 } }) },
  { ...CREATE, group: 'path', name: 'article id "1e3"', expect: [404], build: () => ({ params: { articleId: '1e3' }, body: { label: 'claim', start: 0, end: 4 } }) },
  { ...CREATE, group: 'path', name: 'article id "-1"', expect: [404], build: () => ({ params: { articleId: '-1' }, body: { label: 'claim', start: 0, end: 4 } }) },
  { ...CREATE, group: 'path', name: 'article id past 2^63', expect: [404], build: () => ({ params: { articleId: '99999999999999999999' }, body: { label: 'claim', start: 0, end: 4 } }) },
  { ...CREATE, group: 'path', name: "article id \"1 OR 1=1\"", expect: [404], build: () => ({ params: { articleId: '1 OR 1=1' }, body: { label: 'claim', start: 0, end: 4 } }) },
  { ...CREATE, group: 'body', name: 'a JSON array body', expect: BAD, build: (c) => ann(c, []) },
  { ...CREATE, group: 'body', name: 'a JSON null body', expect: BAD, build: (c) => ({ params: { articleId: String(c.w.articleId) }, rawBody: 'null', headers: { 'content-type': 'application/json' } }) },
];

const PATCH = { method: 'PATCH', path: '/api/annotations/:id' } as const;
const fresh = async (c: HostileContext) => String((await c.w.annotation()).id);
const edits: HostileCase[] = [
  { ...PATCH, group: 'concurrency', name: 'a stale If-Match', expect: [412], build: async (c) => ({ params: { id: await fresh(c) }, headers: { 'if-match': '7' }, body: { note: 'late' } }) },
  { ...PATCH, group: 'concurrency', name: 'no If-Match at all', expect: [400, 412, 428], build: async (c) => ({ params: { id: await fresh(c) }, body: { note: 'blind' } }) },
  { ...PATCH, group: 'concurrency', name: 'a garbage If-Match', expect: [400, 412], build: async (c) => ({ params: { id: await fresh(c) }, headers: { 'if-match': 'abc' }, body: { note: 'x' } }) },
  { ...PATCH, group: 'spans', name: 'an edit moving the span past the end', expect: SPAN, build: async (c) => ({ params: { id: await fresh(c) }, headers: { 'if-match': '1' }, body: { start: 0, end: 999_999 } }) },
  { ...PATCH, group: 'server-owned', name: 'an edit setting authorId', expect: BAD, build: async (c) => ({ params: { id: await fresh(c) }, headers: { 'if-match': '1' }, body: { authorId: c.w.people.lead.id } }) },
  { ...PATCH, group: 'server-owned', name: 'an edit setting status', expect: BAD, build: async (c) => ({ params: { id: await fresh(c) }, headers: { 'if-match': '1' }, body: { status: 'accepted' } }) },
  { ...PATCH, group: 'state', name: 'an edit of a deleted annotation', expect: GONE, build: async (c) => ({ params: { id: String(await c.deletedAnnotation()) }, headers: { 'if-match': '1' }, body: { note: 'x' } }) },
  { method: 'DELETE', path: '/api/annotations/:id', group: 'state', name: 'deleting a deleted annotation', expect: GONE, build: async (c) => ({ params: { id: String(await c.deletedAnnotation()) }, headers: { 'if-match': '1' } }) },
];

const LINK = { method: 'POST', path: '/api/links' } as const;
const linkBody = (from: number, to: number, relation = 'corroborates') => ({ params: {}, body: { fromAnnotationId: from, toAnnotationId: to, relation } });
const links: HostileCase[] = [
  { ...LINK, group: 'links', name: 'a link from an annotation to itself', expect: SPAN, build: async (c) => { const a = (await c.w.annotation()).id; return linkBody(a, a); } },
  { ...LINK, group: 'links', name: 'a link across projects', expect: [400, 404, 422], build: async (c) => linkBody((await c.w.annotation()).id, (await c.w.annotation({ articleId: c.w.foreignArticleId, author: 'nonMember' })).id) },
  { ...LINK, group: 'links', name: 'an unknown relation', expect: BAD, build: async (c) => linkBody((await c.w.annotation()).id, (await c.w.annotation({ articleId: c.w.article2Id })).id, 'supports') },
  { ...LINK, group: 'links', name: 'a link to a deleted annotation', expect: GONE, build: async (c) => linkBody((await c.w.annotation()).id, await c.deletedAnnotation()) },
  { ...LINK, group: 'links', name: 'a link to an annotation that does not exist', expect: [400, 404, 422], build: async (c) => linkBody((await c.w.annotation()).id, 987_654_321) },
  { ...LINK, group: 'links', name: 'a duplicate of a live link', expect: [409], build: async (c) => { const l = await c.w.link(); return linkBody(l.fromAnnotationId, l.toAnnotationId); } },
];

const REVIEW = { method: 'POST', path: '/api/annotations/:id/reviews', as: 'otherReviewer' } as const;
const reviews: HostileCase[] = [
  { ...REVIEW, group: 'reviews', name: 'a decision that is not accept or reject', expect: BAD, build: async (c) => ({ params: { id: await fresh(c) }, body: { decision: 'maybe' } }) },
  { ...REVIEW, group: 'reviews', name: 'a review of a deleted annotation', expect: GONE, build: async (c) => ({ params: { id: String(await c.deletedAnnotation()) }, body: { decision: 'accept' } }) },
  { ...REVIEW, group: 'reviews', name: 'a reason of 100,000 characters', expect: [400, 413], build: async (c) => ({ params: { id: await fresh(c) }, body: { decision: 'reject', reason: 'r'.repeat(100_000) } }) },
  { ...REVIEW, group: 'server-owned', name: 'a review carrying a status', expect: BAD, build: async (c) => ({ params: { id: await fresh(c) }, body: { decision: 'accept', status: 'accepted' } }) },
  { ...REVIEW, group: 'server-owned', name: 'a review carrying a reviewerId', expect: BAD, build: async (c) => ({ params: { id: await fresh(c) }, body: { decision: 'accept', reviewerId: c.w.people.lead.id } }) },
];

export const HOSTILE_API_CASES: HostileCase[] = [...spans, ...edits, ...links, ...reviews];
