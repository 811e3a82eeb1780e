/**
 * THE authorization matrix: every API route and method, and every lib/data function a server
 * action calls, against every kind of actor, with the expected answer. One table, used by
 * tests/security/authz-matrix.test.ts and printed into docs/security.md by
 * scripts/print-authz-matrix.ts. 'ok' means any 2xx; 'n/a' means the cell cannot happen
 * (lib/data is never reached without a signed-in user).
 */
import { BODY_B, type ActorKind, type World, type UserKind } from './world';
import type { Method } from './routeCall';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { archiveArticle } from '@/lib/data/articleArchive';
import { localPageUrl } from '../import/localPage';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { exec } from '@/lib/db/query';
import { annotations as annotationTable } from '@/lib/db/tables';

export type Expected = 'ok' | 'n/a' | 400 | 401 | 403 | 404 | 409 | 412;
export type Expectations = Record<ActorKind, Expected>;

/** What a route cell sends; built fresh for every cell. */
export interface RouteCall {
  params: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteRow {
  kind: 'route';
  method: Method;
  path: string;
  what: string;
  expect: Expectations;
  /** May be async: a target made through lib/data (a fresh article) is awaited first. */
  build: (w: World, actor: ActorKind) => RouteCall | Promise<RouteCall>;
}

export interface DataRow {
  kind: 'data';
  /** Module under lib/data (without extension) and exported function name. */
  module: string;
  fn: string;
  what: string;
  expect: Expectations;
  /** Prepares the targets now and returns the call to make as `actor` (may be async). */
  invoke: (fn: (args: never) => unknown, w: World, actor: UserKind) => (() => unknown) | Promise<() => unknown>;
}

export type MatrixRow = RouteRow | DataRow;

const ANYONE: Expectations = { anonymous: 'ok', nonMember: 'ok', viewer: 'ok', authorReviewer: 'ok', otherReviewer: 'ok', lead: 'ok', admin: 'ok', disabled: 'ok' };
const SIGNED_IN: Expectations = { ...ANYONE, anonymous: 401, disabled: 401 };
/** Members read; strangers and site admins who are not members get 404 (as if it did not exist). */
const READ: Expectations = { ...SIGNED_IN, nonMember: 404, admin: 404 };
const CONTRIBUTE: Expectations = { ...READ, viewer: 403 };
const LEAD: Expectations = { ...READ, viewer: 403, authorReviewer: 403, otherReviewer: 403 };
const AUTHOR: Expectations = { ...READ, viewer: 403, otherReviewer: 403, lead: 403 };
const NOT_AUTHOR: Expectations = { ...READ, viewer: 403, authorReviewer: 403 };
const ADMIN: Expectations = { ...SIGNED_IN, nonMember: 403, viewer: 403, authorReviewer: 403, otherReviewer: 403, lead: 403 };
/** Leads of the project and site admins manage members. */
const MANAGE: Expectations = { ...LEAD, admin: 'ok' };

/** Binds the arguments now (so fixtures exist before the snapshot) and calls later. */
const later = (f: (args: never) => unknown, args: unknown) => () => f(args as never);
const data = (e: Expectations): Expectations => ({ ...e, anonymous: 'n/a' });
const id = (n: number) => String(n);
const a = (w: World, who: UserKind) => w.people[who].actor;

const routes: RouteRow[] = [
  { kind: 'route', method: 'GET', path: '/api/health', what: 'liveness', expect: ANYONE, build: () => ({ params: {} }) },
  { kind: 'route', method: 'GET', path: '/api/projects', what: 'my projects', expect: SIGNED_IN, build: () => ({ params: {} }) },
  { kind: 'route', method: 'POST', path: '/api/projects', what: 'create a project', expect: ADMIN, build: () => ({ params: {}, body: { name: `Matrix ${Math.random()}` } }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/articles', what: 'list articles', expect: READ, build: (w) => ({ params: { projectId: id(w.projectId) } }) },
  {
    kind: 'route', method: 'POST', path: '/api/projects/:projectId/articles', what: 'import an article', expect: LEAD,
    build: (w, a) => ({ params: { projectId: id(w.projectId) }, body: { title: `By ${a}`, body: `A fresh text written for ${a} at ${Math.random()}.` } }),
  },
  { kind: 'route', method: 'GET', path: '/api/articles/:articleId', what: 'read an article', expect: READ, build: (w) => ({ params: { articleId: id(w.articleId) } }) },
  { kind: 'route', method: 'GET', path: '/api/articles/:articleId/annotations', what: 'list annotations', expect: READ, build: (w) => ({ params: { articleId: id(w.articleId) } }) },
  {
    kind: 'route', method: 'POST', path: '/api/articles/:articleId/annotations', what: 'create an annotation', expect: CONTRIBUTE,
    build: (w) => ({ params: { articleId: id(w.articleId) }, body: { label: 'claim', start: 0, end: 9, exact: 'Zelenskyy' } }),
  },
  { kind: 'route', method: 'GET', path: '/api/annotations/:id', what: 'read an annotation', expect: READ, build: async (w) => ({ params: { id: id((await w.annotation()).id) } }) },
  {
    kind: 'route', method: 'PATCH', path: '/api/annotations/:id', what: 'edit an annotation (If-Match)', expect: AUTHOR,
    build: async (w) => ({ params: { id: id((await w.annotation()).id) }, headers: { 'if-match': '1' }, body: { note: 'edited' } }),
  },
  { kind: 'route', method: 'DELETE', path: '/api/annotations/:id', what: 'delete an annotation', expect: AUTHOR, build: async (w) => ({ params: { id: id((await w.annotation()).id) }, headers: { 'if-match': '1' } }) },
  { kind: 'route', method: 'POST', path: '/api/annotations/:id/restore', what: 'undo a delete', expect: AUTHOR, build: async (w) => ({ params: { id: id(await w.deletedAnnotation()) } }) },
  { kind: 'route', method: 'GET', path: '/api/annotations/:id/suggestions', what: 'link suggestions', expect: READ, build: async (w) => ({ params: { id: id((await w.annotation()).id) } }) },
  {
    kind: 'route', method: 'POST', path: '/api/links', what: 'link two annotations', expect: CONTRIBUTE,
    build: async (w) => ({ params: {}, body: { fromAnnotationId: (await w.annotation()).id, toAnnotationId: (await w.annotation({ articleId: w.article2Id })).id, relation: 'corroborates' } }),
  },
  { kind: 'route', method: 'GET', path: '/api/links', what: 'links of a project', expect: READ, build: (w) => ({ params: {}, query: `projectId=${w.projectId}` }) },
  { kind: 'route', method: 'GET', path: '/api/links', what: 'links of an annotation', expect: READ, build: async (w) => ({ params: {}, query: `annotationId=${(await w.annotation()).id}` }) },
  { kind: 'route', method: 'GET', path: '/api/links/:id', what: 'read a link', expect: READ, build: async (w) => ({ params: { id: id((await w.link()).id) } }) },
  { kind: 'route', method: 'DELETE', path: '/api/links/:id', what: 'delete a link', expect: AUTHOR, build: async (w) => ({ params: { id: id((await w.link()).id) }, headers: { 'if-match': '1' } }) },
  { kind: 'route', method: 'GET', path: '/api/annotations/:id/reviews', what: 'reviews of an annotation', expect: READ, build: async (w) => ({ params: { id: id((await w.annotation()).id) } }) },
  {
    kind: 'route', method: 'POST', path: '/api/annotations/:id/reviews', what: 'review an annotation', expect: NOT_AUTHOR,
    build: async (w) => ({ params: { id: id((await w.annotation()).id) }, body: { decision: 'accept', reason: 'checked' } }),
  },
  { kind: 'route', method: 'GET', path: '/api/links/:id/reviews', what: 'reviews of a link', expect: READ, build: async (w) => ({ params: { id: id((await w.link()).id) } }) },
  {
    kind: 'route', method: 'POST', path: '/api/links/:id/reviews', what: 'review a link', expect: NOT_AUTHOR,
    build: async (w) => ({ params: { id: id((await w.link()).id) }, body: { decision: 'reject', reason: 'not the same statement' } }),
  },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/export', what: 'export (jsonl)', expect: LEAD, build: (w) => ({ params: { projectId: id(w.projectId) }, query: 'format=jsonl' }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/export', what: 'export (csv)', expect: LEAD, build: (w) => ({ params: { projectId: id(w.projectId) }, query: 'format=csv' }) },
];


const ann = async (w: World) => ({ id: id((await w.annotation()).id) });
const lnk = async (w: World) => ({ id: id((await w.link()).id) });
const threadRoutes: RouteRow[] = [
  { kind: 'route', method: 'GET', path: '/api/annotations/:id/comments', what: 'comment thread', expect: READ, build: async (w) => ({ params: await ann(w) }) },
  { kind: 'route', method: 'POST', path: '/api/annotations/:id/comments', what: 'comment', expect: CONTRIBUTE, build: async (w) => ({ params: await ann(w), body: { body: 'Why this span?' } }) },
  { kind: 'route', method: 'GET', path: '/api/links/:id/comments', what: 'comment thread', expect: READ, build: async (w) => ({ params: await lnk(w) }) },
  { kind: 'route', method: 'POST', path: '/api/links/:id/comments', what: 'comment', expect: CONTRIBUTE, build: async (w) => ({ params: await lnk(w), body: { body: 'Same event?' } }) },
  { kind: 'route', method: 'PATCH', path: '/api/comments/:id', what: 'edit a comment', expect: AUTHOR, build: async (w) => ({ params: { id: id(await w.comment()) }, body: { body: 'Edited.' } }) },
  { kind: 'route', method: 'DELETE', path: '/api/comments/:id', what: 'delete a comment', expect: AUTHOR, build: async (w) => ({ params: { id: id(await w.comment()) } }) },
  {
    kind: 'route', method: 'DELETE', path: '/api/comments/:id', what: 'delete my own comment', expect: CONTRIBUTE,
    build: async (w, x) => ({ params: { id: id(await w.comment(x === 'anonymous' ? 'authorReviewer' : x)) } }),
  },
  { kind: 'route', method: 'GET', path: '/api/annotations/:id/history', what: 'history', expect: READ, build: async (w) => ({ params: await ann(w) }) },
  { kind: 'route', method: 'GET', path: '/api/links/:id/history', what: 'history', expect: READ, build: async (w) => ({ params: await lnk(w) }) },
  {
    kind: 'route', method: 'POST', path: '/api/annotations/:id/settle', what: 'settle a dispute', expect: LEAD,
    build: async (w) => ({ params: { id: id(await w.disputedAnnotation()) }, body: { decision: 'accept', reason: 'Settled on the recording.' } }),
  },
  {
    kind: 'route', method: 'POST', path: '/api/links/:id/settle', what: 'settle a dispute', expect: LEAD,
    build: async (w) => ({ params: { id: id(await w.disputedLink()) }, body: { decision: 'reject', reason: 'Different events.' } }),
  },
  { kind: 'route', method: 'GET', path: '/api/annotations/:id/verdicts', what: 'verdicts of a claim', expect: READ, build: async (w) => ({ params: await ann(w) }) },
  { kind: 'route', method: 'POST', path: '/api/annotations/:id/verdicts', what: 'propose a verdict', expect: CONTRIBUTE, build: async (w) => ({ params: await ann(w), body: { verdict: 'misleading', rationale: 'Out of context.' } }) },
  {
    kind: 'route', method: 'POST', path: '/api/annotations/:id/verdicts', what: 'final verdict (final: true)', expect: LEAD,
    build: async (w) => ({ params: await ann(w), body: { verdict: 'false', rationale: 'Checked the transcript.', final: true } }),
  },
  {
    kind: 'route', method: 'POST', path: '/api/projects/:projectId/imports', what: 'import a batch', expect: LEAD,
    build: (w, x) => ({ params: { projectId: id(w.projectId) }, body: { articles: [{ title: `Batch by ${x}`, body: `Batch text by ${x} ${Math.random()}.` }] } }),
  },
  { kind: 'route', method: 'GET', path: '/api/inbox', what: 'my inbox', expect: SIGNED_IN, build: () => ({ params: {} }) },
  { kind: 'route', method: 'GET', path: '/api/inbox', what: 'my inbox, one page', expect: SIGNED_IN, build: () => ({ params: {}, query: 'limit=5' }) },
  // The stream itself never ends, so the cell asks with a bad start: sign-in is checked before it (tests/live/stream.test.ts checks what flows).
  {
    kind: 'route', method: 'GET', path: '/api/live', what: 'my live stream (a bad Last-Event-ID)',
    expect: { nonMember: 400, viewer: 400, authorReviewer: 400, otherReviewer: 400, lead: 400, admin: 400, anonymous: 401, disabled: 401 },
    build: () => ({ params: {}, headers: { 'last-event-id': 'not an id' } }),
  },
  { kind: 'route', method: 'POST', path: '/api/inbox/read', what: 'mark my inbox read', expect: SIGNED_IN, build: () => ({ params: {} }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/agreement', what: 'agreement figures', expect: READ, build: (w) => ({ params: { projectId: id(w.projectId) } }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/agreement/disagreements', what: 'where two reviewers disagree', expect: READ, build: (w) => ({ params: { projectId: id(w.projectId) }, query: `a=${w.people.authorReviewer.id}&b=${w.people.otherReviewer.id}` }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/review-queue', what: 'review queue', expect: CONTRIBUTE, build: (w) => ({ params: { projectId: id(w.projectId) } }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/board', what: 'claim board page', expect: READ, build: (w) => ({ params: { projectId: id(w.projectId) }, query: 'sort=contested&limit=5' }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/review-queue', what: 'review queue, filtered page', expect: CONTRIBUTE, build: (w) => ({ params: { projectId: id(w.projectId) }, query: 'label=claim&limit=5' }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/w3c', what: 'W3C annotation container', expect: READ, build: (w) => ({ params: { projectId: id(w.projectId) } }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/w3c/:item', what: 'one W3C annotation', expect: READ, build: async (w) => ({ params: { projectId: id(w.projectId), item: `annotation-${(await w.annotation()).id}` } }) },
  { kind: 'route', method: 'GET', path: '/api/articles/:articleId/text', what: 'article text (W3C source)', expect: READ, build: (w) => ({ params: { articleId: id(w.articleId) } }) },
];

const dataRows: DataRow[] = [
  { kind: 'data', module: 'projects', fn: 'listAllProjects', what: 'every project (admin page)', expect: data(ADMIN), invoke: (f, w, a) => later(f, { actor: w.people[a].actor } as never) },
  { kind: 'data', module: 'projects', fn: 'getProject', what: 'one project', expect: data(READ), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId } as never) },
  {
    kind: 'data', module: 'projects', fn: 'createProject', what: 'create a project', expect: data(ADMIN),
    invoke: (f, w, a) => later(f, { actor: w.people[a].actor, input: { name: `By ${a} ${Math.random()}` } } as never),
  },
  { kind: 'data', module: 'projects', fn: 'listMembers', what: 'members of a project', expect: data(READ), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId } as never) },
  {
    kind: 'data', module: 'projects', fn: 'setMember', what: 'add a member', expect: data(MANAGE),
    invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId, input: { userId: w.people.nonMember.id, role: 'viewer' } } as never),
  },
  {
    kind: 'data', module: 'projects', fn: 'setMember', what: 'raise own role to lead', expect: data({ ...MANAGE, lead: 'ok', admin: 'ok' }),
    invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId, input: { userId: w.people[a].id, role: 'lead' } } as never),
  },
  {
    kind: 'data', module: 'projects', fn: 'removeMember', what: 'remove a member', expect: data(MANAGE),
    invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId, userId: w.people.otherReviewer.id } as never),
  },
  { kind: 'data', module: 'articles', fn: 'listArticles', what: 'list articles', expect: data(READ), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId } as never) },
  { kind: 'data', module: 'articleList', fn: 'listArticlesPage', what: 'a page of articles', expect: data(READ), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId, query: { sort: '-date', limit: '5' } } as never) },
  { kind: 'data', module: 'articleList', fn: 'listArticleOutlets', what: 'outlets of the articles', expect: data(READ), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId } as never) },
  { kind: 'data', module: 'articleList', fn: 'projectArticleTotals', what: 'article and annotation totals', expect: data(READ), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId } as never) },
  { kind: 'data', module: 'articles', fn: 'getArticle', what: 'read an article', expect: data(READ), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, articleId: w.articleId } as never) },
  {
    kind: 'data', module: 'articles', fn: 'importArticle', what: 'import an article', expect: data(LEAD),
    invoke: (f, w, a) => later(f, { actor: w.people[a].actor, projectId: w.projectId, input: { title: 'x', body: `Text for ${a} ${Math.random()}` } } as never),
  },
  {
    kind: 'data', module: 'articles', fn: 'updateArticleMetadata', what: 'edit article metadata', expect: data(LEAD),
    invoke: (f, w, a) => later(f, { actor: w.people[a].actor, articleId: w.articleId, input: { outlet: `Outlet ${Math.random()}` } } as never),
  },
  { kind: 'data', module: 'users', fn: 'listUsers', what: 'every account', expect: data(ADMIN), invoke: (f, w, a) => later(f, { actor: w.people[a].actor } as never) },
  {
    kind: 'data', module: 'users', fn: 'createUser', what: 'create an account', expect: data(ADMIN),
    invoke: (f, w, a) => later(f, { actor: w.people[a].actor, input: { email: `new-${a}-${Date.now()}@example.test`, password: 'long enough password' } } as never),
  },
  { kind: 'data', module: 'users', fn: 'disableUser', what: 'disable an account', expect: data(ADMIN), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, input: { userId: w.people.viewer.id } } as never) },
  { kind: 'data', module: 'users', fn: 'enableUser', what: 'enable an account', expect: data(ADMIN), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, input: { userId: w.people.viewer.id } } as never) },
  {
    kind: 'data', module: 'users', fn: 'resetPassword', what: "reset someone's password", expect: data(ADMIN),
    invoke: (f, w, a) => later(f, { actor: w.people[a].actor, input: { userId: w.people.viewer.id, password: 'another long password' } } as never),
  },
  { kind: 'data', module: 'tokens', fn: 'createToken', what: 'create my API token', expect: data(SIGNED_IN), invoke: (f, w, a) => later(f, { actor: w.people[a].actor, input: { name: 'mine' } } as never) },
  {
    kind: 'data', module: 'tokens', fn: 'revokeToken', what: "revoke someone else's token", expect: data({ ...SIGNED_IN, nonMember: 404, viewer: 404, authorReviewer: 404, otherReviewer: 404, lead: 404, admin: 404 }),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), tokenId: await w.tokenOf(x === 'lead' ? 'viewer' : 'lead') }),
  },
  { kind: 'data', module: 'tokens', fn: 'revokeToken', what: 'revoke my own token', expect: data(SIGNED_IN), invoke: async (f, w, x) => later(f, { actor: a(w, x), tokenId: await w.tokenOf(x) }) },
  { kind: 'data', module: 'tokens', fn: 'listTokens', what: 'my tokens', expect: data(SIGNED_IN), invoke: (f, w, a) => later(f, { actor: w.people[a].actor } as never) },
];


