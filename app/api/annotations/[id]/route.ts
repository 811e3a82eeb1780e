import { NextResponse } from 'next/server';
import { authedRoute, pathId, readJson } from '@/lib/http/api';
import { deleteAnnotation, getAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { badRequest } from '@/lib/errors';
import { commitTogether } from '@/lib/db/groupCommit';

type Params = { id: string };

/** The version in an If-Match header ("3", 3 or W/"3"); null when absent. */
function ifMatchVersion(request: Request): number | null {
  const header = request.headers.get('if-match');
  if (header === null) return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw badRequest('If-Match must be the annotation version, e.g. If-Match: "3".');
  return Number(m[1]);
}

export const GET = authedRoute<Params>(({ actor, params }) => {
  const annotation = getAnnotation({ actor, annotationId: pathId(params.id, 'Annotation') });
  return NextResponse.json({ annotation }, { headers: { ETag: `"${annotation.version}"` } });
});

export const PATCH = authedRoute<Params>(async ({ actor, params, request }) => {
  const annotationId = pathId(params.id, 'Annotation');
  const input = await readJson(request, 64 * 1024);
  const ifMatch = ifMatchVersion(request);
  const annotation = await commitTogether(() => updateAnnotation({ actor, annotationId, ifMatch, input }));
  return NextResponse.json({ annotation }, { headers: { ETag: `"${annotation.version}"` } });
});

export const DELETE = authedRoute<Params>(async ({ actor, params, request }) => {
  const annotationId = pathId(params.id, 'Annotation');
  const ifMatch = ifMatchVersion(request);
  return { deleted: await commitTogether(() => deleteAnnotation({ actor, annotationId, ifMatch })) };
});
