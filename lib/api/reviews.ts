/**
 * Handlers of the review routes, one set per target kind (annotation or link) so both URL
 * trees behave the same: reviews, a lead's settlement, comment threads and history; plus
 * editing and deleting one's own comment.
 */
import { authedRoute, ifMatchVersion, pathId, readJson, jsonAnswer } from '../http/api';
import { listReviews, reviewAnnotation, reviewLink, settle } from '../data/reviews';
import { addComment, deleteComment, editComment, listComments } from '../data/comments';
import { historyPage } from '../data/history';
import type { TargetKind } from '../data/reviewTargets';

type Params = { id: string };

/** The JSON body with the If-Match version merged in as expectedVersion (the body wins when both are given). */
async function reviewInput(request: Request): Promise<unknown> {
  const body = await readJson(request, 64 * 1024);
  const version = ifMatchVersion(request);
  if (version === undefined || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  return { expectedVersion: version, ...(body as Record<string, unknown>) };
}

const NAME: Record<TargetKind, string> = { annotation: 'Annotation', link: 'Link' };

/** GET the reviews of an item and what the caller may do with it. */
export function readReviews(kind: TargetKind) {
  return authedRoute<Params>(async ({ actor, params }) => await listReviews({ actor, kind, id: pathId(params.id, NAME[kind]) }));
}

/** POST {decision: accept|reject, reason?} (If-Match optional). */
export function postReview(kind: TargetKind) {
  const write = kind === 'annotation' ? reviewAnnotation : reviewLink;
  return authedRoute<Params>(async ({ actor, params, request }) => {
    const id = pathId(params.id, NAME[kind]);
    const result = await write({ actor, id, input: await reviewInput(request) });
    return jsonAnswer(result, { status: 201 });
  });
}

/** POST a lead's final decision {decision, reason} on a disputed item. */
export function postSettlement(kind: TargetKind) {
  return authedRoute<Params>(async ({ actor, params, request }) => {
    const id = pathId(params.id, NAME[kind]);
    return jsonAnswer(await settle({ actor, kind, id, input: await reviewInput(request) }), { status: 201 });
  });
}

/** GET the discussion thread of an item. */
export function readComments(kind: TargetKind) {
  return authedRoute<Params>(async ({ actor, params }) => await listComments({ actor, target: { kind, id: pathId(params.id, NAME[kind]) } }));
}

/** POST {body, parentId?}: comment or reply. */
export function postComment(kind: TargetKind) {
  return authedRoute<Params>(async ({ actor, params, request }) => {
    const target = { kind, id: pathId(params.id, NAME[kind]) };
    const comment = await addComment({ actor, target, input: await readJson(request, 64 * 1024) });
    return jsonAnswer({ comment }, { status: 201 });
  });
}

/** GET ?cursor=&limit=: who did what to an item and when, from the audit log, newest first, {items, nextCursor}. */
export function readHistory(kind: TargetKind) {
  return authedRoute<Params>(async ({ actor, params, request }) => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const { items, nextCursor } = await historyPage({ actor, kind, id: pathId(params.id, NAME[kind]), query });
    return { items, nextCursor };
  });
}

/** PATCH {body}: edit your own comment. */
export const patchComment = authedRoute<Params>(async ({ actor, params, request }) => ({
  comment: await editComment({ actor, commentId: pathId(params.id, 'Comment'), input: await readJson(request, 64 * 1024) }),
}));

/** DELETE your own comment: the thread keeps its place and shows "comment deleted". */
export const removeComment = authedRoute<Params>(async ({ actor, params }) => {
  await deleteComment({ actor, commentId: pathId(params.id, 'Comment') });
  return { deleted: true };
});