const annotationRows: DataRow[] = [
  { kind: 'data', module: 'annotations', fn: 'listAnnotations', what: 'annotations of an article', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.articleId } as never) },
  { kind: 'data', module: 'annotations', fn: 'listAnnotationPage', what: 'one page of the annotations of an article', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.articleId, page: { limit: 10 } } as never) },
  { kind: 'data', module: 'annotations', fn: 'getAnnotation', what: 'one annotation', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id } as never) },
  {
    kind: 'data', module: 'annotations', fn: 'createAnnotation', what: 'tag a span', expect: data(CONTRIBUTE),
    invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.articleId, input: { label: 'quote', start: 0, end: 9 } } as never),
  },
  {
    kind: 'data', module: 'annotations', fn: 'updateAnnotation', what: 'edit an annotation', expect: data(AUTHOR),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id, ifMatch: 1, input: { note: 'changed' } } as never),
  },
  { kind: 'data', module: 'annotations', fn: 'deleteAnnotation', what: 'delete an annotation', expect: data(AUTHOR), invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id } as never) },
  { kind: 'data', module: 'annotations', fn: 'restoreAnnotation', what: 'undo a delete', expect: data(AUTHOR), invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: await w.deletedAnnotation() } as never) },
];

const linkRows: DataRow[] = [
  {
    kind: 'data', module: 'links', fn: 'createLink', what: 'link two statements', expect: data(CONTRIBUTE),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), input: { fromAnnotationId: (await w.annotation()).id, toAnnotationId: (await w.annotation({ articleId: w.article2Id })).id, relation: 'conflicts' } } as never),
  },
  { kind: 'data', module: 'links', fn: 'deleteLink', what: 'delete a link', expect: data(AUTHOR), invoke: async (f, w, x) => later(f, { actor: a(w, x), linkId: (await w.link()).id } as never) },
  // Each actor's own link: a viewer who wrote it (before a demotion) may no longer delete it.
  { kind: 'data', module: 'links', fn: 'deleteLink', what: 'delete my own link', expect: data(CONTRIBUTE), invoke: async (f, w, x) => later(f, { actor: a(w, x), linkId: (await w.link({ author: x })).id } as never) },
  { kind: 'data', module: 'linkViews', fn: 'getLink', what: 'one link', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), linkId: (await w.link()).id } as never) },
  { kind: 'data', module: 'linkViews', fn: 'listLinksForProject', what: 'links of a project', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId } as never) },
  { kind: 'data', module: 'linkViews', fn: 'pageLinksForProject', what: 'a page of links of a project', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, query: { limit: '5' } } as never) },
  { kind: 'data', module: 'linkViews', fn: 'linksForAnnotation', what: 'links of an annotation', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id } as never) },
  { kind: 'data', module: 'linkSuggestions', fn: 'suggestions', what: 'link suggestions', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id, q: 'Ukraine' } as never) },
];

