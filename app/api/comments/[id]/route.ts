import { authedRoute, pathId, readJson } from '@/lib/http/api';
import { deleteComment, editComment } from '@/lib/data/comments';

type Params = { id: string };

/** PATCH {body}: edit your own comment. */
export const PATCH = authedRoute<Params>(async ({ actor, params, request }) => ({
  comment: editComment({ actor, commentId: pathId(params.id, 'Comment'), input: await readJson(request, 64 * 1024) }),
}));

/** DELETE your own comment: the thread keeps its place and shows "comment deleted". */
export const DELETE = authedRoute<Params>(({ actor, params }) => {
  deleteComment({ actor, commentId: pathId(params.id, 'Comment') });
  return { deleted: true };
});
