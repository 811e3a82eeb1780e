/** Handlers of the link routes: create, list, read and delete links between statements. */
import { AppError } from '../errors';
import { authedRoute, pathId, readJson, jsonAnswer } from '../http/api';
import { createLink, createLinkToSentence, deleteLink } from '../data/links';
import { getLink, linksForAnnotation, pageLinksForProject } from '../data/linkViews';

type Params = { id: string };

/**
 * POST {fromAnnotationId, toAnnotationId, relation, note?} links two statements;
 * POST {fromAnnotationId, relation, note?, sentence: {articleId, start, end, exact, label}}
 * annotates an unannotated sentence and links it in one step.
 */
export const postLink = authedRoute(async ({ actor, request }) => {
  const input = await readJson(request, 64 * 1024);
  if (input && typeof input === 'object' && 'sentence' in input) {
    const { link, annotation } = await createLinkToSentence({ actor, input });
    return jsonAnswer({ link, annotation }, { status: 201 });
  }
  return jsonAnswer({ link: await createLink({ actor, input }) }, { status: 201 });
});

/**
 * GET ?annotationId=ID: that annotation's links, {links}; GET ?projectId=ID&cursor=&limit=: one
 * page of a project's live links, oldest first, {items, nextCursor}.
 */
export const listLinks = authedRoute(async ({ actor, request }) => {
  const params = new URL(request.url).searchParams;
  const annotationId = params.get('annotationId');
  const projectId = params.get('projectId');
  if (annotationId) return { links: await linksForAnnotation({ actor, annotationId: pathId(annotationId, 'Annotation') }) };
  if (projectId) return await pageLinksForProject({ actor, projectId: pathId(projectId, 'Project'), query: Object.fromEntries(params) });
  throw new AppError('bad_request', 'Say which links: ?annotationId=ID or ?projectId=ID.');
});

export const readLink = authedRoute<Params>(async ({ actor, params }) => ({ link: await getLink({ actor, linkId: pathId(params.id, 'Link') }) }));

/** Tombstones the link (its author only). */
export const removeLink = authedRoute<Params>(async ({ actor, params }) => {
  const link = await deleteLink({ actor, linkId: pathId(params.id, 'Link') });
  return { link: { id: link.id, deletedAt: link.deletedAt?.toISOString() ?? null, version: link.version } };
});