const reviewRows: DataRow[] = [
  {
    kind: 'data', module: 'reviews', fn: 'reviewAnnotation', what: 'review an annotation', expect: data(NOT_AUTHOR),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), id: (await w.annotation()).id, input: { decision: 'accept' } } as never),
  },
  {
    kind: 'data', module: 'reviews', fn: 'reviewLink', what: 'review a link', expect: data(NOT_AUTHOR),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), id: (await w.link()).id, input: { decision: 'reject', reason: 'different events' } } as never),
  },
  {
    kind: 'data', module: 'reviews', fn: 'settle', what: 'settle a disputed annotation', expect: data(LEAD),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), kind: 'annotation', id: await w.disputedAnnotation(), input: { decision: 'accept', reason: 'settled' } } as never),
  },
  { kind: 'data', module: 'reviews', fn: 'listReviews', what: 'reviews of an annotation', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), kind: 'annotation', id: (await w.annotation()).id } as never) },
  { kind: 'data', module: 'reviews', fn: 'reviewQueue', what: 'review queue', expect: data(CONTRIBUTE), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId } as never) },
  { kind: 'data', module: 'reviews', fn: 'reviewQueue', what: 'review queue, filtered by label and outlet', expect: data(CONTRIBUTE), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, query: { label: 'quote', outlet: 'UNN', limit: '5' } } as never) },
  { kind: 'data', module: 'history', fn: 'historyOf', what: 'history of an annotation', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), kind: 'annotation', id: (await w.annotation()).id } as never) },
  { kind: 'data', module: 'history', fn: 'historyPage', what: 'a page of the history of an annotation', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), kind: 'annotation', id: (await w.annotation()).id, query: { limit: '5' } } as never) },
  { kind: 'data', module: 'agreement', fn: 'projectAgreement', what: 'agreement figures', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId } as never) },
  {
    kind: 'data', module: 'comments', fn: 'addComment', what: 'comment on an annotation', expect: data(CONTRIBUTE),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), target: { kind: 'annotation', id: (await w.annotation()).id }, input: { body: 'A comment.' } } as never),
  },
  { kind: 'data', module: 'comments', fn: 'editComment', what: 'edit a comment', expect: data(AUTHOR), invoke: async (f, w, x) => later(f, { actor: a(w, x), commentId: await w.comment(), input: { body: 'Edited.' } } as never) },
  { kind: 'data', module: 'comments', fn: 'deleteComment', what: 'delete a comment', expect: data(AUTHOR), invoke: async (f, w, x) => later(f, { actor: a(w, x), commentId: await w.comment() } as never) },
  // Each actor's own comment: authorship is not enough, the role now must allow commenting.
  { kind: 'data', module: 'comments', fn: 'deleteComment', what: 'delete my own comment', expect: data(CONTRIBUTE), invoke: async (f, w, x) => later(f, { actor: a(w, x), commentId: await w.comment(x) } as never) },
  { kind: 'data', module: 'comments', fn: 'editComment', what: 'edit my own comment', expect: data(CONTRIBUTE), invoke: async (f, w, x) => later(f, { actor: a(w, x), commentId: await w.comment(x), input: { body: 'Mine, edited.' } } as never) },
  { kind: 'data', module: 'comments', fn: 'listComments', what: 'a comment thread', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), target: { kind: 'annotation', id: (await w.annotation()).id } } as never) },
  {
    kind: 'data', module: 'verdicts', fn: 'proposeVerdict', what: 'propose a verdict', expect: data(CONTRIBUTE),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id, input: { verdict: 'false', rationale: 'Because.' } } as never),
  },
  {
    kind: 'data', module: 'verdicts', fn: 'finalizeVerdict', what: 'final verdict', expect: data(LEAD),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id, input: { verdict: 'mixed', rationale: 'Weighed.' } } as never),
  },
  { kind: 'data', module: 'verdicts', fn: 'listVerdicts', what: 'verdicts of a claim', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id } as never) },
  { kind: 'data', module: 'inbox', fn: 'listInbox', what: 'my inbox', expect: data(SIGNED_IN), invoke: (f, w, x) => later(f, { actor: a(w, x) } as never) },
  { kind: 'data', module: 'inbox', fn: 'markInboxRead', what: 'mark my inbox read', expect: data(SIGNED_IN), invoke: (f, w, x) => later(f, { actor: a(w, x) } as never) },
  {
    kind: 'data', module: 'imports', fn: 'importBatch', what: 'import files', expect: data(LEAD),
    invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, files: [{ name: 'a.txt', bytes: new TextEncoder().encode(`File text by ${x} ${Math.random()}.`) }] }),
  },
  {
    kind: 'data', module: 'imports', fn: 'importOneArticle', what: 'import one article (or revise the one at its URL)', expect: data(LEAD),
    invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, input: { title: 'x', body: `One article by ${x} ${Math.random()}.` } }),
  },
  {
    kind: 'data', module: 'imports', fn: 'importWebPage', what: 'import a web page by URL', expect: data(LEAD),
    invoke: async (f, w, x) => async () => f({ actor: a(w, x), projectId: w.projectId, url: await localPageUrl(x) } as never),
  },
  { kind: 'data', module: 'publishing', fn: 'getPublishingSettings', what: 'publishing settings', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
  {
    kind: 'data', module: 'publishing', fn: 'updatePublishingSettings', what: 'change publishing settings', expect: data(LEAD),
    invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, input: { organizationName: `Desk of ${x}`, organizationUrl: 'https://desk.example/', factCheckUrlPattern: 'https://desk.example/checks/{claimId}' } }),
  },
  { kind: 'data', module: 'w3cContainer', fn: 'readW3cContainer', what: 'W3C annotation container', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, baseUrl: 'http://localhost', view: 'descriptions' }) },
  { kind: 'data', module: 'w3cContainer', fn: 'readW3cPage', what: 'W3C annotation page', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, baseUrl: 'http://localhost', query: { cursor: 'start' } }) },
  { kind: 'data', module: 'w3cContainer', fn: 'readW3cItem', what: 'one W3C annotation', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, baseUrl: 'http://localhost', key: `annotation-${(await w.annotation()).id}` }) },
  {
    kind: 'data', module: 'exports', fn: 'exportProject', what: 'export a project', expect: data(LEAD),
    invoke: (f, w, x) => async () => {
      const out = (await f({ actor: a(w, x), projectId: w.projectId, request: { format: 'jsonl' }, baseUrl: 'http://localhost' } as never)) as { chunks: Iterable<unknown> | AsyncIterable<unknown> };
      for await (const chunk of out.chunks) void chunk;
      return out;
    },
  },
];

