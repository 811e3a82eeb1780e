/**
 * Handlers of the revision routes: an article's revisions (list, read one, post a corrected
 * text) and its re-anchoring queue (list, decide). Thin adapters over lib/data/revisions.ts
 * and lib/data/revisionQueue.ts; the project's whole re-anchoring queue.
 */
import { NextResponse } from 'next/server';
import { authedRoute, pathId, readJson } from '../http/api';
import { createRevision, listRevisions, readRevision } from '../data/revisions';
import { articleReanchorQueue, reanchorQueue, resolveAnchor } from '../data/revisionQueue';
import { MAX_BODY_BYTES } from '../validation';

type ArticleParams = { articleId: string };
const pageQuery = (request: Request) => {
  const search = new URL(request.url).searchParams;
  return { cursor: search.get('cursor'), limit: search.get('limit') };
};

/** GET: the revisions, oldest first, as a page ({items, nextCursor}). */
export const readRevisions = authedRoute<ArticleParams>(async ({ actor, params, request }) =>
  await listRevisions({ actor, articleId: pathId(params.articleId, 'Article'), query: pageQuery(request) }),
);

/** POST {body, title?, publishedAt?, modifiedAt?, note?} (leads): 201 with the revision and the re-anchoring result. */
export const postRevision = authedRoute<ArticleParams>(async ({ actor, params, request }) => {
  const articleId = pathId(params.articleId, 'Article');
  // A 2 MB body in JSON escapes grows; the body's own 2 MB limit is checked by lib/data.
  const input = await readJson(request, MAX_BODY_BYTES * 2 + 64 * 1024);
  return NextResponse.json(await createRevision({ actor, articleId, input }), { status: 201 });
});

/** GET: one revision with its body and the annotations placed on it. */
export const readOneRevision = authedRoute<ArticleParams & { n: string }>(async ({ actor, params }) =>
  await readRevision({ actor, articleId: pathId(params.articleId, 'Article'), number: pathId(params.n, 'Revision') }),
);

/** GET: the article's spans waiting for a re-anchoring decision, as a page. */
export const readQueue = authedRoute<ArticleParams>(async ({ actor, params, request }) =>
  await articleReanchorQueue({ actor, articleId: pathId(params.articleId, 'Article'), query: pageQuery(request) }),
);

/** GET ?cursor=&limit=: every span of the project waiting for a re-anchoring decision, as a page with `total`. */
export const readProjectQueue = authedRoute<{ projectId: string }>(async ({ actor, params, request }) =>
  await reanchorQueue({ actor, projectId: pathId(params.projectId, 'Project'), query: pageQuery(request) }),
);

/** POST {action: accept | reselect (start, end) | retire} for one waiting annotation (reviewers, leads). */
export const postQueueDecision = authedRoute<ArticleParams & { annotationId: string }>(async ({ actor, params, request }) => {
  const articleId = pathId(params.articleId, 'Article');
  const annotationId = pathId(params.annotationId, 'Annotation');
  const input = await readJson(request, 16 * 1024);
  return { decision: await resolveAnchor({ actor, articleId, annotationId, input }) };
});
