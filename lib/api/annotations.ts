/**
 * Handlers of the annotation routes: an article's annotations, one annotation, its undo,
 * link suggestions and verdicts. Each is a thin adapter over lib/data.
 */
import { authedRoute, ifMatchVersion, pathId, readJson, jsonAnswer } from '../http/api';
import { badRequest } from '../errors';
import { pageRequest } from '../pagination/cursor';
import {
  annotationsSince,
  createAnnotation,
  currentCursor,
  deleteAnnotation,
  getAnnotation,
  annotationPageScope,
  listAnnotationPage,
  listAnnotations,
  restoreAnnotation,
  updateAnnotation,
} from '../data/annotations';
import { suggestions } from '../data/linkSuggestions';
import { finalizeVerdict, listVerdicts, proposeVerdict } from '../data/verdicts';

type ArticleParams = { articleId: string };
type Params = { id: string };

/**
 * GET: every live annotation and a polling cursor; with ?limit= and/or ?cursor=, one page in text
 * order with nextCursor and total; with ?since=<cursor>, only what changed.
 */
export const listArticleAnnotations = authedRoute<ArticleParams>(async ({ actor, params, request }) => {
  const articleId = pathId(params.articleId, 'Article');
  const since = new URL(request.url).searchParams.get('since');
  if (since !== null) {
    if (!/^\d{1,15}$/.test(since)) throw badRequest('since must be the cursor a previous answer gave (a whole number).');
    return await annotationsSince({ actor, articleId, since: Number(since) });
  }
  const query = new URL(request.url).searchParams;
  const cursor = await currentCursor();
  if (query.has('limit') || query.has('cursor')) {
    // Pages in text order: the reader fetches the rest of a long article after first paint.
    const page = pageRequest(annotationPageScope(articleId), { cursor: query.get('cursor'), limit: query.get('limit') }, 3);
    const { items, nextCursor, total } = await listAnnotationPage({ actor, articleId, page });
    return { annotations: items, nextCursor, total, cursor };
  }
  return { annotations: await listAnnotations({ actor, articleId }), cursor };
});

/** POST {label, start, end, exact?, note?, attributes?}: tag a span. */
export const postAnnotation = authedRoute<ArticleParams>(async ({ actor, params, request }) => {
  const articleId = pathId(params.articleId, 'Article');
  const input = await readJson(request, 64 * 1024);
  const annotation = await createAnnotation({ actor, articleId, input });
  return jsonAnswer({ annotation }, { status: 201, headers: { ETag: `"${annotation.version}"` } });
});

export const readAnnotation = authedRoute<Params>(async ({ actor, params }) => {
  const annotation = await getAnnotation({ actor, annotationId: pathId(params.id, 'Annotation') });
  return jsonAnswer({ annotation }, { headers: { ETag: `"${annotation.version}"` } });
});

/** PATCH with If-Match: <version>; 412 when stale. */
export const patchAnnotation = authedRoute<Params>(async ({ actor, params, request }) => {
  const annotationId = pathId(params.id, 'Annotation');
  const input = await readJson(request, 64 * 1024);
  const ifMatch = ifMatchVersion(request) ?? null;
  const annotation = await updateAnnotation({ actor, annotationId, ifMatch, input });
  return jsonAnswer({ annotation }, { headers: { ETag: `"${annotation.version}"` } });
});

export const removeAnnotation = authedRoute<Params>(async ({ actor, params, request }) => {
  const annotationId = pathId(params.id, 'Annotation');
  const ifMatch = ifMatchVersion(request) ?? null;
  return { deleted: await deleteAnnotation({ actor, annotationId, ifMatch }) };
});

/** POST: undo the caller's own recent delete (see RESTORE_WINDOW_MS). */
export const postRestore = authedRoute<Params>(async ({ actor, params }) => ({
  annotation: await restoreAnnotation({ actor, annotationId: pathId(params.id, 'Annotation') }),
}));

/** Statements of the project's other articles to link to: similar ones, or matching ?q=. */
export const listSuggestions = authedRoute<Params>(({ actor, params, request }) => {
  const q = new URL(request.url).searchParams.get('q') ?? '';
  return suggestions({ actor, annotationId: pathId(params.id, 'Annotation'), q });
});

/** GET the final verdict and the proposals of a claim. */
export const readVerdicts = authedRoute<Params>(async ({ actor, params }) => await listVerdicts({ actor, annotationId: pathId(params.id, 'Annotation') }));

/**
 * POST {verdict, rationale, evidenceLinkIds?, final?}: propose a verdict, or with final: true
 * (leads) set the claim's final verdict.
 */
export const postVerdict = authedRoute<Params>(async ({ actor, params, request }) => {
  const annotationId = pathId(params.id, 'Annotation');
  const body = await readJson(request, 64 * 1024);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Send a JSON object.');
  const { final, ...input } = body as Record<string, unknown>;
  if (final !== undefined && typeof final !== 'boolean') throw badRequest('Invalid input: final: must be true or false');
  const verdict = final ? await finalizeVerdict({ actor, annotationId, input }) : await proposeVerdict({ actor, annotationId, input });
  return jsonAnswer({ verdict }, { status: 201 });
});