const SENTENCE = 'Analysts in Kyiv called the remarks a firm signal before the next round of talks.';
/** Every other exported lib/data function that takes an actor (tests/security/data-coverage.test.ts). */
const moreRows: DataRow[] = [
  { kind: 'data', module: 'projects', fn: 'listProjects', what: 'my projects', expect: data(SIGNED_IN), invoke: (f, w, x) => later(f, { actor: a(w, x) }) },
  {
    kind: 'data', module: 'projects', fn: 'memberIdByEmail', what: 'look up an email to add', expect: data(MANAGE),
    invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, email: w.people.nonMember.email }),
  },
  { kind: 'data', module: 'users', fn: 'getCurrentUser', what: 'my profile', expect: data(SIGNED_IN), invoke: (f, w, x) => later(f, { actor: a(w, x) }) },
  { kind: 'data', module: 'sessions', fn: 'signOutEverywhere', what: 'end all my sessions', expect: data(SIGNED_IN), invoke: (f, w, x) => later(f, { actor: a(w, x) }) },
  { kind: 'data', module: 'annotations', fn: 'annotationsSince', what: 'changes since a cursor', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.articleId, since: 0 }) },
  { kind: 'data', module: 'annotations', fn: 'listSpeakers', what: 'speakers used in a project', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
  {
    kind: 'data', module: 'links', fn: 'createLinkToSentence', what: 'link to a sentence', expect: data(CONTRIBUTE),
    invoke: async (f, w, x) => {
      const start = BODY_B.indexOf(SENTENCE);
      const sentence = { articleId: w.article2Id, start, end: start + SENTENCE.length, exact: SENTENCE, label: 'context' };
      return later(f, { actor: a(w, x), input: { fromAnnotationId: (await w.annotation()).id, relation: 'corroborates', sentence } });
    },
  },
  { kind: 'data', module: 'links', fn: 'claimBoard', what: 'the claim board', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
  { kind: 'data', module: 'links', fn: 'quoteComparison', what: 'compare a statement', expect: data(READ), invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: (await w.annotation()).id }) },
  { kind: 'data', module: 'reviews', fn: 'disputedItems', what: 'disputed items to settle', expect: data(LEAD), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
  { kind: 'data', module: 'verdicts', fn: 'finalVerdicts', what: 'final verdicts of a project', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
  { kind: 'data', module: 'inbox', fn: 'unreadCount', what: 'my unread count', expect: data(SIGNED_IN), invoke: (f, w, x) => later(f, { actor: a(w, x) }) },
  { kind: 'data', module: 'liveEvents', fn: 'liveChangesAfter', what: 'my live changes', expect: data(SIGNED_IN), invoke: (f, w, x) => later(f, { actor: a(w, x), afterId: 0 } as never) },
  {
    kind: 'data', module: 'agreement', fn: 'pairDisagreements', what: 'where two reviewers disagree', expect: data(READ),
    invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, a: w.people.authorReviewer.id, b: w.people.otherReviewer.id }),
  },
];

