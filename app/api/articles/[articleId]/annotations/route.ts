import { NextResponse } from 'next/server';
import { authedRoute, pathId, readJson } from '@/lib/http/api';
import { annotationsSince, createAnnotation, currentCursor, listAnnotations } from '@/lib/data/annotations';
import { badRequest } from '@/lib/errors';
import { commitTogether } from '@/lib/db/groupCommit';

type Params = { articleId: string };

/** GET: every live annotation and a polling cursor; with ?since=<cursor>, only what changed. */
export const GET = authedRoute<Params>(({ actor, params, request }) => {
  const articleId = pathId(params.articleId, 'Article');
  const since = new URL(request.url).searchParams.get('since');
  if (since !== null) {
    if (!/^\d{1,15}$/.test(since)) throw badRequest('since must be the cursor a previous answer gave (a whole number).');
    return annotationsSince({ actor, articleId, since: Number(since) });
  }
  const cursor = currentCursor();
  return { annotations: listAnnotations({ actor, articleId }), cursor };
});

export const POST = authedRoute<Params>(async ({ actor, params, request }) => {
  const articleId = pathId(params.articleId, 'Article');
  const input = await readJson(request, 64 * 1024);
  const annotation = await commitTogether(() => createAnnotation({ actor, articleId, input }));
  return NextResponse.json({ annotation }, { status: 201, headers: { ETag: `"${annotation.version}"` } });
});
