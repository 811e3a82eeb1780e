/**
 * Route-handler glue shared by the review endpoints: the If-Match header as an expected version,
 * and one handler pair per target kind (annotation or link) so both URL trees behave the same.
 */
import { NextResponse } from 'next/server';
import { authedRoute, pathId, readJson } from '../http/api';
import { badRequest } from '../errors';
import { commitTogether } from '../db/groupCommit';
import { listReviews, reviewAnnotation, reviewLink, settle } from '../data/reviews';
import { addComment, listComments } from '../data/comments';
import { historyOf } from '../data/history';
import type { TargetKind } from '../data/reviewTargets';

type Params = { id: string };

/** The version in an If-Match header ("3", 3 or W/"3"); undefined when absent. */
export function ifMatchVersion(request: Request): number | undefined {
  const header = request.headers.get('if-match');
  if (header === null) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw badRequest('If-Match must be the item version, e.g. If-Match: "3".');
  return Number(m[1]);
}

/** The JSON body with the If-Match version merged in as expectedVersion (the body wins when both are given). */
async function reviewInput(request: Request): Promise<unknown> {
  const body = await readJson(request, 64 * 1024);
  const version = ifMatchVersion(request);
  if (version === undefined || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  return { expectedVersion: version, ...(body as Record<string, unknown>) };
}

const NAME: Record<TargetKind, string> = { annotation: 'Annotation', link: 'Link' };

/** GET (reviews and what the caller may do) and POST (a review) for /api/{kind}s/:id/reviews. */
export function reviewRoutes(kind: TargetKind) {
  const write = kind === 'annotation' ? reviewAnnotation : reviewLink;
  return {
    GET: authedRoute<Params>(({ actor, params }) => listReviews({ actor, kind, id: pathId(params.id, NAME[kind]) })),
    POST: authedRoute<Params>(async ({ actor, params, request }) => {
      const id = pathId(params.id, NAME[kind]);
      const input = await reviewInput(request);
      const result = await commitTogether(() => write({ actor, id, input }));
      return NextResponse.json(result, { status: 201 });
    }),
  };
}

/** POST a lead's settlement {decision, reason} for /api/{kind}s/:id/settle. */
export function settleRoute(kind: TargetKind) {
  return authedRoute<Params>(async ({ actor, params, request }) => {
    const id = pathId(params.id, NAME[kind]);
    const input = await reviewInput(request);
    return NextResponse.json(await commitTogether(() => settle({ actor, kind, id, input })), { status: 201 });
  });
}

/** GET the thread and POST {body, parentId?} for /api/{kind}s/:id/comments. */
export function commentRoutes(kind: TargetKind) {
  return {
    GET: authedRoute<Params>(({ actor, params }) => listComments({ actor, target: { kind, id: pathId(params.id, NAME[kind]) } })),
    POST: authedRoute<Params>(async ({ actor, params, request }) => {
      const target = { kind, id: pathId(params.id, NAME[kind]) };
      const input = await readJson(request, 64 * 1024);
      const comment = await commitTogether(() => addComment({ actor, target, input }));
      return NextResponse.json({ comment }, { status: 201 });
    }),
  };
}

/** GET the audit history for /api/{kind}s/:id/history. */
export function historyRoute(kind: TargetKind) {
  return authedRoute<Params>(({ actor, params }) => {
    const { entries } = historyOf({ actor, kind, id: pathId(params.id, NAME[kind]) });
    return { entries };
  });
}