/** A fresh article of the matrix project (optionally archived), so archiving one leaves the others alone. */
async function freshArticle(w: World, archived = false): Promise<number> {
  const { id: articleId } = await importArticle({ actor: SYSTEM, projectId: w.projectId, input: { title: 'Imported by mistake', body: `A text imported by mistake at ${Math.random()}.` } });
  if (archived) await archiveArticle({ actor: SYSTEM, articleId });
  return articleId;
}

/** Issue 14: outlets of many articles, archiving, changing one's own password. */
function deskRows(): MatrixRow[] {
  return [
    {
      kind: 'route', method: 'POST', path: '/api/projects/:projectId/articles/outlet', what: 'set the outlet of many articles', expect: LEAD,
      build: (w) => ({ params: { projectId: id(w.projectId) }, body: { articleIds: [w.articleId, w.article2Id], outlet: `Outlet ${Math.random()}` } }),
    },
    { kind: 'route', method: 'POST', path: '/api/articles/:articleId/archive', what: 'archive an article', expect: LEAD, build: async (w) => ({ params: { articleId: id(await freshArticle(w)) } }) },
    { kind: 'route', method: 'POST', path: '/api/articles/:articleId/restore', what: 'restore an archived article', expect: LEAD, build: async (w) => ({ params: { articleId: id(await freshArticle(w, true)) } }) },
    {
      kind: 'data', module: 'articleOutlets', fn: 'setOutlet', what: 'set the outlet of many articles', expect: data(LEAD),
      invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId, input: { articleIds: [w.articleId], outlet: `Outlet ${Math.random()}` } }),
    },
    { kind: 'data', module: 'articleArchive', fn: 'archiveArticle', what: 'archive an article', expect: data(LEAD), invoke: async (f, w, x) => later(f, { actor: a(w, x), articleId: await freshArticle(w) }) },
    { kind: 'data', module: 'articleArchive', fn: 'restoreArticle', what: 'restore an article', expect: data(LEAD), invoke: async (f, w, x) => later(f, { actor: a(w, x), articleId: await freshArticle(w, true) }) },
    { kind: 'data', module: 'articleArchive', fn: 'listArchivedArticles', what: 'archived articles', expect: data(LEAD), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
    {
      // A wrong current password: every signed-in caller reaches the check and is refused alike (the happy path: tests/flows/ownPassword.test.ts).
      kind: 'data', module: 'ownPassword', fn: 'changeOwnPassword', what: 'change my password (wrong current one)',
      expect: data({ ...SIGNED_IN, nonMember: 400, viewer: 400, authorReviewer: 400, otherReviewer: 400, lead: 400, admin: 400 }),
      invoke: (f, w, x) => later(f, { actor: a(w, x), ip: '203.0.113.9', keepSessionId: null, input: { currentPassword: 'not my password', newPassword: 'a new long password', confirmPassword: 'a new long password' } }),
    },
  ];
}

