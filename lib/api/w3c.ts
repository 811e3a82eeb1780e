/**
 * Handlers of the Web Annotation Protocol routes (read-only): a project's annotation
 * container and its pages, one member as JSON-LD, and an article's text that the members'
 * selectors count code points in.
 */
import { authedRoute, pathId } from '../http/api';
import { getArticle } from '../data/articles';
import { readW3cContainer, readW3cItem, readW3cPage } from '../data/w3cContainer';
import { negotiateJsonLd, notAcceptable, preferredView, protocolResponse } from '../http/annotationProtocol';
import { requestOrigin } from '../http/origin';

/** The article's exact stored body: the text that W3C selectors count code points in. */
export const readArticleText = authedRoute<{ articleId: string }>(async ({ actor, params }) => {
  const { article } = await getArticle({ actor, articleId: pathId(params.articleId, 'Article') });
  return new Response(article.body, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ETag: `"${article.sha256}"`, 'Cache-Control': 'private, no-cache', 'X-Content-Type-Options': 'nosniff' },
  });
});

/** The project's read-only annotation container; with ?cursor=… one of its AnnotationPages. */
export const readContainer = authedRoute<{ projectId: string }>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const mediaType = negotiateJsonLd(request);
  if (!mediaType) return notAcceptable();
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { view, applied } = preferredView(request);
  const baseUrl = requestOrigin(request);
  if (Object.keys(query).length === 0) {
    const document = await readW3cContainer({ actor, projectId, baseUrl, view });
    return protocolResponse(document, { mediaType, kind: 'container', preferenceApplied: applied });
  }
  const document = await readW3cPage({ actor, projectId, baseUrl, query, view });
  return protocolResponse(document, { mediaType, kind: 'page', preferenceApplied: applied && view === 'iris' });
});

/** One member of the annotation container (annotation-ID, link-ID, review-ID) as JSON-LD. */
export const readContainerItem = authedRoute<{ projectId: string; item: string }>(async ({ actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const mediaType = negotiateJsonLd(request);
  if (!mediaType) return notAcceptable();
  const { document, etag } = await readW3cItem({ actor, projectId, key: params.item, baseUrl: requestOrigin(request) });
  return protocolResponse(document, { mediaType, kind: 'resource', etag });
});