/** A fresh annotation waiting in the re-anchoring queue (as a revision leaves an edited span). */
async function pendingAnnotation(w: World): Promise<number> {
  const row = await w.annotation({ articleId: w.article2Id });
  await exec(getDb().update(annotationTable).set({ anchorPending: true, anchorState: 'edited', anchorScore: 0.8 }).where(eq(annotationTable.id, row.id)));
  return row.id;
}
/** Revisions keep BODY_B as their start, so fresh annotations (offsets 0..70) stay valid. */
const revisedBody = (who: string) => `${BODY_B}\n\nUpdate for ${who} ${Math.random()}.`;

const revisionRows: MatrixRow[] = [
  { kind: 'route', method: 'GET', path: '/api/articles/:articleId/revisions', what: 'list revisions', expect: READ, build: (w) => ({ params: { articleId: id(w.article2Id) } }) },
  {
    kind: 'route', method: 'POST', path: '/api/articles/:articleId/revisions', what: 'post a revision', expect: LEAD,
    build: (w, x) => ({ params: { articleId: id(w.article2Id) }, body: { body: revisedBody(x), note: 'matrix' } }),
  },
  { kind: 'route', method: 'GET', path: '/api/articles/:articleId/revisions/:n', what: 'read a revision', expect: READ, build: (w) => ({ params: { articleId: id(w.article2Id), n: '1' } }) },
  { kind: 'route', method: 'GET', path: '/api/articles/:articleId/revisions/queue', what: 're-anchoring queue', expect: READ, build: (w) => ({ params: { articleId: id(w.article2Id) } }) },
  {
    kind: 'route', method: 'POST', path: '/api/articles/:articleId/revisions/queue/:annotationId', what: 'decide a re-anchored span', expect: CONTRIBUTE,
    build: async (w) => ({ params: { articleId: id(w.article2Id), annotationId: id(await pendingAnnotation(w)) }, body: { action: 'accept' } }),
  },
  { kind: 'data', module: 'revisions', fn: 'listRevisions', what: 'list revisions', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.article2Id }) },
  { kind: 'data', module: 'revisions', fn: 'readRevision', what: 'read a revision', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.article2Id, number: 1 }) },
  { kind: 'data', module: 'revisions', fn: 'readerRevisions', what: "the reader's revision bar", expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.article2Id, requested: '1' }) },
  { kind: 'data', module: 'revisions', fn: 'anchorStatesOn', what: 'anchor states on a revision', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.article2Id, number: 1 }) },
  {
    kind: 'data', module: 'revisions', fn: 'createRevision', what: 'post a revision', expect: data(LEAD),
    invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.article2Id, input: { body: revisedBody(x) } }),
  },
  { kind: 'data', module: 'revisions', fn: 'proposeArticleCleanup', what: 'propose a clean-up', expect: data(LEAD), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.article2Id }) },
  { kind: 'route', method: 'GET', path: '/api/projects/:projectId/revisions/queue', what: 're-anchoring queue of a project', expect: READ, build: (w) => ({ params: { projectId: id(w.projectId) } }) },
  { kind: 'data', module: 'revisionQueue', fn: 'reanchorQueueCount', what: 're-anchoring queue count', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
  { kind: 'data', module: 'revisionQueue', fn: 'projectReanchorQueue', what: 're-anchoring queue page of a project', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
  { kind: 'data', module: 'revisionQueue', fn: 'reanchorQueue', what: 're-anchoring queue of a project', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), projectId: w.projectId }) },
  { kind: 'data', module: 'revisionQueue', fn: 'articleReanchorQueue', what: 're-anchoring queue of an article', expect: data(READ), invoke: (f, w, x) => later(f, { actor: a(w, x), articleId: w.article2Id }) },
  {
    kind: 'data', module: 'revisionQueue', fn: 'resolveAnchor', what: 'decide a re-anchored span', expect: data(CONTRIBUTE),
    invoke: async (f, w, x) => later(f, { actor: a(w, x), annotationId: await pendingAnnotation(w), input: { action: 'accept' } }),
  },
];

/** Rows whose cells would change the world for the next actor are re-seeded by the test. */
export const MATRIX: MatrixRow[] = [
  ...routes, ...deskRows().filter((r) => r.kind === 'route'), ...revisionRows.filter((r) => r.kind === 'route'), ...threadRoutes,
  ...dataRows, ...annotationRows, ...linkRows, ...reviewRows, ...moreRows,
  ...deskRows().filter((r) => r.kind === 'data'), ...revisionRows.filter((r) => r.kind === 'data'),
];

export function rowTitle(row: MatrixRow): string {
  return row.kind === 'route' ? `${row.method} ${row.path}` : `lib/data/${row.module}.${row.fn}`;
}
